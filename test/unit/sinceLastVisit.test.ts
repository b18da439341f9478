import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, deleteComment, editComment } from '../../shared/ops/comments.js';
import { deleteNote, editNoteText, moveNote, restoreNote, setNoteColor } from '../../shared/ops/notes.js';
import { changesSince, decodeSeen, encodeSeen, withOwnChange } from '../../shared/sinceLastVisit.js';
import { add, newBoard, PILLAR_EFFICIENCY } from './fixtures.js';

/** Two replicas of one board: `mine` (this person, who leaves) and `theirs` (a colleague). */
function twoReplicas() {
  const theirs = newBoard();
  add(theirs, { id: 'n1', text: '窓口の待ち時間が長い', author: 'suzuki' });
  add(theirs, { id: 'n2', text: '紙の申請書が多い', author: 'suzuki' });
  add(theirs, { id: 'n3', text: '研修の時間がない', author: 'suzuki' });
  const mine = new Y.Doc();
  Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
  return { mine, theirs };
}

const catchUp = (to: Y.Doc, from: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
const comment = (doc: Y.Doc, id: string, author: string, targetId = 'n1') =>
  addComment(doc, { id, targetId, targetKind: 'note', text: 'コメント', author });

describe('changes since the last visit', () => {
  it('finds nothing when nothing changed', () => {
    const { mine } = twoReplicas();
    expect(changesSince(mine, Y.snapshot(mine), 'tanaka').changes).toEqual([]);
  });

  it('finds exactly the notes added, edited, moved, recoloured and trashed, and the comments added', () => {
    const { mine, theirs } = twoReplicas();
    add(theirs, { id: 'n0', text: '削除前', author: 'suzuki' });
    catchUp(mine, theirs);
    const seen = Y.snapshot(mine);
    add(theirs, { id: 'n4', text: '新しい付箋', author: 'suzuki' });
    editNoteText(theirs, 'n1', '窓口の待ち時間がとても長い');
    moveNote(theirs, 'n2', { pillarId: PILLAR_EFFICIENCY, lane: 'idea', index: 0 });
    setNoteColor(theirs, 'n3', '#ffd6e0');
    deleteNote(theirs, 'n0');
    comment(theirs, 'c1', 'suzuki');
    catchUp(mine, theirs);
    const { changes, noteMarks } = changesSince(mine, seen, 'tanaka');
    expect(changes).toEqual([
      { kind: 'noteChanged', noteId: 'n1', fields: ['text'] },
      { kind: 'noteChanged', noteId: 'n2', fields: ['place'] },
      { kind: 'noteChanged', noteId: 'n3', fields: ['color'] },
      { kind: 'noteChanged', noteId: 'n0', fields: ['deleted'] },
      { kind: 'noteAdded', noteId: 'n4' },
      { kind: 'commentAdded', commentId: 'c1', targetId: 'n1' },
    ]);
    expect(noteMarks.get('n4')).toBe('added');
    expect(changesSince(mine, seen, 'tanaka').newComments).toEqual(new Map([['n1', 1]]));
    expect(noteMarks.get('n1')).toBe('changed');
  });

  it('counts a text deletion as an edit (the delete set, not only new items)', () => {
    const { mine, theirs } = twoReplicas();
    const seen = Y.snapshot(mine);
    editNoteText(theirs, 'n1', '窓口');
    catchUp(mine, theirs);
    expect(changesSince(mine, seen, null).changes).toEqual([{ kind: 'noteChanged', noteId: 'n1', fields: ['text'] }]);
  });

  it('finds a note restored from the trash, and comments edited and deleted', () => {
    const { mine, theirs } = twoReplicas();
    deleteNote(theirs, 'n3');
    comment(theirs, 'c1', 'suzuki');
    comment(theirs, 'c2', 'suzuki');
    catchUp(mine, theirs);
    const seen = Y.snapshot(mine);
    restoreNote(theirs, 'n3');
    editComment(theirs, 'c1', 'suzuki', '直しました');
    deleteComment(theirs, 'c2', 'suzuki');
    catchUp(mine, theirs);
    expect(changesSince(mine, seen, null).changes).toEqual([
      { kind: 'noteChanged', noteId: 'n3', fields: ['restored'] },
      { kind: 'commentEdited', commentId: 'c1', targetId: 'n1' },
      { kind: 'commentDeleted', commentId: 'c2', targetId: 'n1' },
    ]);
  });

  it('marks a note written offline long ago as new when it arrives after the visit (ids, not createdAt)', () => {
    const { mine, theirs } = twoReplicas();
    // Written before the visit by the colleague's clock, but synced only after it.
    add(theirs, { id: 'offline', text: 'オフラインで書いた', author: 'suzuki', now: 1 });
    const seen = Y.snapshot(mine);
    catchUp(mine, theirs);
    expect(changesSince(mine, seen, 'tanaka').changes).toEqual([{ kind: 'noteAdded', noteId: 'offline' }]);
  });

  it('leaves out a note added and trashed since, and a comment added and deleted since', () => {
    const { mine, theirs } = twoReplicas();
    const seen = Y.snapshot(mine);
    add(theirs, { id: 'gone', text: 'すぐ消した', author: 'suzuki' });
    deleteNote(theirs, 'gone');
    comment(theirs, 'c1', 'suzuki');
    deleteComment(theirs, 'c1', 'suzuki');
    catchUp(mine, theirs);
    expect(changesSince(mine, seen, null).changes).toEqual([]);
  });

  it('does not count this person’s own changes, folded in as they are made, nor their notes from elsewhere', () => {
    const { mine, theirs } = twoReplicas();
    let seen = Y.snapshot(mine);
    mine.on('afterTransaction', (transaction: Y.Transaction) => {
      if (!transaction.local) return;
      seen = withOwnChange(seen, mine.clientID, Y.getState(mine.store, mine.clientID), transaction.deleteSet);
    });
    add(mine, { id: 'own', text: '自分の付箋', author: 'tanaka' });
    editNoteText(mine, 'n2', '紙');
    moveNote(mine, 'n3', { pillarId: PILLAR_EFFICIENCY, lane: 'goal', index: 0 });
    comment(mine, 'mine-c', 'tanaka');
    // A colleague's edit arriving meanwhile is still new, and so is their edit of my note.
    editNoteText(theirs, 'n1', '窓口の待ち時間が長い!');
    catchUp(mine, theirs);
    catchUp(theirs, mine);
    editNoteText(theirs, 'own', '自分の付箋（補足）');
    // The same person on another device: their note is not new to them.
    const otherDevice = new Y.Doc();
    catchUp(otherDevice, theirs);
    add(otherDevice, { id: 'fromPhone', text: 'スマホから', author: 'tanaka' });
    catchUp(mine, theirs);
    catchUp(mine, otherDevice);
    expect(changesSince(mine, seen, 'tanaka').changes).toEqual([
      { kind: 'noteChanged', noteId: 'n1', fields: ['text'] },
      { kind: 'noteChanged', noteId: 'own', fields: ['text'] },
    ]);
  });

  it('works on garbage-collected documents: deleted text keeps its ids', () => {
    const { mine, theirs } = twoReplicas();
    expect(mine.gc).toBe(true);
    editNoteText(theirs, 'n1', 'あ');
    catchUp(mine, theirs);
    const seen = Y.snapshot(mine);
    editNoteText(theirs, 'n1', '');
    editNoteText(theirs, 'n2', '');
    catchUp(mine, theirs);
    // Through an encoded round trip, as stored.
    const stored = decodeSeen(encodeSeen(seen));
    expect(stored).not.toBeNull();
    expect(changesSince(mine, stored as Y.Snapshot, null).changes).toEqual([
      { kind: 'noteChanged', noteId: 'n1', fields: ['text'] },
      { kind: 'noteChanged', noteId: 'n2', fields: ['text'] },
    ]);
    // A fresh replica loaded from an update (deleted content already collected) gives the same answer.
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(mine));
    expect(changesSince(fresh, stored as Y.Snapshot, null).changes).toEqual(
      changesSince(mine, stored as Y.Snapshot, null).changes,
    );
  });

  it('reads a stored snapshot that does not decode as none', () => {
    expect(decodeSeen('not base64!')).toBeNull();
    expect(decodeSeen('')).toBeNull();
  });
});
