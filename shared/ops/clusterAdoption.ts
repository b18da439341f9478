import type * as Y from 'yjs';
import { boardRoots } from '../docs.js';
import { readMatrixPosition } from '../records/matrix.js';
import { readShortlistMark } from '../records/shortlist.js';

/**
 * A note joining a cluster hands its matrix place and shortlist mark to the cluster, when the cluster has none
 * of its own: the cluster then keeps them even if that note is later deleted as a duplicate (reading them
 * through the live notes alone would drop the cluster from the shortlist and back into the tray). The note's own
 * entries stay, so a note that leaves the cluster still has its place and mark. Call inside the transaction
 * that puts the notes into the cluster.
 */
export function adoptPrioritization(doc: Y.Doc, clusterId: string, noteIds: readonly string[]): void {
  const matrix = boardRoots.matrix(doc);
  if (!readMatrixPosition(matrix.get(clusterId))) {
    const position = noteIds.map((id) => readMatrixPosition(matrix.get(id))).find((p) => p !== null);
    if (position) matrix.set(clusterId, { ...position });
  }
  const shortlist = boardRoots.shortlist(doc);
  if (!readShortlistMark(shortlist.get(clusterId))) {
    const mark = noteIds
      .map((id) => readShortlistMark(shortlist.get(id)))
      .filter((m) => m !== null)
      .sort((a, b) => a.markedAt - b.markedAt)[0];
    if (mark) shortlist.set(clusterId, { ...mark });
  }
}
