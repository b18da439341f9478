import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardHistory } from '../../client/board/history.js';
import { addNote, applyNoteTextChange } from '../../shared/ops/notes.js';
import { getNote, listNotes } from '../../shared/selectors.js';

const note = (id: string, text: string) => ({ id, pillarId: 'p', lane: 'problem' as const, text, author: 'me' });
const type = (doc: Y.Doc, id: string, at: number, insert: string) =>
  applyNoteTextChange(doc, id, { index: at, deleteCount: 0, insert });

describe('the board history (undo / redo of one’s own changes)', () => {
  it('keeps adding a note and typing in it as two steps, and typing in one text as one', () => {
    const doc = new Y.Doc();
    const history = createBoardHistory(doc);
    addNote(doc, note('a', '窓口'));
    type(doc, 'a', 2, 'が');
    type(doc, 'a', 3, '混む');
    expect(getNote(doc, 'a')?.text).toBe('窓口が混む');
    expect(history.undo()).toBe(true);
    expect(getNote(doc, 'a')?.text).toBe('窓口');
    expect(history.undo()).toBe(true);
    expect(getNote(doc, 'a')).toBeNull();
    expect(history.undo()).toBe(false);
    expect(history.redo()).toBe(true);
    expect(history.redo()).toBe(true);
    expect(getNote(doc, 'a')?.text).toBe('窓口が混む');
    history.destroy();
  });

  it('makes typing in another note a new step', () => {
    const doc = new Y.Doc();
    addNote(doc, note('a', 'A'));
    addNote(doc, note('b', 'B'));
    const history = createBoardHistory(doc);
    type(doc, 'a', 1, '1');
    type(doc, 'b', 1, '2');
    history.undo();
    expect([getNote(doc, 'a')?.text, getNote(doc, 'b')?.text]).toEqual(['A1', 'B']);
    history.destroy();
  });

  it('never undoes a colleague’s change', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    const history = createBoardHistory(mine);
    addNote(mine, note('a', '私の付箋'));
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    addNote(theirs, note('b', '同僚の付箋'));
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs), 'remote');
    expect(history.undo()).toBe(true);
    expect(listNotes(mine).map((n) => n.text)).toEqual(['同僚の付箋']);
    expect(history.undo()).toBe(false);
    history.destroy();
  });
});
