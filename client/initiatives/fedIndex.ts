import type * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import { initiativesFedBy, listInitiatives } from '../../shared/initiatives';
import { createStore, type ReadStore, useStoreSelector } from '../lib/store';

/** What a note, cluster or item fed: the initiatives made from it, by id and title. */
export interface FedInitiative {
  id: string;
  title: string;
}
export type FedIndex = ReadonlyMap<string, readonly FedInitiative[]>;

const indexes = new WeakMap<Y.Doc, ReadStore<FedIndex>>();

function compute(doc: Y.Doc): FedIndex {
  const initiatives = listInitiatives(doc);
  const titles = new Map(initiatives.map((i) => [i.id, i.fields.title]));
  const out = new Map<string, FedInitiative[]>();
  for (const [key, ids] of initiativesFedBy(doc, initiatives)) {
    out.set(
      key,
      ids.map((id) => ({ id, title: titles.get(id) ?? '' })),
    );
  }
  return out;
}

/**
 * Which initiatives each note and item fed, recomputed once per change to the initiatives (never per card and
 * never on a note edit): the board's note cards and the 「取組案にする」 buttons select their own entry.
 */
export function fedIndex(doc: Y.Doc): ReadStore<FedIndex> {
  const known = indexes.get(doc);
  if (known) return known;
  const store = createStore<FedIndex>(compute(doc));
  boardRoots.initiatives(doc).observeDeep(() => store.set(compute(doc)));
  indexes.set(doc, store);
  return store;
}

const NONE: readonly FedInitiative[] = [];
/**
 * The titles of the initiatives one note or item fed, one per line (a string, so a card re-renders only when its
 * own entry's words change, not when another initiative does).
 */
export function useFedTitles(doc: Y.Doc, id: string): string {
  return useStoreSelector(fedIndex(doc), (index) =>
    (index.get(id) ?? NONE).map((i) => i.title.trim().replace(/\s+/g, ' ')).join('\n'),
  );
}
