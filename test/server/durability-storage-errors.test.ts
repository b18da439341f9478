import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Rooms } from '../../server/rooms.js';
import { type DocumentStore, StorageFullError } from '../../server/storage.js';
import { migrateBoardDoc } from '../../shared/migrations.js';
import { addNote } from '../../shared/ops/notes.js';
import { MESSAGE } from '../../shared/protocol.js';
import { waitFor } from './helpers.js';

/**
 * A store whose appends fail with a chosen error: SQLite cannot be made to report an I/O error on demand,
 * and the rooms take their store as an injected interface. (A real full disk: durability-full-disk.test.ts.)
 */
function failingStore(initial: Y.Doc, error: () => Error) {
  let full = false;
  const listeners: Array<() => void> = [];
  const store: DocumentStore = {
    loadDocument: () => ({ updates: [Y.encodeStateAsUpdate(initial)], lastSeq: 0, updateCount: 0 }),
    appendUpdate: () => {
      const failure = error();
      if (failure instanceof StorageFullError) full = true;
      return Promise.reject(failure);
    },
    compact: () => {},
    flush: () => {},
    isFull: () => full,
    onSpaceAvailable: (listener) => listeners.push(listener),
  };
  const spaceIsBack = () => {
    full = false;
    for (const listener of listeners) listener();
  };
  return { store, spaceIsBack };
}

function fakePeer() {
  const frames: Uint8Array[] = [];
  const closes: Array<{ code: number; reason: string }> = [];
  return {
    frames,
    closes,
    awarenessIds: new Set<number>(),
    send: (frame: Uint8Array) => frames.push(frame),
    close: (code: number, reason: string) => closes.push({ code, reason }),
  };
}

async function roomWith(store: DocumentStore) {
  const rooms = new Rooms({ store, unloadDelayMs: 1_000, compactAfter: 500, log: () => {} });
  const joined = await rooms.join('AAAAAAAAAAAA', 'board');
  if (joined.kind !== 'room') throw new Error('the room did not load');
  return joined.room;
}

function firstType(frame: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(frame));
}

describe('a storage failure while writing', () => {
  const initial = new Y.Doc();
  migrateBoardDoc(initial);

  function noteUpdate(room: { doc: Y.Doc }, id: string): Uint8Array {
    const author = new Y.Doc();
    Y.applyUpdate(author, Y.encodeStateAsUpdate(room.doc));
    const before = Y.encodeStateVector(author);
    addNote(author, { id, pillarId: 'p', lane: 'idea', text: id, author: 'a' });
    return Y.encodeStateAsUpdate(author, before);
  }

  it('other than a full disk fails the room: its connections close with 1011 and reconnect', async () => {
    const { store } = failingStore(initial, () => new Error('SQLITE_IOERR: disk I/O error'));
    const room = await roomWith(store);
    const writer = fakePeer();
    const other = fakePeer();
    room.add(writer);
    room.add(other);
    expect(room.submit(noteUpdate(room, 'n1'), writer)).toEqual({ ok: true });
    await waitFor(() => writer.closes.length > 0, 'the room to fail');
    expect(writer.closes[0]?.code).toBe(1011);
    expect(other.closes[0]?.code).toBe(1011);
    expect(other.frames).toEqual([]); // nothing relayed
  });

  it('of a full disk refuses the writer with a permission-denied message and keeps every connection open', async () => {
    const { store, spaceIsBack } = failingStore(initial, () => new StorageFullError());
    const room = await roomWith(store);
    const writer = fakePeer();
    const other = fakePeer();
    room.add(writer);
    room.add(other);
    room.submit(noteUpdate(room, 'n1'), writer);
    await waitFor(() => writer.frames.length > 0, 'the writer to be told');
    expect(writer.frames.map(firstType)).toEqual([MESSAGE.auth]);
    expect(writer.closes).toEqual([]);
    expect(other.frames).toEqual([]);
    // While full, another write is refused at once; the writer is not told twice.
    room.submit(noteUpdate(room, 'n2'), writer);
    expect(writer.frames).toHaveLength(1);
    spaceIsBack();
    expect(writer.frames.map(firstType)).toEqual([MESSAGE.auth, MESSAGE.sync]); // our step 1: send what we lack
    expect(other.frames).toEqual([]); // it was never refused
  });
});
