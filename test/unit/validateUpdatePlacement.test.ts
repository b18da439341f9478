import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stateVectorOf, validateUpdate } from '../../server/validateUpdate.js';
import { addNote, setNoteColor } from '../../shared/ops/notes.js';
import { encodeStructs } from '../server/updateMutations.js';

/**
 * The refusals of issue 15: updates whose items Yjs would integrate differently depending on order, and
 * repeats of known ids with other content. Each crafted update keeps the ids of a real one.
 */

/** A board with two notes, and a writer that has it too. */
function setting() {
  const board = new Y.Doc();
  addNote(board, { id: 'a', pillarId: 'p', lane: 'idea', text: 'あいう', author: 'x' });
  addNote(board, { id: 'b', pillarId: 'p', lane: 'idea', text: 'かきく', author: 'x' });
  const writer = new Y.Doc();
  Y.applyUpdate(writer, Y.encodeStateAsUpdate(board));
  return { board, writer };
}

const text = (doc: Y.Doc, id: string) => (doc.getMap('notes').get(id) as Y.Map<unknown>).get('text') as Y.Text;

/** The writer's next change as an update, decoded so a test can change fields before encoding it again. */
function change(writer: Y.Doc, edit: () => void) {
  const before = Y.encodeStateVector(writer);
  edit();
  return Y.decodeUpdate(Y.encodeStateAsUpdate(writer, before));
}

const firstItem = (structs: ReturnType<typeof Y.decodeUpdate>['structs']) =>
  structs.find((s): s is Y.Item => s instanceof Y.Item)!;

/** The id of the first character of a note's text in `doc`. */
const textStart = (doc: Y.Doc, id: string) => text(doc, id)._start!.id;

const check = (board: Y.Doc, update: Uint8Array) => validateUpdate(update, stateVectorOf(board), { doc: board });

describe('validateUpdate: order-dependent items', () => {
  it('accepts the honest updates these tests start from', () => {
    const { board, writer } = setting();
    const insert = change(writer, () => text(writer, 'a').insert(1, 'X'));
    expect(check(board, encodeStructs(insert.structs, insert.ds)).ok).toBe(true);
    const other = setting();
    const color = change(other.writer, () => setNoteColor(other.writer, 'a', '#ffffff'));
    expect(check(other.board, encodeStructs(color.structs, color.ds)).ok).toBe(true);
  });

  it("refuses an item whose origin is in one note's text and right origin in another's", () => {
    const { board, writer } = setting();
    const insert = change(writer, () => text(writer, 'a').insert(1, 'X'));
    firstItem(insert.structs).rightOrigin = textStart(board, 'b');
    expect(check(board, encodeStructs(insert.structs, insert.ds))).toMatchObject({
      ok: false,
      kind: 'malformed',
      reason: expect.stringContaining('neighbours lie in different places'),
    });
  });

  it('refuses an item whose right origin precedes its origin in the same text', () => {
    const { board, writer } = setting();
    const insert = change(writer, () => text(writer, 'a').insert(1, 'X'));
    const start = textStart(board, 'a'); // あいう is one item: its first and last characters
    firstItem(insert.structs).origin = Y.createID(start.client, start.clock + 2);
    firstItem(insert.structs).rightOrigin = Y.createID(start.client, start.clock + 1);
    expect(check(board, encodeStructs(insert.structs, insert.ds))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('right origin precedes its origin'),
    });
  });

  it('refuses a map entry placed before another (a right origin under a key)', () => {
    const { board, writer } = setting();
    const color = change(writer, () => setNoteColor(writer, 'a', '#ffffff'));
    const item = firstItem(color.structs);
    item.rightOrigin = item.origin;
    item.origin = null;
    expect(check(board, encodeStructs(color.structs, color.ds))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('map entry'),
    });
  });

  it('refuses an item whose named parent is not a type', () => {
    const { board, writer } = setting();
    const color = change(writer, () => setNoteColor(writer, 'a', '#ffffff'));
    const item = firstItem(color.structs);
    item.origin = null;
    item.parent = textStart(board, 'a'); // a character, not a type
    item.parentSub = 'color';
    expect(check(board, encodeStructs(color.structs, color.ds))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('is not a type'),
    });
  });

  it('refuses an item continuing a known one whose new part would land elsewhere', () => {
    const { board, writer } = setting();
    const before = Y.encodeStateVector(writer);
    text(writer, 'a').insert(3, 'えお');
    Y.applyUpdate(board, Y.encodeStateAsUpdate(writer, before)); // the server has the first part
    text(writer, 'a').insert(5, 'か');
    const both = Y.decodeUpdate(Y.encodeStateAsUpdate(writer, before)); // one item: えおか
    expect(check(board, encodeStructs(both.structs, both.ds)).ok).toBe(true);
    firstItem(both.structs).origin = textStart(board, 'b');
    expect(check(board, encodeStructs(both.structs, both.ds))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('elsewhere than its known part'),
    });
  });
});

describe('validateUpdate: known ids repeated', () => {
  it('accepts a repeat of what the document holds, and refuses one with another key or value', () => {
    const { board, writer } = setting();
    const before = Y.encodeStateVector(writer);
    addNote(writer, { id: 'c', pillarId: 'p', lane: 'idea', text: '新', author: 'x' });
    const update = Y.encodeStateAsUpdate(writer, before);
    Y.applyUpdate(board, update);
    expect(check(board, update)).toMatchObject({ ok: true, hasNewStructs: false });

    const renamed = Y.decodeUpdate(update);
    const author = renamed.structs.find((s): s is Y.Item => s instanceof Y.Item && s.parentSub === 'author')!;
    author.parentSub = 'autRor';
    expect(check(board, encodeStructs(renamed.structs, renamed.ds))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('other content'),
    });

    const changed = Y.decodeUpdate(update);
    const string = changed.structs.find(
      (s): s is Y.Item => s instanceof Y.Item && s.content instanceof Y.ContentString,
    )!;
    (string.content as Y.ContentString).str = '偽';
    expect(check(board, encodeStructs(changed.structs, changed.ds))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('other content'),
    });
  });
});
