import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardLocks } from '../../server/boardLock.js';
import { Rooms } from '../../server/rooms.js';
import { ServerStateMirror } from '../../server/serverStateMirror.js';
import { sqliteDatabase } from '../../server/sql/sqlite.js';
import type { DocumentStore } from '../../server/storage.js';
import { readBoardLock } from '../../shared/records/serverState.js';
import { initialiseSettingsDoc } from '../../shared/template.js';
import { waitFor } from './helpers.js';

/** A store whose next `failures` appends fail, as a storage error would. */
function flakyStore(failures: number): DocumentStore {
  const settings = new Y.Doc();
  initialiseSettingsDoc(settings, '部会');
  const snapshot = Y.encodeStateAsUpdate(settings);
  let left = failures;
  let seq = 0;
  return {
    loadDocument: async () => ({ updates: [snapshot], lastSeq: 0, updateCount: 0 }),
    appendUpdate: () => (left-- > 0 ? Promise.reject(new Error('disk I/O error')) : Promise.resolve(++seq)),
    compact: async () => {},
    flush: async () => {},
  };
}

describe('the board lock when the settings document cannot be written', () => {
  it('holds the lock at once, reports that clients were not told, and is not stuck for later changes', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE boards (id TEXT PRIMARY KEY)');
    db.exec('CREATE TABLE board_locks (board_id TEXT PRIMARY KEY, locked_at INTEGER NOT NULL, locked_by TEXT)');
    db.prepare('INSERT INTO boards (id) VALUES (?)').run('board0001');
    const logs: string[] = [];
    const rooms = new Rooms({ store: flakyStore(1), unloadDelayMs: 20, compactAfter: 500, log: (m) => logs.push(m) });
    const locks = new BoardLocks(sqliteDatabase(db), new ServerStateMirror(rooms, (m) => logs.push(m)), () => {});
    await locks.load();

    const first = await locks.set('board0001', true, '進行役');
    expect(locks.isLocked('board0001')).toBe(true);
    await expect(first.shown).rejects.toThrow(/disk I\/O error/);

    // The failed room is freed once unused; the next change is written and shown.
    await waitFor(() => rooms.get('board0001', 'settings') === undefined, 'the failed room to be freed');
    const second = await locks.set('board0001', false, '進行役');
    await second.shown;
    const joined = await rooms.join('board0001', 'settings');
    expect(joined.kind === 'room' && readBoardLock(joined.room.doc)).toBeNull();
    const third = await locks.set('board0001', true, '進行役');
    await third.shown;
    expect(joined.kind === 'room' && readBoardLock(joined.room.doc)).toMatchObject({ lockedBy: '進行役' });
    expect(logs.some((m) => m.includes("could not show the server's state"))).toBe(true);
    await rooms.unloadAll();
    db.close();
  });
});
