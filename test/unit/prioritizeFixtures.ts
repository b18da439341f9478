import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs.js';
import { type NotePlace, readPlace } from '../../shared/records/note.js';
import type { RoundTotal, VotingRound } from '../../shared/records/voting.js';
import { storedNote } from './fixtures.js';

/**
 * Groups notes into a cluster the way any Yjs tool can (the cluster operations are another part of issue 5):
 * a cluster record in `clusters`, and each note's `place.clusterId`.
 */
export function writeCluster(doc: Y.Doc, id: string, pillarId: string, noteIds: string[], title = ''): void {
  doc.transact(() => {
    const cluster = new Y.Map<unknown>();
    cluster.set('title', new Y.Text(title));
    cluster.set('pillarId', pillarId);
    cluster.set('order', 'a0');
    cluster.set('createdAt', 1);
    cluster.set('createdBy', 'tanaka');
    boardRoots.clusters(doc).set(id, cluster);
    for (const noteId of noteIds) {
      const note = storedNote(doc, noteId);
      const place = readPlace(note.get('place'));
      if (!place) throw new Error(`note ${noteId} has no place`);
      note.set('place', { ...place, clusterId: id } satisfies NotePlace);
    }
  });
}

/** A revealed round with these totals (count per item id at the reveal). */
export function revealedRound(number: number, counts: Record<string, number>): VotingRound {
  const totals: RoundTotal[] = Object.entries(counts).map(([itemId, count]) => ({
    itemId,
    kind: 'note',
    pillarId: null,
    label: itemId,
    count,
  }));
  return {
    number,
    status: 'revealed',
    budget: 5,
    cap: null,
    openedAt: 1,
    closedAt: 2,
    revealedAt: 3,
    voters: 3,
    totals,
  };
}
