import type { DocKind, Role } from '../../shared/roles.js';
import type { AsyncWriteGuard, SqlDatabase, SqlEngine, SqlExecutor } from '../sql/types.js';
import type { StorageCorruptionError } from './errors.js';
import type { StorageOutage } from './writeOutage.js';

/** What the server's modules need from persistence; `openStorage` (server/storage.ts) implements it. */

export interface BoardRecord {
  id: string;
  title: string;
  createdAt: number;
  /** SHA-256 (hex) of each role's token; the tokens themselves are never stored. */
  tokenHashes: Record<Role, string>;
  /** When the facilitator archived the board (read-only for everyone); null when it is live. */
  archivedAt?: number | null;
}

export interface StoredDocument {
  /** The compacted snapshot (if any) followed by the updates appended since, in order. */
  updates: Uint8Array[];
  /** Sequence number of the last stored update (0 when none), for compaction. */
  lastSeq: number;
  /** How many updates are stored beside the snapshot. */
  updateCount: number;
}

/** What the rooms need from persistence: injected, so the protocol and rooms never import an engine. */
export interface DocumentStore {
  /** Every row is checked against its checksum first: a damaged one rejects with a StorageCorruptionError. */
  loadDocument(boardId: string, doc: DocKind): Promise<StoredDocument>;
  /**
   * Resolves with the update's sequence number once the transaction holding it is durably committed; rejects
   * with a StorageFullError (nothing stored) when the disk is full, or with the database's error.
   */
  appendUpdate(boardId: string, doc: DocKind, update: Uint8Array): Promise<number>;
  /** Replaces the snapshot and every update up to `upToSeq` by `snapshot`, in one transaction. */
  compact(boardId: string, doc: DocKind, snapshot: Uint8Array, upToSeq: number): Promise<void>;
  /** Commits whatever is queued now; resolves once it is committed. */
  flush(): Promise<void>;
  /**
   * Why writes are refused for now, from a write refused for lack of space or because the database could not be
   * reached until a retry succeeded: appends are refused meanwhile. Null while writes are accepted.
   */
  writeOutage?(): StorageOutage | null;
  /** Called once writes are accepted again after an outage. */
  onWritable?(listener: () => void): void;
  isArchived?(boardId: string): Promise<boolean>;
  /** When the board was created (ms): what a migration needing "now" reads as the board's own time. */
  createdAt?(boardId: string): Promise<number | null>;
}

export interface BoardStore {
  createBoard(board: BoardRecord, documents: Record<DocKind, Uint8Array>): Promise<void>;
  getBoard(id: string): Promise<BoardRecord | null>;
  /** Sets or clears the archive flag; false when there is no such board. */
  setArchived(id: string, archived: boolean): Promise<boolean>;
  /** Removes the board and every stored row of it; false when there is no such board. */
  deleteBoard(id: string): Promise<boolean>;
  /** Checks every stored row of the board against its checksum, without decoding anything. */
  findDamage(id: string): Promise<StorageCorruptionError[]>;
  /** The writes of a board inside the caller's transaction (a board made with its plan rows and people). */
  within(tx: SqlExecutor): BoardWrites;
}

export type BoardWrites = Pick<BoardStore, 'createBoard' | 'setArchived'>;

export interface StorageHealth {
  full: boolean;
  /** The database server cannot be reached (PostgreSQL): writes are refused until it can. */
  unavailable: boolean;
  /** Documents found damaged since the start, as `<boardId>` or `<boardId>/settings`. */
  damaged: string[];
}

/** The storage a server runs on, whichever the engine (SQLite in the data folder, or PostgreSQL). */
export interface Storage extends Required<DocumentStore>, BoardStore {
  readonly engine: SqlEngine;
  /** The database through the SQL interface both engines implement (server/sql/types.ts), for the other stores. */
  readonly sql: SqlDatabase;
  health(): StorageHealth;
  /**
   * Runs a write of another concern's table (people, audit log, lock…) the way storage runs its own: refused
   * while writes are (a full disk: 507; an unreachable database: 503), and such a failure noticed.
   */
  guard: AsyncWriteGuard;
  /**
   * Caps the SQLite database at its current size plus `extraPages` pages (`PRAGMA max_page_count`), or lifts the
   * cap (null): simulates a full disk in tests and drills. Not on PostgreSQL (a tablespace is filled otherwise).
   */
  limitSize(extraPages: number | null): void;
  /** From now on, every write of a board's documents is fenced by `check` (several processes: cluster/leases.ts). */
  fenceWith(check: (tx: SqlExecutor, boardIds: Iterable<string>) => Promise<void>): void;
  /** Commits what is queued and closes the database. */
  close(): Promise<void>;
}
