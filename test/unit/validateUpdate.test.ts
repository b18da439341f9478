import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stateVectorOf, validateUpdate } from '../../server/validateUpdate.js';
import { migrateBoardDoc, migrateSettingsDoc } from '../../shared/migrations.js';
import { addNote, deleteNote, editNoteText } from '../../shared/ops/notes.js';

function boardWithNotes(count: number): Y.Doc {
  const doc = new Y.Doc();
  for (let i = 0; i < count; i++) {
    addNote(doc, { id: `n${i}`, pillarId: 'p', lane: 'problem', text: `付箋 ${i}`, author: 'a' });
  }
  return doc;
}

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/** Applies an update to a copy of `base` and tells whether anything stayed pending (the ground truth). */
function leavesPending(base: Y.Doc, update: Uint8Array): boolean | 'throws' {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  try {
    Y.applyUpdate(copy, update);
  } catch {
    return 'throws';
  }
  return copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
}

describe('validateUpdate', () => {
  it('accepts a full state on an empty document, and incremental updates on the document they follow', () => {
    const source = boardWithNotes(3);
    const full = Y.encodeStateAsUpdate(source);
    const check = validateUpdate(full, new Map());
    expect(check).toMatchObject({ ok: true, empty: false, hasNewStructs: true });

    const server = new Y.Doc();
    Y.applyUpdate(server, full);
    const updates: Uint8Array[] = [];
    source.on('update', (update: Uint8Array) => updates.push(update));
    editNoteText(source, 'n1', '付箋 1 改');
    deleteNote(source, 'n2');
    addNote(source, { id: 'n9', pillarId: 'p', lane: 'goal', text: '新しい', author: 'b' });
    let known = stateVectorOf(server);
    for (const update of updates) {
      const result = validateUpdate(update, known);
      expect(result.ok).toBe(true);
      if (result.ok) known = result.stateVector;
    }
    // The batch, validated one after another before any is applied, matches the doc after applying them all.
    for (const update of updates) Y.applyUpdate(server, update);
    expect(known).toEqual(stateVectorOf(server));
  });

  it('accepts updates from another client that build on what the document has', () => {
    const server = boardWithNotes(2);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(other);
    editNoteText(other, 'n0', '付箋 0 (他の人)');
    deleteNote(other, 'n1');
    const update = Y.encodeStateAsUpdate(other, before);
    expect(validateUpdate(update, stateVectorOf(server)).ok).toBe(true);
  });

  it('reports an update with nothing new as empty', () => {
    const doc = boardWithNotes(2);
    const again = validateUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)), stateVectorOf(doc));
    expect(again).toMatchObject({ ok: true, hasNewStructs: false });
  });

  it('refuses an update that depends on changes the document lacks', () => {
    const author = boardWithNotes(1);
    const server = new Y.Doc(); // has never seen the author's first changes
    const before = Y.encodeStateVector(author);
    editNoteText(author, 'n0', '付箋 0 続き');
    const dependent = Y.encodeStateAsUpdate(author, before);
    const result = validateUpdate(dependent, stateVectorOf(server));
    expect(result).toMatchObject({ ok: false, kind: 'missing' });
    expect(leavesPending(server, dependent)).toBe(true);
  });

  it('refuses an item whose origin is another client change the document lacks', () => {
    const a = boardWithNotes(1);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const server = new Y.Doc(); // lacks a's changes, which b builds on
    const before = Y.encodeStateVector(b);
    editNoteText(b, 'n0', '付箋 0 b');
    const update = Y.encodeStateAsUpdate(b, before);
    expect(validateUpdate(update, stateVectorOf(server))).toMatchObject({ ok: false, kind: 'missing' });
    expect(leavesPending(server, update)).toBe(true);
  });

  it('refuses a deletion of changes the document lacks', () => {
    const a = boardWithNotes(1);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const before = Y.encodeStateVector(b);
    b.getMap('notes').delete('n0');
    const update = Y.encodeStateAsUpdate(b, before);
    const server = new Y.Doc();
    server.getMap('meta').set('x', 1);
    expect(validateUpdate(update, stateVectorOf(server))).toMatchObject({ ok: false, kind: 'missing' });
    expect(validateUpdate(update, stateVectorOf(a))).toMatchObject({ ok: true });
  });

  it('refuses every truncation of a valid update that Yjs could not apply cleanly', () => {
    const update = Y.encodeStateAsUpdate(boardWithNotes(3));
    const empty = new Y.Doc();
    for (let length = 0; length < update.length; length++) {
      const truncated = update.slice(0, length);
      const result = validateUpdate(truncated, new Map());
      if (result.ok) {
        // Whatever we accept, Yjs applies completely.
        expect(leavesPending(empty, truncated), `accepted truncation to ${length} bytes`).toBe(false);
      }
    }
    expect(validateUpdate(update.slice(0, update.length - 3), new Map())).toMatchObject({
      ok: false,
      kind: 'malformed',
    });
  });

  it('never accepts a random mutation that Yjs would keep pending or fail on', () => {
    const server = boardWithNotes(4);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(other);
    editNoteText(other, 'n2', 'まったく別の文');
    deleteNote(other, 'n3');
    addNote(other, { id: 'n7', pillarId: 'p', lane: 'idea', text: '追加', author: 'o' });
    const update = Y.encodeStateAsUpdate(other, before);
    const next = random(42);
    let accepted = 0;
    for (let round = 0; round < 1500; round++) {
      const mutated = update.slice();
      const flips = 1 + Math.floor(next() * 3);
      for (let f = 0; f < flips; f++) mutated[Math.floor(next() * mutated.length)] = Math.floor(next() * 256);
      const result = validateUpdate(mutated, stateVectorOf(server));
      if (!result.ok) continue;
      accepted++;
      expect(leavesPending(server, mutated), `round ${round}`).toBe(false);
    }
    expect(accepted).toBeGreaterThan(0);
  });
});

/** A document as the server holds it after loading: migrated, so `meta.schemaVersion` exists. */
function migratedBoard(notes: number): Y.Doc {
  const doc = boardWithNotes(notes);
  migrateBoardDoc(doc);
  return doc;
}

/** A client's copy of `server`, and a function giving the update of what the client did since. */
function clientOf(server: Y.Doc): { doc: Y.Doc; since: () => Uint8Array } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(doc);
  return { doc, since: () => Y.encodeStateAsUpdate(doc, before) };
}

const SERVER_ONLY = { ok: false, kind: 'forbidden', reason: 'only the server writes meta.schemaVersion' };

describe('validateUpdate: meta.schemaVersion', () => {
  it('refuses an overwrite (the item names no key: it is found through its origin in the document)', () => {
    const server = migratedBoard(2);
    const client = clientOf(server);
    client.doc.getMap('meta').set('schemaVersion', 99);
    const update = client.since();
    // The overwrite's item carries no parent or key of its own.
    const item = Y.decodeUpdate(update).structs.find((s) => s instanceof Y.Item) as Y.Item;
    expect(item.parent).toBeNull();
    expect(item.origin).not.toBeNull();
    expect(validateUpdate(update, stateVectorOf(server), { doc: server })).toEqual(SERVER_ONLY);
  });

  it('refuses a first write (the item names meta and the key), with or without the document', () => {
    const server = boardWithNotes(1); // never migrated: no schemaVersion yet
    const client = clientOf(server);
    client.doc.getMap('meta').set('schemaVersion', 1);
    const update = client.since();
    expect(validateUpdate(update, stateVectorOf(server), { doc: server })).toEqual(SERVER_ONLY);
    expect(validateUpdate(update, stateVectorOf(server))).toEqual(SERVER_ONLY);
  });

  it('refuses the write when it comes in one update with valid note changes, and accepts those alone', () => {
    const server = migratedBoard(3);
    const valid = clientOf(server);
    const hostile = clientOf(server);
    for (const client of [valid, hostile]) {
      client.doc.transact(() => {
        editNoteText(client.doc, 'n0', '付箋 0 改');
        deleteNote(client.doc, 'n1');
        addNote(client.doc, { id: 'n9', pillarId: 'p', lane: 'goal', text: '新しい', author: 'b' });
        client.doc.getMap('meta').set('title', 'ok');
      });
    }
    hostile.doc.transact(() => {
      addNote(hostile.doc, { id: 'n10', pillarId: 'p', lane: 'idea', text: 'もう一つ', author: 'b' });
      hostile.doc.getMap('meta').set('schemaVersion', 99);
      editNoteText(hostile.doc, 'n2', '付箋 2 改');
    });
    const base = stateVectorOf(server);
    expect(validateUpdate(valid.since(), base, { doc: server })).toMatchObject({ ok: true });
    expect(validateUpdate(hostile.since(), base, { doc: server })).toEqual(SERVER_ONLY);
    // Merged with other clients' valid updates, and in a step 2 carrying the client's whole state.
    const merged = Y.mergeUpdates([valid.since(), hostile.since()]);
    expect(validateUpdate(merged, base, { doc: server })).toEqual(SERVER_ONLY);
    expect(validateUpdate(Y.encodeStateAsUpdate(hostile.doc), base, { doc: server })).toEqual(SERVER_ONLY);
  });

  it('follows origins through the update itself: an overwrite of an overwrite, and a write after other keys', () => {
    const server = migratedBoard(1);
    const client = clientOf(server);
    const updates: Uint8Array[] = [];
    client.doc.on('update', (update: Uint8Array) => updates.push(update));
    client.doc.getMap('meta').set('title', 'a');
    client.doc.getMap('meta').set('title', 'b');
    client.doc.getMap('meta').set('title', 'c');
    const titles = Y.mergeUpdates(updates);
    expect(validateUpdate(titles, stateVectorOf(server), { doc: server })).toMatchObject({ ok: true });
    // Two overwrites of schemaVersion merged into one update: the second's origin is the first, in the update.
    const second = clientOf(server);
    const writes: Uint8Array[] = [];
    second.doc.on('update', (update: Uint8Array) => writes.push(update));
    second.doc.getMap('meta').set('schemaVersion', 5);
    second.doc.getMap('meta').set('schemaVersion', 6);
    const lastOnly = Y.diffUpdate(Y.mergeUpdates(writes), Y.encodeStateVectorFromUpdate(writes[0]!));
    const afterFirst = new Y.Doc();
    Y.applyUpdate(afterFirst, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(afterFirst, writes[0]!);
    // Against a document that already holds the first overwrite, the second is found through the document.
    expect(validateUpdate(lastOnly, stateVectorOf(afterFirst), { doc: afterFirst })).toEqual(SERVER_ONLY);
    expect(validateUpdate(Y.mergeUpdates(writes), stateVectorOf(server), { doc: server })).toEqual(SERVER_ONLY);
  });

  it('lets the settings document change meta.title, and refuses its schemaVersion', () => {
    const server = new Y.Doc();
    server.getMap('meta').set('title', '元の題');
    migrateSettingsDoc(server);
    const facilitator = clientOf(server);
    facilitator.doc.getMap('meta').set('title', '新しい題');
    expect(validateUpdate(facilitator.since(), stateVectorOf(server), { doc: server })).toMatchObject({ ok: true });
    const again = clientOf(server);
    again.doc.getMap('meta').set('schemaVersion', 2);
    expect(validateUpdate(again.since(), stateVectorOf(server), { doc: server })).toEqual(SERVER_ONLY);
  });

  it('accepts a map key named schemaVersion elsewhere (a note, another root map)', () => {
    const server = migratedBoard(1);
    const client = clientOf(server);
    client.doc.transact(() => {
      (client.doc.getMap('notes').get('n0') as Y.Map<unknown>).set('schemaVersion', 3);
      client.doc.getMap('other').set('schemaVersion', 3);
    });
    expect(validateUpdate(client.since(), stateVectorOf(server), { doc: server })).toMatchObject({ ok: true });
  });
});

describe('validateUpdate and structs the document already has', () => {
  it('refuses as missing an update whose already-known struct names an unknown origin (Yjs would hold the rest pending)', () => {
    const a = new Y.Doc();
    a.clientID = 1;
    a.getText('t').insert(0, 'ab');
    const b = new Y.Doc();
    b.clientID = 2;
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    b.getText('t').insert(2, 'c'); // 2:0, origin 1:1
    const base = new Y.Doc();
    Y.applyUpdate(base, Y.encodeStateAsUpdate(b));
    b.getText('t').insert(0, 'z'); // 2:1, right origin 1:0: new to the base
    const honest = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    expect(validateUpdate(honest, stateVectorOf(base), { doc: base })).toMatchObject({ ok: true });
    // The same update with the known struct's origin rewritten to a client nobody has seen.
    let forged: Uint8Array | null = null;
    for (let i = 0; i < honest.length && !forged; i++) {
      if (honest[i] !== 1) continue;
      const candidate = honest.slice();
      candidate[i] = 77;
      try {
        const struct = Y.decodeUpdate(candidate).structs.find((s) => s.id.client === 2 && s.id.clock === 0);
        if (struct instanceof Y.Item && struct.origin?.client === 77) forged = candidate;
      } catch {
        // not this byte
      }
    }
    expect(forged).not.toBeNull();
    expect(leavesPending(base, forged!)).toBe(true);
    expect(validateUpdate(forged!, stateVectorOf(base), { doc: base })).toMatchObject({ ok: false, kind: 'missing' });
  });
});
