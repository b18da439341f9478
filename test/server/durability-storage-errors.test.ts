import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Rooms } from '../../server/rooms.js';
import { StorageUnavailableError } from '../../server/storage/errors.js';
import type { StorageOutage } from '../../server/storage/writeOutage.js';
import { type DocumentStore, openStorage, StorageFullError } from '../../server/storage.js';
import { migrateBoardDoc } from '../../shared/migrations.js';
import { addNote } from '../../shared/ops/notes.js';
import { MESSAGE, readWriteRefusalCode, WRITE_REFUSAL } from '../../shared/protocol.js';
import { tempDataDir, waitFor } from './helpers.js';

/**
 * A store whose appends fail with a chosen error: SQLite cannot be made to report an I/O error on demand,
 * and the rooms take their store as an injected interface. (A real full disk: durability-full-disk.test.ts.)
 */
function failingStore(initial: Y.Doc, error: () => Error) {
  let outage: StorageOutage | null = null;
  const listeners: Array<() => void> = [];
  const store: DocumentStore = {
    loadDocument: async () => ({ updates: [Y.encodeStateAsUpdate(initial)], lastSeq: 0, updateCount: 0 }),
    appendUpdate: () => {
      const failure = error();
      if (failure instanceof StorageFullError) outage = 'full';
      if (failure instanceof StorageUnavailableError) outage = 'unavailable';
      return Promise.reject(failure);
    },
    compact: async () => {},
    flush: async () => {},
    writeOutage: () => outage,
    onWritable: (listener) => listeners.push(listener),
  };
  const spaceIsBack = () => {
    outage = null;
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

/** The refusal code of a permission-denied frame (auth message, permission denied, reason). */
function refusalCode(frame: Uint8Array): string | null {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder); // MESSAGE.auth
  decoding.readVarUint(decoder); // permission denied
  return readWriteRefusalCode(decoding.readVarString(decoder));
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
    expect(refusalCode(writer.frames[0]!)).toBe(WRITE_REFUSAL.storageFull);
    expect(writer.closes).toEqual([]);
    expect(other.frames).toEqual([]);
    // While full, another write is refused at once; the writer is not told twice.
    room.submit(noteUpdate(room, 'n2'), writer);
    expect(writer.frames).toHaveLength(1);
    spaceIsBack();
    expect(writer.frames.map(firstType)).toEqual([MESSAGE.auth, MESSAGE.sync]); // our step 1: send what we lack
    expect(other.frames).toEqual([]); // it was never refused
  });

  it('of an unreachable database refuses the writer with a reason of its own (not a full disk), and asks again once it is back', async () => {
    const { store, spaceIsBack: databaseIsBack } = failingStore(initial, () => new StorageUnavailableError());
    const room = await roomWith(store);
    const writer = fakePeer();
    room.add(writer);
    room.submit(noteUpdate(room, 'n1'), writer);
    await waitFor(() => writer.frames.length > 0, 'the writer to be told');
    expect(refusalCode(writer.frames[0]!)).toBe(WRITE_REFUSAL.storageUnavailable);
    expect(writer.closes).toEqual([]);
    expect(room.storageOutage).toBe('unavailable');
    // The server's own change is refused at once with the same reason, rather than queued.
    const own = room.submit(noteUpdate(room, 'n3'), null);
    expect(own.ok === false && readWriteRefusalCode(own.reason)).toBe(WRITE_REFUSAL.storageUnavailable);
    databaseIsBack();
    expect(writer.frames.map(firstType)).toEqual([MESSAGE.auth, MESSAGE.sync]);
  });
});

describe('a batch of appends in which one fails', () => {
  it('fails only that update: the others of the same transaction are stored', async () => {
    const data = tempDataDir();
    const storage = openStorage({ dataDir: data.dir, batchMs: 20 });
    try {
      const empty = Y.encodeStateAsUpdate(new Y.Doc());
      await storage.createBoard(
        {
          id: 'realboard001',
          title: 't',
          createdAt: 0,
          tokenHashes: { facilitator: 'a', participant: 'b', viewer: 'c' },
        },
        { board: empty, settings: empty },
      );
      const doc = new Y.Doc();
      addNote(doc, { id: 'n1', pillarId: 'p', lane: 'idea', text: 'x', author: 'a' });
      const update = Y.encodeStateAsUpdate(doc);
      // Same batch: a board that does not exist (deleted meanwhile) breaks the foreign key.
      const results = await Promise.allSettled([
        storage.appendUpdate('realboard001', 'board', update),
        storage.appendUpdate('ghostboard01', 'board', update),
        storage.appendUpdate('realboard001', 'settings', update),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await storage.loadDocument('realboard001', 'board')).updateCount).toBe(1);
      expect((await storage.loadDocument('realboard001', 'settings')).updateCount).toBe(1);
    } finally {
      await storage.close();
      data.remove();
    }
  });
});
