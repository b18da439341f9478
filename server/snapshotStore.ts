import type { Actor } from './audit.js';
import { type AsyncWriteGuard, inTransaction, type SqlDatabase, type SqlExecutor } from './sql/types.js';
import { checksumOf } from './storage/checksum.js';

/**
 * Named snapshots of a board (tables `named_snapshots` and `snapshot_meeting_seen`: SQLite's schema migration
 * 2 → 3 in storage/schema.ts, and sql/postgresSchema.ts). A snapshot is the two documents' full states at one
 * moment, as Yjs updates, with one checksum over both (verified before anything is decoded).
 */
export type SnapshotReason = 'manual' | 'meeting';

export interface SnapshotMeta {
  id: string;
  name: string;
  reason: SnapshotReason;
  /** For an automatic snapshot: the meeting that ended. */
  meetingId: string | null;
  createdAt: number;
  /** Who saved it; null for an automatic one. */
  createdBy: Actor | null;
}

export interface SnapshotStates {
  board: Uint8Array;
  settings: Uint8Array;
}

/** How many snapshots a board keeps at most: each holds the whole board, so they are not free. */
export const MAX_SNAPSHOTS_PER_BOARD = 200;

export class SnapshotLimitError extends Error {}
export class SnapshotDamagedError extends Error {}

export interface SnapshotStore {
  /**
   * Stores a snapshot (through the full-disk guard) and resolves with its meta as stored; rejects with a
   * SnapshotLimitError when the board has too many.
   */
  add(boardId: string, meta: SnapshotMeta, states: SnapshotStates): Promise<SnapshotMeta>;
  /** Newest first. */
  list(boardId: string): Promise<SnapshotMeta[]>;
  /** The snapshot with its states, verified against its checksum (SnapshotDamagedError); null when absent. */
  get(boardId: string, id: string): Promise<{ meta: SnapshotMeta; states: SnapshotStates } | null>;
  remove(boardId: string, id: string): Promise<boolean>;
  /** The meeting under way the server last saw on this board; undefined before the first look. */
  seenMeeting(boardId: string): Promise<string | null | undefined>;
  setSeenMeeting(boardId: string, meetingId: string | null): Promise<void>;
  /** The automatic snapshot and the meeting now under way, in one transaction: taken once, never twice. */
  addForMeeting(
    boardId: string,
    meta: SnapshotMeta,
    states: SnapshotStates,
    nowUnderWay: string | null,
  ): Promise<SnapshotMeta>;
}

interface SnapshotRow {
  id: string;
  name: string;
  reason: SnapshotReason;
  meeting_id: string | null;
  created_at: number;
  created_by_role: Actor['role'] | null;
  created_by_person_id: string | null;
  created_by_name: string | null;
}

type StoredSnapshotRow = SnapshotRow & { board_state: Buffer; settings_state: Buffer; checksum: string };

const META_COLUMNS = 'id, name, reason, meeting_id, created_at, created_by_role, created_by_person_id, created_by_name';

// Newest first by `created_at`: `add` keeps it strictly increasing per board, an order both engines keep
// (PostgreSQL has no rowid to break a tie between two snapshots of one millisecond). `id` only makes the order of
// ties stored by older servers stable.
const SELECT_ALL = `SELECT ${META_COLUMNS} FROM named_snapshots WHERE board_id = ? ORDER BY created_at DESC, id`;
const SELECT_ONE = `SELECT ${META_COLUMNS}, board_state, settings_state, checksum FROM named_snapshots
  WHERE board_id = ? AND id = ?`;
const INSERT = `INSERT INTO named_snapshots (id, board_id, name, reason, meeting_id, created_at, created_by_role,
    created_by_person_id, created_by_name, board_state, settings_state, checksum)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const UPSERT_SEEN = `INSERT INTO snapshot_meeting_seen (board_id, meeting_id) VALUES (?, ?)
  ON CONFLICT (board_id) DO UPDATE SET meeting_id = excluded.meeting_id`;

function toMeta(row: SnapshotRow): SnapshotMeta {
  return {
    id: row.id,
    name: row.name,
    reason: row.reason,
    meetingId: row.meeting_id,
    createdAt: row.created_at,
    createdBy: row.created_by_role
      ? { role: row.created_by_role, personId: row.created_by_person_id, name: row.created_by_name }
      : null,
  };
}

/** One checksum over both states (length-prefixed, so moving bytes between them changes it). */
function checksumOfStates(states: SnapshotStates): string {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(states.board.byteLength);
  return checksumOf(Buffer.concat([length, states.board, states.settings]));
}

const toBytes = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/**
 * Inserts a snapshot inside the caller's transaction, unless the board is at its limit. Returns the meta as
 * stored: dated at least a millisecond after the board's latest snapshot, so newest-first is the order saved.
 */
async function insertWithinLimit(
  tx: SqlExecutor,
  boardId: string,
  meta: SnapshotMeta,
  states: SnapshotStates,
): Promise<SnapshotMeta> {
  // Locks the board's row on PostgreSQL: two processes (or two pooled connections) adding at once would both
  // count one under the limit under READ COMMITTED. SQLite's transaction already holds the write lock.
  await tx.run('UPDATE boards SET title = title WHERE id = ?', [boardId]);
  const stored = await tx.get<{ n: number; latest: number | null }>(
    'SELECT COUNT(*) AS n, MAX(created_at) AS latest FROM named_snapshots WHERE board_id = ?',
    [boardId],
  );
  if (stored && stored.n >= MAX_SNAPSHOTS_PER_BOARD) {
    throw new SnapshotLimitError(
      `this board already has ${MAX_SNAPSHOTS_PER_BOARD} snapshots; delete some before saving another`,
    );
  }
  const createdAt = Math.max(meta.createdAt, (stored?.latest ?? Number.NEGATIVE_INFINITY) + 1);
  await tx.run(INSERT, [
    meta.id,
    boardId,
    meta.name,
    meta.reason,
    meta.meetingId,
    createdAt,
    meta.createdBy?.role ?? null,
    meta.createdBy?.personId ?? null,
    meta.createdBy?.name ?? null,
    states.board,
    states.settings,
    checksumOfStates(states),
  ]);
  return { ...meta, createdAt };
}

/**
 * The store over either engine. `db` is a database, or a transaction's executor when the caller's transaction
 * must hold the writes too; inside a transaction of its own the store uses only that transaction's executor.
 */
export function openSnapshotStore(
  db: SqlDatabase | SqlExecutor,
  guard: AsyncWriteGuard = (run) => run(),
): SnapshotStore {
  return {
    add: (boardId, meta, states) =>
      guard(() => inTransaction(db, (tx) => insertWithinLimit(tx, boardId, meta, states))),

    list: async (boardId) => (await db.all<SnapshotRow>(SELECT_ALL, [boardId])).map(toMeta),

    async get(boardId, id) {
      const row = await db.get<StoredSnapshotRow>(SELECT_ONE, [boardId, id]);
      if (!row) return null;
      const states = { board: toBytes(row.board_state), settings: toBytes(row.settings_state) };
      if (checksumOfStates(states) !== row.checksum) {
        throw new SnapshotDamagedError(`the stored snapshot ${id} of board ${boardId} is damaged`);
      }
      return { meta: toMeta(row), states };
    },

    remove: async (boardId, id) =>
      (await guard(() => db.run('DELETE FROM named_snapshots WHERE board_id = ? AND id = ?', [boardId, id]))).changes >
      0,

    async seenMeeting(boardId) {
      const row = await db.get<{ meeting_id: string | null }>(
        'SELECT meeting_id FROM snapshot_meeting_seen WHERE board_id = ?',
        [boardId],
      );
      return row ? row.meeting_id : undefined;
    },

    async setSeenMeeting(boardId, meetingId) {
      await guard(() => db.run(UPSERT_SEEN, [boardId, meetingId]));
    },

    addForMeeting: (boardId, meta, states, nowUnderWay) =>
      guard(() =>
        inTransaction(db, async (tx) => {
          const stored = await insertWithinLimit(tx, boardId, meta, states);
          await tx.run(UPSERT_SEEN, [boardId, nowUnderWay]);
          return stored;
        }),
      ),
  };
}
