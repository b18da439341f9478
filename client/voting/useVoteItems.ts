import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { ItemKind } from '../../shared/items';
import { itemLabel, listItems } from '../../shared/items';
import { useBoard } from '../session/hooks';

/** What the ballot shows of an item: a shown cluster (with its title or first note) or a loose note. */
export interface VoteItem {
  id: string;
  kind: ItemKind;
  pillarId: string | null;
  label: string;
  /** Notes in a cluster (1 for a note). */
  size: number;
}

/**
 * The items people vote on (shared/items.ts), recomputed on each board change and handed on as a new array
 * only when an id, a label or a pillar changed: typing elsewhere does not re-render the ballot.
 */
export function useVoteItems(): readonly VoteItem[] {
  const { session } = useBoard();
  const cache = useRef<{ json: string; items: readonly VoteItem[]; stale: boolean } | null>(null);
  const read = useCallback(() => {
    const items = listItems(session.boardDoc).map(
      (item): VoteItem => ({
        id: item.id,
        kind: item.kind,
        pillarId: item.pillarId,
        label: itemLabel(item),
        size: item.kind === 'cluster' ? item.notes.length : 1,
      }),
    );
    const json = JSON.stringify(items);
    if (cache.current?.json !== json) cache.current = { json, items, stale: false };
    cache.current.stale = false;
    return cache.current.items;
  }, [session]);
  const subscribe = useCallback(
    (notify: () => void) => {
      const onUpdate = () => {
        if (cache.current) cache.current.stale = true;
        notify();
      };
      session.boardDoc.on('update', onUpdate);
      return () => session.boardDoc.off('update', onUpdate);
    },
    [session],
  );
  const snapshot = () => (cache.current && !cache.current.stale ? cache.current.items : read());
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
