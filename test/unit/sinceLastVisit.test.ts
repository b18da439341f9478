import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, deleteComment, editComment } from '../../shared/ops/comments.js';
import {
  createInitiativeFromItem,
  deleteInitiative,
  moveInitiative,
  restoreInitiative,
  setInitiativeFiscalYears,
  setInitiativeStatus,
  setInitiativeText,
} from '../../shared/ops/initiatives.js';
import { deleteNote, editNoteText, moveNote, restoreNote, setNoteColor } from '../../shared/ops/notes.js';
import { changesSince, decodeSeen, encodeSeen, withOwnChange } from '../../shared/sinceLastVisit.js';
import { add, newBoard, newSettings, PILLAR_CITIZENS, PILLAR_EFFICIENCY } from './fixtures.js';

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
      { kind: 'commentAdded', commentId: 'c1', targetId: 'n1', toYou: null },
    ]);
    expect(noteMarks.get('n4')).toBe('added');
    expect(changesSince(mine, seen, 'tanaka').newComments).toEqual(new Map([['n1', 1]]));
    expect(noteMarks.get('n1')).toBe('changed');
  });

  it('tells a mention of this person and a reply to their comment as such (mentions are part of the visit)', () => {
    const { mine, theirs } = twoReplicas();
    comment(theirs, 'mine', 'tanaka');
    catchUp(mine, theirs);
    const seen = Y.snapshot(mine);
    addComment(theirs, {
      id: 'm',
      targetId: 'n2',
      targetKind: 'note',
      text: '@田中 見てください',
      author: 'suzuki',
      mentions: ['tanaka'],
    });
    addComment(theirs, {
      id: 'r',
      targetId: 'n1',
      targetKind: 'note',
      text: 'そうですね',
      author: 'suzuki',
      replyTo: 'mine',
    });
    addComment(theirs, {
      id: 'x',
      targetId: 'n1',
      targetKind: 'note',
      text: '別件',
      author: 'suzuki',
      mentions: ['sato'],
    });
    catchUp(mine, theirs);
    const told = changesSince(mine, seen, 'tanaka').changes.map((change) =>
      change.kind === 'commentAdded' ? [change.commentId, change.toYou] : null,
    );
    expect(told).toEqual([
      ['m', 'mention'],
      ['r', 'reply'],
      ['x', null],
    ]);
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

describe('draft initiatives changed since the last visit', () => {
  const settings = newSettings();
  /** A draft initiative made from note n1 by `personId`, failing the test if refused. */
  function draft(doc: Y.Doc, id: string, personId = 'suzuki', now?: number) {
    const made = createInitiativeFromItem(doc, settings, { id, itemId: 'n1', personId, roundNumber: null, now });
    if (!made.ok) throw new Error(`createInitiativeFromItem refused ${id}: ${made.error}`);
  }
  const must = (result: { ok: boolean }) => expect(result.ok).toBe(true);
  /** Both replicas with initiatives i1…i6 made by the colleague, seen by this person. */
  function seenSix() {
    const { mine, theirs } = twoReplicas();
    for (const id of ['i1', 'i2', 'i3', 'i4', 'i5', 'i6']) draft(theirs, id);
    must(deleteInitiative(theirs, 'i6'));
    catchUp(mine, theirs);
    return { mine, theirs, seen: Y.snapshot(mine) };
  }

  it('finds an initiative added and each kind of change: any text field, place, years, status, trash', () => {
    const { mine, theirs, seen } = seenSix();
    draft(theirs, 'new');
    must(setInitiativeText(theirs, 'i1', 'title', '窓口の待ち時間を半分に'));
    must(setInitiativeText(theirs, 'i2', 'department', '市民課'));
    must(moveInitiative(theirs, settings, 'i3', { pillarId: PILLAR_CITIZENS, priority: 'high', beforeId: null }));
    must(setInitiativeFiscalYears(theirs, 'i4', [2026, 2027]));
    must(setInitiativeStatus(theirs, 'i5', 'considering'));
    must(setInitiativeText(theirs, 'i5', 'indicator', '平均待ち時間'));
    must(restoreInitiative(theirs, 'i6'));
    catchUp(mine, theirs);
    const { changes, initiativeMarks, noteMarks } = changesSince(mine, seen, 'tanaka');
    expect(changes).toEqual([
      { kind: 'initiativeChanged', initiativeId: 'i1', fields: ['text'] },
      { kind: 'initiativeChanged', initiativeId: 'i2', fields: ['text'] },
      { kind: 'initiativeChanged', initiativeId: 'i3', fields: ['place'] },
      { kind: 'initiativeChanged', initiativeId: 'i4', fields: ['fiscalYears'] },
      { kind: 'initiativeChanged', initiativeId: 'i5', fields: ['text', 'status'] },
      { kind: 'initiativeChanged', initiativeId: 'i6', fields: ['restored'] },
      { kind: 'initiativeAdded', initiativeId: 'new' },
    ]);
    expect(initiativeMarks).toEqual(
      new Map([
        ['i1', 'changed'],
        ['i2', 'changed'],
        ['i3', 'changed'],
        ['i4', 'changed'],
        ['i5', 'changed'],
        ['i6', 'changed'],
        ['new', 'added'],
      ]),
    );
    // Initiatives are not notes: the board's note marks stay empty.
    expect(noteMarks.size).toBe(0);
  });

  it('finds an initiative trashed and a text deletion, and leaves out one added and trashed since', () => {
    const { mine, theirs, seen } = seenSix();
    must(deleteInitiative(theirs, 'i1'));
    must(setInitiativeText(theirs, 'i2', 'problems', ''));
    draft(theirs, 'gone');
    must(deleteInitiative(theirs, 'gone'));
    catchUp(mine, theirs);
    expect(changesSince(mine, seen, null).changes).toEqual([
      { kind: 'initiativeChanged', initiativeId: 'i1', fields: ['deleted'] },
      { kind: 'initiativeChanged', initiativeId: 'i2', fields: ['text'] },
    ]);
  });

  it('marks an initiative made offline long ago as new when it arrives after the visit (ids, not createdAt)', () => {
    const { mine, theirs } = twoReplicas();
    draft(theirs, 'offline', 'suzuki', 1);
    const seen = Y.snapshot(mine);
    catchUp(mine, theirs);
    expect(changesSince(mine, seen, 'tanaka').changes).toEqual([{ kind: 'initiativeAdded', initiativeId: 'offline' }]);
  });

  it('does not count this person’s own initiatives and changes, but a colleague’s edit of theirs', () => {
    const { mine, theirs, seen: seenAtFirst } = seenSix();
    let seen = seenAtFirst;
    mine.on('afterTransaction', (transaction: Y.Transaction) => {
      if (!transaction.local) return;
      seen = withOwnChange(seen, mine.clientID, Y.getState(mine.store, mine.clientID), transaction.deleteSet);
    });
    draft(mine, 'own', 'tanaka');
    must(setInitiativeText(mine, 'i1', 'goal', '待ち時間15分以内'));
    must(moveInitiative(mine, settings, 'i2', { pillarId: PILLAR_EFFICIENCY, priority: 'low', beforeId: null }));
    must(setInitiativeFiscalYears(mine, 'i3', [2027]));
    must(setInitiativeStatus(mine, 'i4', 'decided'));
    must(deleteInitiative(mine, 'i5'));
    must(restoreInitiative(mine, 'i6'));
    catchUp(theirs, mine);
    // The colleague edits this person's initiative: that is news.
    must(setInitiativeText(theirs, 'own', 'content', '予約制を導入する'));
    // The same person on another device makes one: not news to them.
    const otherDevice = new Y.Doc();
    catchUp(otherDevice, theirs);
    draft(otherDevice, 'fromPhone', 'tanaka');
    catchUp(mine, theirs);
    catchUp(mine, otherDevice);
    const { changes, initiativeMarks } = changesSince(mine, seen, 'tanaka');
    expect(changes).toEqual([{ kind: 'initiativeChanged', initiativeId: 'own', fields: ['text'] }]);
    expect(initiativeMarks).toEqual(new Map([['own', 'changed']]));
  });
});
