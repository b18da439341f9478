import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, editNoteText } from '../../shared/ops/notes.js';
import { splitUpdate } from '../../shared/splitUpdate.js';

const note = (id: string, text: string) => ({ id, pillarId: 'p', lane: 'idea' as const, text, author: 'a' });

/** Two writers whose edits build on each other (origins across clients), with deletions. */
function interleavedDoc(): Y.Doc {
  const a = new Y.Doc();
  const b = new Y.Doc();
  for (let round = 0; round < 30; round++) {
    addNote(a, note(`a${round}`, `あ${round}`.repeat(40)));
    if (round > 0) editNoteText(a, `b${round - 1}`, `え${round}`.repeat(20)); // a builds on b's items
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    editNoteText(b, `a${round}`, `い${round}`.repeat(30));
    addNote(b, note(`b${round}`, 'う'.repeat(200)));
    if (round % 3 === 0) b.getMap('notes').delete(`a${round}`);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  }
  return a;
}

describe('splitting an update under a size limit', () => {
  it('returns a small update as it is', () => {
    const doc = interleavedDoc();
    const update = Y.encodeStateAsUpdate(doc);
    expect(splitUpdate(update, update.byteLength)).toEqual([update]);
  });

  it('gives pieces under the limit that integrate one by one, each with nothing pending, into the same document', () => {
    const doc = interleavedDoc();
    const update = Y.encodeStateAsUpdate(doc);
    const limit = 2000;
    const pieces = splitUpdate(update, limit);
    expect(pieces.length).toBeGreaterThan(update.byteLength / limit);
    const receiver = new Y.Doc();
    for (const piece of pieces) {
      expect(piece.byteLength).toBeLessThanOrEqual(limit);
      Y.applyUpdate(receiver, piece);
      expect(receiver.store.pendingStructs).toBeNull();
    }
    expect(receiver.store.pendingDs).toBeNull();
    expect(receiver.getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON());
    expect(Y.encodeStateVector(receiver)).toEqual(Y.encodeStateVector(doc));
  });

  it('splits only what a receiver lacks (a sync step 2 after an offline period)', () => {
    const doc = interleavedDoc();
    const receiver = new Y.Doc();
    Y.applyUpdate(receiver, Y.encodeStateAsUpdate(doc));
    for (let i = 0; i < 60; i++) addNote(doc, note(`offline${i}`, 'お'.repeat(300)));
    const lacking = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(receiver));
    for (const piece of splitUpdate(lacking, 4000)) {
      expect(piece.byteLength).toBeLessThanOrEqual(4000);
      Y.applyUpdate(receiver, piece);
      expect(receiver.store.pendingStructs).toBeNull();
    }
    expect(receiver.getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON());
  });
});
