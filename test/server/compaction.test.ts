import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Rooms } from '../../server/rooms.js';
import type { DocumentStore } from '../../server/storage.js';
import { migrateBoardDoc } from '../../shared/migrations.js';
import { addNote } from '../../shared/ops/notes.js';
import { getNote } from '../../shared/selectors.js';
import { waitFor } from './helpers.js';

/** A store whose compaction always fails (a full disk, a locked database…); appends succeed. */
function storeWithFailingCompaction(initial: Y.Doc) {
  const appended: Uint8Array[] = [];
  let compactions = 0;
  const store: DocumentStore = {
    loadDocument: async () => ({ updates: [Y.encodeStateAsUpdate(initial)], lastSeq: 0, updateCount: 0 }),
    appendUpdate: (_boardId, _doc, update) => {
      appended.push(update);
      return Promise.resolve(appended.length);
    },
    compact: () => {
      compactions++;
      throw new Error('SQLITE_FULL: database or disk is full');
    },
    flush: async () => {},
  };
  return { store, appended, compactions: () => compactions };
}

function fakePeer() {
  const frames: Uint8Array[] = [];
  return {
    frames,
    awarenessIds: new Set<number>(),
    send: (frame: Uint8Array) => frames.push(frame),
    close: () => {},
  };
}

describe('a compaction that fails', () => {
  it('is logged and the room keeps working: the update is stored, applied and relayed; unloading survives it too', async () => {
    const initial = new Y.Doc();
    migrateBoardDoc(initial);
    const { store, appended, compactions } = storeWithFailingCompaction(initial);
    const logs: string[] = [];
    const rooms = new Rooms({ store, unloadDelayMs: 20, compactAfter: 0, log: (message) => logs.push(message) });
    const joined = await rooms.join('AAAAAAAAAAAA', 'board');
    if (joined.kind !== 'room') throw new Error('the room did not load');
    const { room } = joined;
    const alice = fakePeer();
    const bob = fakePeer();
    room.add(alice);
    room.add(bob);

    const author = new Y.Doc();
    Y.applyUpdate(author, Y.encodeStateAsUpdate(room.doc));
    const before = Y.encodeStateVector(author);
    addNote(author, { id: 'n1', pillarId: 'p', lane: 'idea', text: '残る', author: 'a' });
    expect(room.submit(Y.encodeStateAsUpdate(author, before), alice)).toEqual({ ok: true });
    await waitFor(() => getNote(room.doc, 'n1') !== null, 'the update to be applied');
    expect(appended).toHaveLength(1);
    expect(bob.frames).toHaveLength(1); // relayed to the other peer
    expect(alice.frames).toHaveLength(0);
    expect(compactions()).toBe(1);
    expect(logs.some((line) => line.includes('compaction failed') && line.includes('SQLITE_FULL'))).toBe(true);

    // The next write works as well.
    const before2 = Y.encodeStateVector(author);
    addNote(author, { id: 'n2', pillarId: 'p', lane: 'idea', text: 'もう一つ', author: 'a' });
    expect(room.submit(Y.encodeStateAsUpdate(author, before2), bob)).toEqual({ ok: true });
    await waitFor(() => getNote(room.doc, 'n2') !== null, 'the second update to be applied');
    expect(alice.frames).toHaveLength(1);

    // The unload timer compacts too: the room is freed and nothing is thrown out of the timer.
    const failuresBefore = compactions();
    room.remove(alice);
    room.remove(bob);
    await waitFor(() => rooms.size === 0, 'the room to unload');
    expect(compactions()).toBe(failuresBefore + 1);
  });

  it('of a migration makes the load fail instead of serving changes that were never stored', async () => {
    const { store } = storeWithFailingCompaction(new Y.Doc()); // no schemaVersion: it gets migrated
    const logs: string[] = [];
    const rooms = new Rooms({ store, unloadDelayMs: 20, compactAfter: 500, log: (message) => logs.push(message) });
    await expect(rooms.join('AAAAAAAAAAAA', 'board')).rejects.toThrow(/could not store the migration/);
    expect(rooms.size).toBe(0);
  });
});
