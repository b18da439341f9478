import { useMemo } from 'react';
import type { BoardItem } from '../../shared/items';
import { resolveItems } from '../../shared/items';
import { usePrioritizingData } from '../matrix/usePrioritizing';

/**
 * The board's items now, by any id that counts for them (a note that joined a cluster resolves to the cluster):
 * a ranked result or an initiative's source names the item it had then.
 */
export function useLiveItems(): ReadonlyMap<string, BoardItem> {
  const { items } = usePrioritizingData();
  return useMemo(() => resolveItems(items), [items]);
}
