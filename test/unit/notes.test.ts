import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs.js';
import { NOTE_TEXT_MAX } from '../../shared/limits.js';
import {
  addNote,
  applyNoteTextChange,
  applyNoteTextChanges,
  checkNoteText,
  deleteNote,
  editNoteText,
  moveNote,
  restoreNote,
  setNoteColor,
} from '../../shared/ops/notes.js';
import { LOCAL_ORIGIN } from '../../shared/origin.js';
import { NOTE_COLORS } from '../../shared/records/note.js';
import { getNote, listLaneNotes, listTrash } from '../../shared/selectors.js';
import { add, contentOf, newBoard, PILLAR_CITIZENS, PILLAR_EFFICIENCY, storedNote } from './fixtures.js';

const laneTexts = (doc: Y.Doc, pillarId: string, lane: 'problem' | 'goal' | 'idea') =>
  listLaneNotes(doc, pillarId, lane).map((n) => n.text);

describe('addNote', () => {
  it('adds a note with a collaborative text at the end of its lane', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '窓口の待ち時間が長い' });
    add(doc, { id: 'n2', text: '申請書が紙のみ', color: NOTE_COLORS[2], now: 5000, author: 'sato' });
    const stored = storedNote(doc, 'n2');
    expect(stored.get('text')).toBeInstanceOf(Y.Text);
    expect(stored.toJSON()).toMatchObject({
      text: '申請書が紙のみ',
      place: { pillarId: PILLAR_CITIZENS, lane: 'problem' },
      author: 'sato',
      color: NOTE_COLORS[2],
      createdAt: 5000,
    });
    expect(stored.has('deletedAt')).toBe(false);
    expect(laneTexts(doc, PILLAR_CITIZENS, 'problem')).toEqual(['窓口の待ち時間が長い', '申請書が紙のみ']);
  });

  it('puts a note at the requested index of its lane', () => {
    const doc = newBoard();
    add(doc, { id: 'a', text: 'A' });
    add(doc, { id: 'c', text: 'C' });
    add(doc, { id: 'b', text: 'B', index: 1 });
    add(doc, { id: 'first', text: '0', index: 0 });
    expect(laneTexts(doc, PILLAR_CITIZENS, 'problem')).toEqual(['0', 'A', 'B', 'C']);
  });

  it('trims the text and defaults the colour to the first note colour', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '  電子申請を増やす \n' });
    expect(getNote(doc, 'n1')).toMatchObject({ text: '電子申請を増やす', color: NOTE_COLORS[0] });
  });

  it('does not create an empty or whitespace-only note', () => {
    const doc = newBoard();
    const before = contentOf(doc);
    for (const text of ['', '   ', '\n\t', '\u3000']) {
      expect(addNote(doc, { id: 'n1', pillarId: PILLAR_CITIZENS, lane: 'idea', text, author: 'a' })).toEqual({
        ok: false,
        error: 'noteEmpty',
      });
    }
    expect(contentOf(doc)).toBe(before);
  });

  it('refuses a text over NOTE_TEXT_MAX and changes nothing, but accepts exactly the limit', () => {
    const doc = newBoard();
    const before = contentOf(doc);
    const tooLong = 'あ'.repeat(NOTE_TEXT_MAX + 1);
    expect(addNote(doc, { id: 'n1', pillarId: PILLAR_CITIZENS, lane: 'idea', text: tooLong, author: 'a' })).toEqual({
      ok: false,
      error: 'noteTooLong',
    });
    expect(contentOf(doc)).toBe(before);
    add(doc, { id: 'n2', text: 'あ'.repeat(NOTE_TEXT_MAX) });
    expect(getNote(doc, 'n2')?.text).toHaveLength(NOTE_TEXT_MAX);
  });

  it('writes in one transaction with the local origin', () => {
    const doc = newBoard();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    add(doc, { id: 'n1', text: '一回で' });
    expect(origins).toEqual([LOCAL_ORIGIN]);
  });
});

describe('checkNoteText', () => {
  it('names why a text cannot be a note', () => {
    expect(checkNoteText(' ')).toBe('noteEmpty');
    expect(checkNoteText('x'.repeat(NOTE_TEXT_MAX + 1))).toBe('noteTooLong');
    expect(checkNoteText('課題')).toBeNull();
  });
});

describe('editNoteText', () => {
  it('changes only the edited part of the Y.Text, never replacing the whole text', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '窓口の待ち時間が長い' });
    const ytext = storedNote(doc, 'n1').get('text') as Y.Text;
    const deltas: unknown[] = [];
    ytext.observe((event) => deltas.push(event.delta));
    expect(editNoteText(doc, 'n1', '窓口の待ち時間がとても長い')).toEqual({ ok: true, value: null });
    expect(ytext.toString()).toBe('窓口の待ち時間がとても長い');
    expect(storedNote(doc, 'n1').get('text')).toBe(ytext);
    expect(deltas).toEqual([[{ retain: 8 }, { insert: 'とても' }]]);
  });

  it('does nothing when the text is unchanged', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '同じ' });
    const before = contentOf(doc);
    expect(editNoteText(doc, 'n1', '同じ')).toEqual({ ok: true, value: null });
    expect(contentOf(doc)).toBe(before);
  });

  it('refuses a text over NOTE_TEXT_MAX and keeps the old text', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '短い' });
    const before = contentOf(doc);
    expect(editNoteText(doc, 'n1', 'x'.repeat(NOTE_TEXT_MAX + 1))).toEqual({ ok: false, error: 'noteTooLong' });
    expect(contentOf(doc)).toBe(before);
  });

  it('lets a text merged past NOTE_TEXT_MAX be shortened, but not lengthened', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '-' });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    applyNoteTextChange(doc, 'n1', { index: 0, deleteCount: 0, insert: 'a'.repeat(NOTE_TEXT_MAX - 5) });
    applyNoteTextChange(other, 'n1', { index: 0, deleteCount: 0, insert: 'b'.repeat(NOTE_TEXT_MAX - 5) });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    const merged = getNote(doc, 'n1')!.text.length;
    expect(merged).toBe(2 * (NOTE_TEXT_MAX - 5) + 1);
    expect(applyNoteTextChange(doc, 'n1', { index: 0, deleteCount: 3, insert: '' })).toEqual({ ok: true, value: null });
    expect(getNote(doc, 'n1')?.text.length).toBe(merged - 3);
    expect(applyNoteTextChanges(doc, 'n1', [{ index: 0, deleteCount: 2, insert: 'xyz' }])).toEqual({
      ok: false,
      error: 'noteTooLong',
    });
    expect(getNote(doc, 'n1')?.text.length).toBe(merged - 3);
  });

  it('reports a missing note', () => {
    expect(editNoteText(newBoard(), 'nope', 'x')).toEqual({ ok: false, error: 'noteNotFound' });
  });

  it('turns a plain string written by another tool into a Y.Text holding the edited text', () => {
    const doc = newBoard();
    const foreign = new Y.Map<unknown>();
    boardRoots.notes(doc).set('f1', foreign);
    foreign.set('text', '他のツールの付箋');
    expect(editNoteText(doc, 'f1', '他のツールの付箋です')).toEqual({ ok: true, value: null });
    expect(foreign.get('text')).toBeInstanceOf(Y.Text);
    expect(getNote(doc, 'f1')?.text).toBe('他のツールの付箋です');
  });
});

describe('applyNoteTextChange', () => {
  it('applies one contiguous change', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '人材育成' });
    applyNoteTextChange(doc, 'n1', { index: 2, deleteCount: 2, insert: '確保' });
    expect(getNote(doc, 'n1')?.text).toBe('人材確保');
  });

  it('clamps a change that reaches past the end of the text', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: 'abc' });
    applyNoteTextChange(doc, 'n1', { index: 10, deleteCount: 5, insert: 'd' });
    expect(getNote(doc, 'n1')?.text).toBe('abcd');
  });

  it('refuses a change that would make the text longer than NOTE_TEXT_MAX and changes nothing', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: 'x'.repeat(NOTE_TEXT_MAX - 1) });
    const before = contentOf(doc);
    expect(applyNoteTextChange(doc, 'n1', { index: 0, deleteCount: 0, insert: 'ab' })).toEqual({
      ok: false,
      error: 'noteTooLong',
    });
    expect(contentOf(doc)).toBe(before);
  });

  it('counts only what really can be deleted when checking the length', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: 'x'.repeat(NOTE_TEXT_MAX) });
    const before = contentOf(doc);
    // Deleting 100 characters after the end deletes nothing: the insert would overflow.
    const result = applyNoteTextChange(doc, 'n1', { index: NOTE_TEXT_MAX, deleteCount: 100, insert: 'y'.repeat(50) });
    expect(result).toEqual({ ok: false, error: 'noteTooLong' });
    expect(contentOf(doc)).toBe(before);
  });

  it('counts the text another tool stored as a plain string when checking the length', () => {
    const doc = newBoard();
    const foreign = new Y.Map<unknown>();
    boardRoots.notes(doc).set('f1', foreign);
    foreign.set('text', 'x'.repeat(NOTE_TEXT_MAX - 10));
    const before = contentOf(doc);
    const result = applyNoteTextChange(doc, 'f1', { index: 0, deleteCount: 0, insert: 'y'.repeat(20) });
    expect(result).toEqual({ ok: false, error: 'noteTooLong' });
    expect(contentOf(doc)).toBe(before);
    expect(foreign.get('text')).toBe('x'.repeat(NOTE_TEXT_MAX - 10));
  });

  it('reports a missing note', () => {
    expect(applyNoteTextChange(newBoard(), 'nope', { index: 0, deleteCount: 0, insert: 'x' })).toEqual({
      ok: false,
      error: 'noteNotFound',
    });
  });
});

describe('moveNote', () => {
  it('moves a note to another pillar and keeps its text', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '研修の時間がない', color: NOTE_COLORS[3] });
    expect(moveNote(doc, 'n1', { pillarId: PILLAR_EFFICIENCY, lane: 'goal', index: 0 })).toEqual({
      ok: true,
      value: null,
    });
    expect(laneTexts(doc, PILLAR_CITIZENS, 'problem')).toEqual([]);
    expect(getNote(doc, 'n1')).toMatchObject({
      text: '研修の時間がない',
      color: NOTE_COLORS[3],
      place: { pillarId: PILLAR_EFFICIENCY, lane: 'goal' },
    });
  });

  it('reorders a note within its lane, the moving note excluded from the index', () => {
    const doc = newBoard();
    for (const id of ['a', 'b', 'c', 'd']) add(doc, { id, text: id.toUpperCase() });
    moveNote(doc, 'a', { pillarId: PILLAR_CITIZENS, lane: 'problem', index: 2 });
    expect(laneTexts(doc, PILLAR_CITIZENS, 'problem')).toEqual(['B', 'C', 'A', 'D']);
    moveNote(doc, 'd', { pillarId: PILLAR_CITIZENS, lane: 'problem', index: 0 });
    expect(laneTexts(doc, PILLAR_CITIZENS, 'problem')).toEqual(['D', 'B', 'C', 'A']);
    moveNote(doc, 'b', { pillarId: PILLAR_CITIZENS, lane: 'problem', index: 99 });
    expect(laneTexts(doc, PILLAR_CITIZENS, 'problem')).toEqual(['D', 'C', 'A', 'B']);
  });

  it('replaces the whole place value in one change', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: 'x' });
    const placeBefore = storedNote(doc, 'n1').get('place');
    const keys: string[][] = [];
    storedNote(doc, 'n1').observe((event) => keys.push([...event.keysChanged]));
    moveNote(doc, 'n1', { pillarId: PILLAR_EFFICIENCY, lane: 'idea', index: 0 });
    expect(keys).toEqual([['place']]);
    expect(storedNote(doc, 'n1').get('place')).not.toBe(placeBefore);
  });

  it('reports a missing note', () => {
    expect(moveNote(newBoard(), 'nope', { pillarId: PILLAR_CITIZENS, lane: 'idea', index: 0 })).toEqual({
      ok: false,
      error: 'noteNotFound',
    });
  });
});

describe('deleteNote and restoreNote', () => {
  it('moves a note to the trash and back without losing anything', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '紙の申請書' });
    add(doc, { id: 'n2', text: '押印' });
    deleteNote(doc, 'n1', 9000);
    expect(laneTexts(doc, PILLAR_CITIZENS, 'problem')).toEqual(['押印']);
    expect(listTrash(doc).map((n) => n.id)).toEqual(['n1']);
    expect(storedNote(doc, 'n1').get('deletedAt')).toBe(9000);
    expect(restoreNote(doc, 'n1')).toEqual({ ok: true, value: null });
    expect(laneTexts(doc, PILLAR_CITIZENS, 'problem')).toEqual(['紙の申請書', '押印']);
    expect(storedNote(doc, 'n1').has('deletedAt')).toBe(false);
    expect(listTrash(doc)).toEqual([]);
  });

  it('reports a missing note', () => {
    expect(deleteNote(newBoard(), 'nope')).toEqual({ ok: false, error: 'noteNotFound' });
    expect(restoreNote(newBoard(), 'nope')).toEqual({ ok: false, error: 'noteNotFound' });
  });
});

describe('setNoteColor', () => {
  it('changes only the colour', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '色' });
    expect(setNoteColor(doc, 'n1', NOTE_COLORS[4])).toEqual({ ok: true, value: null });
    expect(getNote(doc, 'n1')).toMatchObject({ text: '色', color: NOTE_COLORS[4] });
  });

  it('reports a missing note', () => {
    expect(setNoteColor(newBoard(), 'nope', NOTE_COLORS[1])).toEqual({ ok: false, error: 'noteNotFound' });
  });

  it('refuses something that is not a #rrggbb colour and changes nothing', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '色' });
    const before = Y.encodeStateVector(doc);
    expect(setNoteColor(doc, 'n1', 'red')).toEqual({ ok: false, error: 'colorInvalid' });
    expect(setNoteColor(doc, 'n1', 'url(javascript:x)')).toEqual({ ok: false, error: 'colorInvalid' });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('is refused by addNote too, which then adds nothing', () => {
    const doc = newBoard();
    expect(addNote(doc, { id: 'n1', pillarId: 'p', lane: 'idea', text: 'x', author: 'a', color: 'red' })).toEqual({
      ok: false,
      error: 'colorInvalid',
    });
    expect(getNote(doc, 'n1')).toBeNull();
  });
});
