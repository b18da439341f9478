import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardActivity } from '../../shared/activity.js';
import { boardRoots } from '../../shared/docs.js';
import { placeOnMatrix } from '../../shared/ops/matrix.js';
import { deleteNote, purgeNote, restoreNote } from '../../shared/ops/notes.js';
import { getNote, listTrash } from '../../shared/selectors.js';
import { trashRights } from '../../shared/trash.js';
import { add, newBoard } from './fixtures.js';

const SATO = { id: 'sato', name: '佐藤' };

describe('who trashed a note', () => {
  it('records who moved a note to the trash, and forgets it when the note is restored', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '窓口が混む', author: 'suzuki', authorName: '鈴木' });
    deleteNote(doc, 'n1', 2000, undefined, SATO);
    expect(getNote(doc, 'n1')).toMatchObject({ deletedAt: 2000, deletedBy: 'sato', deletedByName: '佐藤' });
    restoreNote(doc, 'n1');
    expect(getNote(doc, 'n1')).toMatchObject({ deletedAt: null, deletedBy: '', deletedByName: '' });
    expect(boardRoots.notes(doc).toJSON().n1).not.toHaveProperty('deletedBy');
    expect(boardRoots.notes(doc).toJSON().n1).not.toHaveProperty('deletedByName');
  });

  it('records an unknown deleter when none is given, and the next delete names its own', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '紙が多い' });
    deleteNote(doc, 'n1', 2000, undefined, SATO);
    restoreNote(doc, 'n1');
    deleteNote(doc, 'n1', 3000);
    expect(getNote(doc, 'n1')).toMatchObject({ deletedAt: 3000, deletedBy: '', deletedByName: '' });
  });

  it('ends with one person as the deleter when two delete at once, one of them unnamed', () => {
    const a = newBoard();
    add(a, { id: 'n1', text: '窓口が混む' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // The unnamed deleter's writes win the concurrent sets (the higher client id), which used to keep the
    // other's name.
    a.clientID = 10;
    b.clientID = 20;
    deleteNote(a, 'n1', 2000, undefined, SATO);
    deleteNote(b, 'n1', 3000, undefined, { id: 'guest-7', name: '' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const note = getNote(a, 'n1')!;
    const other = getNote(b, 'n1')!;
    expect([other.deletedAt, other.deletedBy, other.deletedByName]).toEqual([
      note.deletedAt,
      note.deletedBy,
      note.deletedByName,
    ]);
    expect([
      [2000, 'sato', '佐藤'],
      [3000, 'guest-7', ''],
    ]).toContainEqual([note.deletedAt, note.deletedBy, note.deletedByName]);
  });

  it('names who trashed a note in the activity feed', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '窓口が混む', author: 'suzuki', authorName: '鈴木', now: 1000 });
    deleteNote(doc, 'n1', 2000, undefined, SATO);
    expect(boardActivity(doc)[0]).toMatchObject({ kind: 'noteDeleted', at: 2000, personId: 'sato', name: '佐藤' });
  });
});

describe('restoring and erasing', () => {
  it('lets anyone who writes the board restore any note, and only the facilitator erase one', () => {
    expect(trashRights('participant')).toEqual({ restore: true, purge: false });
    expect(trashRights('facilitator')).toEqual({ restore: true, purge: true });
    expect(trashRights('viewer')).toEqual({ restore: false, purge: false });
  });

  it('erases a trashed note with its matrix place, and refuses a live one', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '重複した付箋' });
    placeOnMatrix(doc, 'n1', { x: 0.2, y: 0.8 });
    expect(purgeNote(doc, 'n1')).toEqual({ ok: false, error: 'noteNotInTrash' });
    expect(getNote(doc, 'n1')).not.toBeNull();
    deleteNote(doc, 'n1', 2000, undefined, SATO);
    expect(purgeNote(doc, 'n1')).toEqual({ ok: true, value: null });
    expect(boardRoots.notes(doc).has('n1')).toBe(false);
    expect(boardRoots.matrix(doc).has('n1')).toBe(false);
    expect(listTrash(doc)).toEqual([]);
    expect(purgeNote(doc, 'n1')).toEqual({ ok: false, error: 'noteNotFound' });
  });
});
