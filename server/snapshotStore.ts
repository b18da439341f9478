import type Database from 'better-sqlite3';
import type { Actor } from './audit.js';
import type { WriteGuard } from './people.js';
import { checksumOf } from './storage/checksum.js';

/**
 * Named snapshots of a board in SQLite (tables `named_snapshots` and `snapshot_meeting_seen`, created by the
 * schema migration 2 → 3 in storage/schema.ts). A snapshot is the two documents' full states at one moment,
 * as Yjs updates, with one checksum over both (verified before anything is decoded).
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

const META_COLUMNS = 'id, name, reason, meeting_id, created_at, created_by_role, created_by_person_id, created_by_name';

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

export type SnapshotStore = ReturnType<typeof openSnapshotStore>;

export function openSnapshotStore(db: Database.Database, guardWrite: WriteGuard = (run) => run()) {
  const insert = db.prepare(
    `INSERT INTO named_snapshots (id, board_id, name, reason, meeting_id, created_at, created_by_role,
       created_by_person_id, created_by_name, board_state, settings_state, checksum)
     VALUES (@id, @boardId, @name, @reason, @meetingId, @createdAt, @role, @personId, @personName, @board, @settings, @checksum)`,
  );
  const count = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM named_snapshots WHERE board_id = ?');
  const selectAll = db.prepare<[string], SnapshotRow>(
    `SELECT ${META_COLUMNS} FROM named_snapshots WHERE board_id = ? ORDER BY created_at DESC, rowid DESC`,
  );
  const selectOne = db.prepare<
    [string, string],
    SnapshotRow & { board_state: Buffer; settings_state: Buffer; checksum: string }
  >(`SELECT ${META_COLUMNS}, board_state, settings_state, checksum FROM named_snapshots WHERE board_id = ? AND id = ?`);
  const deleteOne = db.prepare('DELETE FROM named_snapshots WHERE board_id = ? AND id = ?');
  const selectSeen = db.prepare<[string], { meeting_id: string | null }>(
    'SELECT meeting_id FROM snapshot_meeting_seen WHERE board_id = ?',
  );
  const upsertSeen = db.prepare(
    `INSERT INTO snapshot_meeting_seen (board_id, meeting_id) VALUES (?, ?)
     ON CONFLICT (board_id) DO UPDATE SET meeting_id = excluded.meeting_id`,
  );

  function add(boardId: string, meta: SnapshotMeta, states: SnapshotStates): void {
    if (count.get(boardId)!.n >= MAX_SNAPSHOTS_PER_BOARD) {
      throw new SnapshotLimitError(
        `this board already has ${MAX_SNAPSHOTS_PER_BOARD} snapshots; delete some before saving another`,
      );
    }
    insert.run({
      id: meta.id,
      boardId,
      name: meta.name,
      reason: meta.reason,
      meetingId: meta.meetingId,
      createdAt: meta.createdAt,
      role: meta.createdBy?.role ?? null,
      personId: meta.createdBy?.personId ?? null,
      personName: meta.createdBy?.name ?? null,
      board: states.board,
      settings: states.settings,
      checksum: checksumOfStates(states),
    });
  }

  return {
    /** Stores a snapshot (through the full-disk guard); a SnapshotLimitError when the board has too many. */
    add(boardId: string, meta: SnapshotMeta, states: SnapshotStates): void {
      guardWrite(() => db.transaction(() => add(boardId, meta, states))());
    },
    /** Newest first. */
    list: (boardId: string): SnapshotMeta[] => selectAll.all(boardId).map(toMeta),
    /** The snapshot with its states, verified against its checksum (SnapshotDamagedError); null when absent. */
    get(boardId: string, id: string): { meta: SnapshotMeta; states: SnapshotStates } | null {
      const row = selectOne.get(boardId, id);
      if (!row) return null;
      const states = { board: toBytes(row.board_state), settings: toBytes(row.settings_state) };
      if (checksumOfStates(states) !== row.checksum) {
        throw new SnapshotDamagedError(`the stored snapshot ${id} of board ${boardId} is damaged`);
      }
      return { meta: toMeta(row), states };
    },
    remove: (boardId: string, id: string): boolean => guardWrite(() => deleteOne.run(boardId, id).changes > 0),
    /** The meeting under way the server last saw on this board; undefined before the first look. */
    seenMeeting: (boardId: string): string | null | undefined => {
      const row = selectSeen.get(boardId);
      return row ? row.meeting_id : undefined;
    },
    setSeenMeeting(boardId: string, meetingId: string | null): void {
      guardWrite(() => upsertSeen.run(boardId, meetingId));
    },
    /** The automatic snapshot and the meeting now under way, in one transaction: taken once, never twice. */
    addForMeeting(boardId: string, meta: SnapshotMeta, states: SnapshotStates, nowUnderWay: string | null): void {
      guardWrite(() =>
        db.transaction(() => {
          add(boardId, meta, states);
          upsertSeen.run(boardId, nowUnderWay);
        })(),
      );
    },
  };
}
