import type Database from 'better-sqlite3';
import type { DocKind, Role } from '../../shared/roles.js';
import type { StorageCorruptionError } from './errors.js';

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

/** What the rooms need from persistence: injected, so the protocol and rooms never import SQLite. */
export interface DocumentStore {
  /** Every row is checked against its checksum first: a damaged one throws a StorageCorruptionError. */
  loadDocument(boardId: string, doc: DocKind): StoredDocument;
  /**
   * Resolves with the update's sequence number once the transaction holding it is durably committed; rejects
   * with a StorageFullError (nothing stored) when the disk is full, or with the database's error.
   */
  appendUpdate(boardId: string, doc: DocKind, update: Uint8Array): Promise<number>;
  /** Replaces the snapshot and every update up to `upToSeq` by `snapshot`, in one transaction. */
  compact(boardId: string, doc: DocKind, snapshot: Uint8Array, upToSeq: number): void;
  /** Commits whatever is queued now, synchronously. */
  flush(): void;
  /** True from a write refused for lack of space until a retry succeeded: appends are refused meanwhile. */
  isFull?(): boolean;
  /** Called once space is available again after the disk was full. */
  onSpaceAvailable?(listener: () => void): void;
  isArchived?(boardId: string): boolean;
  /** When the board was created (ms): what a migration needing "now" reads as the board's own time. */
  createdAt?(boardId: string): number | null;
}

export interface BoardStore {
  createBoard(board: BoardRecord, documents: Record<DocKind, Uint8Array>): void;
  getBoard(id: string): BoardRecord | null;
  /** Sets or clears the archive flag; false when there is no such board. */
  setArchived(id: string, archived: boolean): boolean;
  /** Removes the board and every stored row of it; false when there is no such board. */
  deleteBoard(id: string): boolean;
  /** Checks every stored row of the board against its checksum, without decoding anything. */
  findDamage(id: string): StorageCorruptionError[];
}

export interface StorageHealth {
  full: boolean;
  /** Documents found damaged since the start, as `<boardId>` or `<boardId>/settings`. */
  damaged: string[];
}

export interface Storage extends Required<DocumentStore>, BoardStore {
  /** The open database, for the stores of other concerns (people, audit log, board lock) to share. */
  readonly database: Database.Database;
  health(): StorageHealth;
  /**
   * Runs a write of another concern's table (people, audit log, lock) the way storage runs its own: a full
   * disk becomes a StorageFullError (answered 507) and puts storage in its full state until space returns.
   */
  guardWrite<T>(run: () => T): T;
  /**
   * Caps the database at its current size plus `extraPages` pages (`PRAGMA max_page_count`), or lifts the
   * cap (null): simulates a full disk in tests and drills.
   */
  limitSize(extraPages: number | null): void;
  close(): void;
}
