import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  MAX_SNAPSHOTS_PER_BOARD,
  openSnapshotStore,
  SnapshotDamagedError,
  SnapshotLimitError,
  type SnapshotMeta,
  type SnapshotStates,
} from '../../server/snapshotStore.js';
import type { AsyncWriteGuard } from '../../server/sql/types.js';
import { StorageFullError } from '../../server/storage/errors.js';
import type { BoardRecord } from '../../server/storage/types.js';
import { openWebhookStore } from '../../server/webhooks/webhookStore.js';
import { addNote } from '../../shared/ops/notes.js';
import { STORAGE_ENGINES } from './storageEngines.js';

// The named snapshots and the digest webhooks, on each engine: what the API and the automatic snapshot rely on
// holds alike on SQLite (the embedded default) and PostgreSQL (several processes).

const EMPTY = Y.encodeStateAsUpdate(new Y.Doc());
const AT = 1_700_000_000_000;

function board(id: string): BoardRecord {
  return { id, title: `ボード ${id}`, createdAt: AT, tokenHashes: { facilitator: 'f', participant: 'p', viewer: 'v' } };
}

/** A board document with one note, and an empty settings document. */
function states(text: string): SnapshotStates {
  const doc = new Y.Doc();
  addNote(doc, { id: 'n1', pillarId: 'p', lane: 'idea', text, author: 'a' });
  return { board: Y.encodeStateAsUpdate(doc), settings: EMPTY };
}

const SMALL = states('小さい');

function meta(id: string, overrides: Partial<SnapshotMeta> = {}): SnapshotMeta {
  return {
    id,
    name: `版 ${id}`,
    reason: 'manual',
    meetingId: null,
    createdAt: AT,
    createdBy: { role: 'facilitator', personId: 'p1', name: '山田' },
    ...overrides,
  };
}

/** A full disk as the storage's guard answers it: the write is refused before it runs. */
const fullDisk: AsyncWriteGuard = async () => {
  throw new StorageFullError();
};

describe.each(STORAGE_ENGINES)('named snapshots on $name', (engine) => {
  it('adds, lists newest first, reads back verified, and deletes a snapshot', async () => {
    const storage = await engine.open();
    try {
      await storage.createBoard(board('s1'), { board: EMPTY, settings: EMPTY });
      const store = openSnapshotStore(storage.sql, storage.guard);
      const first = await store.add('s1', meta('a'), states('最初'));
      // Saved in the same millisecond: dated after the first, so the newest is listed first on both engines.
      // Two different documents: bytes moved between them would change the checksum.
      const saved = { board: states('二つ目').board, settings: states('設定側').board };
      const second = await store.add('s1', meta('b', { createdBy: null, reason: 'meeting', meetingId: 'm1' }), saved);
      expect(first.createdAt).toBe(AT);
      expect(second.createdAt).toBe(AT + 1);
      expect(await store.list('s1')).toEqual([second, first]);
      expect(await store.list('other')).toEqual([]);

      const read = await store.get('s1', 'b');
      expect(read?.meta).toEqual(second);
      expect(Buffer.from(read!.states.board)).toEqual(Buffer.from(saved.board));
      expect(Buffer.from(read!.states.settings)).toEqual(Buffer.from(saved.settings));
      expect(await store.get('s1', 'nope')).toBeNull();
      expect(await store.get('other', 'a')).toBeNull();

      // The stored bytes no longer match their checksum: refused before anything is decoded.
      await storage.sql.run("UPDATE named_snapshots SET checksum = '0000000000000000' WHERE id = ?", ['a']);
      await expect(store.get('s1', 'a')).rejects.toBeInstanceOf(SnapshotDamagedError);

      expect(await store.remove('s1', 'a')).toBe(true);
      expect(await store.remove('s1', 'a')).toBe(false);
      expect((await store.list('s1')).map((s) => s.id)).toEqual(['b']);
    } finally {
      await storage.close();
    }
  });

  it(`keeps at most ${MAX_SNAPSHOTS_PER_BOARD} per board`, async () => {
    const storage = await engine.open();
    try {
      await storage.createBoard(board('s2'), { board: EMPTY, settings: EMPTY });
      await storage.createBoard(board('s3'), { board: EMPTY, settings: EMPTY });
      const store = openSnapshotStore(storage.sql, storage.guard);
      for (let i = 0; i < MAX_SNAPSHOTS_PER_BOARD; i++) await store.add('s2', meta(`s2-${i}`), SMALL);
      const refused = store.add('s2', meta('more'), SMALL);
      await expect(refused).rejects.toBeInstanceOf(SnapshotLimitError);
      await expect(refused).rejects.toThrow(String(MAX_SNAPSHOTS_PER_BOARD));
      expect(await store.list('s2')).toHaveLength(MAX_SNAPSHOTS_PER_BOARD);
      // The limit is per board.
      await store.add('s3', meta('s3-0'), SMALL);
      expect(await store.list('s3')).toHaveLength(1);
    } finally {
      await storage.close();
    }
  });

  // On SQLite this also guards server/sql/sqlite.ts: transactions asked for in one tick begin one after the other
  // (once, the second one's BEGIN failed with "cannot start a transaction within a transaction").
  it('gives the last place to one of several saves at once', async () => {
    const storage = await engine.open();
    try {
      await storage.createBoard(board('s6'), { board: EMPTY, settings: EMPTY });
      const store = openSnapshotStore(storage.sql, storage.guard);
      for (let i = 0; i < MAX_SNAPSHOTS_PER_BOARD - 1; i++) await store.add('s6', meta(`s6-${i}`), SMALL);
      // On PostgreSQL on five pooled connections, each of which counts 199 unless the board's row is locked.
      const racing = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => store.add('s6', meta(`last-${i}`), SMALL)));
      expect(racing.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of racing) {
        if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(SnapshotLimitError);
      }
      expect(await store.list('s6')).toHaveLength(MAX_SNAPSHOTS_PER_BOARD);
    } finally {
      await storage.close();
    }
  });

  it('records the meeting seen, with the automatic snapshot in one transaction, and deletes both with the board', async () => {
    const storage = await engine.open();
    try {
      await storage.createBoard(board('s4'), { board: EMPTY, settings: EMPTY });
      const store = openSnapshotStore(storage.sql, storage.guard);
      expect(await store.seenMeeting('s4')).toBeUndefined();
      await store.setSeenMeeting('s4', 'm1');
      expect(await store.seenMeeting('s4')).toBe('m1');
      await store.setSeenMeeting('s4', null);
      expect(await store.seenMeeting('s4')).toBeNull();

      const ended = meta('auto', { reason: 'meeting', meetingId: 'm1', createdBy: null });
      expect(await store.addForMeeting('s4', ended, states('会議'), 'm2')).toEqual(ended);
      expect(await store.seenMeeting('s4')).toBe('m2');
      expect(await store.list('s4')).toEqual([ended]);

      // A snapshot that cannot be stored (its id is taken) leaves the meeting seen as it was: all or nothing.
      await expect(store.addForMeeting('s4', { ...ended, meetingId: 'm2' }, states('会議'), 'm3')).rejects.toThrow();
      expect(await store.seenMeeting('s4')).toBe('m2');

      expect(await storage.deleteBoard('s4')).toBe(true);
      expect(await store.list('s4')).toEqual([]);
      expect(await store.seenMeeting('s4')).toBeUndefined();
    } finally {
      await storage.close();
    }
  });

  it('writes inside the caller’s transaction when bound to it, and through the full-disk guard', async () => {
    const storage = await engine.open();
    try {
      await storage.createBoard(board('s5'), { board: EMPTY, settings: EMPTY });
      const rolledBack = storage.sql.transaction(async (tx) => {
        const bound = openSnapshotStore(tx);
        await bound.addForMeeting('s5', meta('inside'), states('中'), 'm1');
        expect(await bound.list('s5')).toHaveLength(1);
        throw new Error('the caller gives up');
      });
      await expect(rolledBack).rejects.toThrow('the caller gives up');
      const store = openSnapshotStore(storage.sql, storage.guard);
      expect(await store.list('s5')).toEqual([]);
      expect(await store.seenMeeting('s5')).toBeUndefined();

      const full = openSnapshotStore(storage.sql, fullDisk);
      await expect(full.add('s5', meta('full'), states('満杯'))).rejects.toBeInstanceOf(StorageFullError);
      await expect(full.setSeenMeeting('s5', 'm1')).rejects.toBeInstanceOf(StorageFullError);
      expect(await store.list('s5')).toEqual([]);
    } finally {
      await storage.close();
    }
  });
});

describe.each(STORAGE_ENGINES)('digest webhooks on $name', (engine) => {
  const schedule = {
    boardId: 'w1',
    url: 'https://chat.example.lg.jp/hook',
    format: 'markdown' as const,
    weekday: 1,
    minuteOfDay: 540,
    coveredSince: AT - 7 * 86_400_000,
    nextRunAt: AT + 3_600_000,
  };

  it('saves a webhook, records its tries on its schedule, and deletes it with the board', async () => {
    const storage = await engine.open();
    try {
      await storage.createBoard(board('w1'), { board: EMPTY, settings: EMPTY });
      const store = openWebhookStore(storage.sql, storage.guard);
      expect(await store.get('w1')).toBeNull();
      const saved = await store.set(schedule);
      expect(saved).toEqual({ ...schedule, failures: 0, lastAttemptAt: null, lastSuccessAt: null, lastError: null });
      expect(await store.get('w1')).toEqual(saved);

      expect(await store.due(AT)).toEqual([]);
      expect((await store.due(schedule.nextRunAt)).map((w) => w.boardId)).toEqual(['w1']);
      const tried = schedule.nextRunAt;
      await store.failed('w1', tried, tried + 60_000, 'HTTP 500');
      await store.failed('w1', tried + 60_000, tried + 360_000, 'HTTP 503');
      expect(await store.get('w1')).toMatchObject({
        failures: 2,
        lastAttemptAt: tried + 60_000,
        nextRunAt: tried + 360_000,
        lastError: 'HTTP 503',
        lastSuccessAt: null,
      });
      await store.succeeded('w1', tried + 360_000, tried + 7 * 86_400_000);
      expect(await store.get('w1')).toMatchObject({
        failures: 0,
        coveredSince: tried + 360_000,
        lastAttemptAt: tried + 360_000,
        lastSuccessAt: tried + 360_000,
        nextRunAt: tried + 7 * 86_400_000,
        lastError: null,
      });

      // Replaced: the new choice and schedule, failures forgotten, but what was posted stays posted.
      await store.failed('w1', tried + 400_000, tried + 460_000, 'HTTP 500');
      const replaced = await store.set({ ...schedule, format: 'text', weekday: 3, coveredSince: 0 });
      expect(replaced).toMatchObject({ format: 'text', weekday: 3, coveredSince: tried + 360_000, failures: 0 });
      expect(replaced).toMatchObject({ lastError: null, lastSuccessAt: tried + 360_000 });

      await expect(openWebhookStore(storage.sql, fullDisk).remove('w1')).rejects.toBeInstanceOf(StorageFullError);
      expect(await store.get('w1')).not.toBeNull();
      expect(await storage.deleteBoard('w1')).toBe(true);
      expect(await store.get('w1')).toBeNull();
      expect(await store.remove('w1')).toBe(false);
    } finally {
      await storage.close();
    }
  });

  it('keeps the reason of a failure to 500 characters and lists due webhooks the longest waiting first', async () => {
    const storage = await engine.open();
    try {
      const store = openWebhookStore(storage.sql, storage.guard);
      for (const [id, nextRunAt] of [
        ['w2', AT + 2],
        ['w3', AT + 1],
        ['w4', AT + 5],
      ] as const) {
        await storage.createBoard(board(id), { board: EMPTY, settings: EMPTY });
        await store.set({ ...schedule, boardId: id, nextRunAt });
      }
      expect((await store.due(AT + 2)).map((w) => w.boardId)).toEqual(['w3', 'w2']);
      await store.failed('w2', AT, AT + 10, 'x'.repeat(600));
      expect((await store.get('w2'))?.lastError).toHaveLength(500);
      expect(await store.remove('w3')).toBe(true);
      expect(await store.get('w3')).toBeNull();
    } finally {
      await storage.close();
    }
  });

  it('lets one of several processes take a due run (the others find it taken), and give it back', async () => {
    const storage = await engine.open();
    try {
      await storage.createBoard(board('w5'), { board: EMPTY, settings: EMPTY });
      const store = openWebhookStore(storage.sql, storage.guard);
      await store.set({ ...schedule, boardId: 'w5', nextRunAt: AT });
      const taken = await Promise.all([1, 2, 3].map(() => store.claim('w5', AT, AT + 300_000)));
      expect(taken.filter(Boolean)).toHaveLength(1);
      expect(await store.due(AT + 1)).toEqual([]);
      expect(await store.claim('w5', AT + 300_000, AT)).toBe(true); // given back: due again
      expect((await store.due(AT + 1)).map((w) => w.boardId)).toEqual(['w5']);
    } finally {
      await storage.close();
    }
  });
});
