import { describe, expect, it } from 'vitest';
import { applyHold, holdFor, movedSinceHold } from '../../client/session/editingHold.js';
import { groupNotes, moveCluster } from '../../shared/ops/clusters.js';
import { deleteNote, moveNote } from '../../shared/ops/notes.js';
import { getNote, listNotes, liveNotesByLane, readClusters } from '../../shared/selectors.js';
import { add, newBoard, PILLAR_CITIZENS, PILLAR_EFFICIENCY } from './fixtures.js';

/** The lanes as this tab shows them while holding `noteId` as it was when `hold` was taken. */
function shownLanes(doc: ReturnType<typeof newBoard>, hold: ReturnType<typeof holdFor>) {
  const shown = applyHold(hold, listNotes(doc), readClusters(doc));
  return [...liveNotesByLane(doc, shown.notes, shown.clusters)].map(([key, notes]) => [key, notes.map((n) => n.id)]);
}

describe('the note being edited is held where it was', () => {
  it('keeps a note moved by a colleague in its lane and place, and says it moved', () => {
    const doc = newBoard();
    add(doc, { id: 'a', text: '一' });
    add(doc, { id: 'b', text: '二' });
    const hold = holdFor(getNote(doc, 'a')!, readClusters(doc));
    const before = shownLanes(doc, hold);
    moveNote(doc, 'a', { pillarId: PILLAR_EFFICIENCY, lane: 'idea', index: 0 });
    expect(shownLanes(doc, hold)).toEqual(before);
    expect(movedSinceHold(hold, getNote(doc, 'a')!, readClusters(doc))).toBe(true);
  });

  it('keeps a note trashed by a colleague shown, live, and the document untouched', () => {
    const doc = newBoard();
    add(doc, { id: 'a', text: '一' });
    const hold = holdFor(getNote(doc, 'a')!, readClusters(doc));
    expect(movedSinceHold(hold, getNote(doc, 'a')!, readClusters(doc))).toBe(false);
    deleteNote(doc, 'a', 2000, undefined, { id: 'suzuki', name: '鈴木' });
    expect(shownLanes(doc, hold)).toEqual([[`${PILLAR_CITIZENS}\u0000problem`, ['a']]]);
    expect(getNote(doc, 'a')?.deletedAt).toBe(2000);
  });

  it('keeps a clustered note in its cluster when the cluster is the one moved', () => {
    const doc = newBoard();
    add(doc, { id: 'a', text: '一' });
    add(doc, { id: 'b', text: '二' });
    const grouped = groupNotes(doc, { noteId: 'a', targetNoteId: 'b', newClusterId: 'k', createdBy: 'tanaka' });
    expect(grouped.ok).toBe(true);
    const hold = holdFor(getNote(doc, 'a')!, readClusters(doc));
    expect(hold.cluster?.pillarId).toBe(PILLAR_CITIZENS);
    expect(moveCluster(doc, 'k', { pillarId: PILLAR_EFFICIENCY, index: 0 }).ok).toBe(true);
    const shown = applyHold(hold, listNotes(doc), readClusters(doc));
    expect(shown.clusters.get('k')?.pillarId).toBe(PILLAR_CITIZENS);
    expect(movedSinceHold(hold, getNote(doc, 'a')!, readClusters(doc))).toBe(true);
  });
});
