import type * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import { byCreation, type Initiative, readInitiative, readInitiatives } from '../../shared/records/initiative';
import { createStore, type ReadStore } from '../lib/store';

const stores = new WeakMap<Y.Doc, ReadStore<readonly Initiative[]>>();

/** The initiatives a batch of changes touched: a record set or removed, or anything inside one. */
function touchedIds(root: Y.Map<unknown>, events: readonly Y.YEvent<Y.AbstractType<unknown>>[]): Set<string> {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.target === root) {
      for (const key of (event as Y.YMapEvent<unknown>).keysChanged) ids.add(key);
    } else {
      const [id] = event.path;
      if (typeof id === 'string') ids.add(id);
    }
  }
  return ids;
}

/**
 * Every initiative of a board (deleted ones too), read again only when the initiatives change — never on a
 * note edit — and then only those touched: the others keep their object, so a card given an unchanged
 * initiative does not render again (React.memo compares by identity).
 */
export function initiativesStore(doc: Y.Doc): ReadStore<readonly Initiative[]> {
  const known = stores.get(doc);
  if (known) return known;
  const root = boardRoots.initiatives(doc);
  const store = createStore<readonly Initiative[]>(readInitiatives(doc));
  root.observeDeep((events) => {
    const touched = touchedIds(root, events);
    const previous = new Map(store.get().map((initiative) => [initiative.id, initiative]));
    const next: Initiative[] = [];
    root.forEach((value, id) => {
      const initiative = (touched.has(id) ? null : previous.get(id)) ?? readInitiative(id, value);
      if (initiative) next.push(initiative);
    });
    store.set(next.sort(byCreation));
  });
  stores.set(doc, store);
  return store;
}
