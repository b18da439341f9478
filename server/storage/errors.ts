import type { DocKind } from '../../shared/roles.js';

/**
 * SQLite could not write because the disk (or the page budget, `PRAGMA max_page_count`) is full. Nothing of
 * the failed transaction was stored; the storage retries by itself and reports when space is available again.
 */
export class StorageFullError extends Error {
  constructor(cause?: unknown) {
    super('the database or the disk is full', { cause });
    this.name = 'StorageFullError';
  }
}

/** A stored row whose bytes no longer match the checksum written with them: never decoded. */
export class StorageCorruptionError extends Error {
  constructor(
    readonly boardId: string,
    readonly doc: DocKind,
    readonly table: 'snapshots' | 'updates',
    /** The update's sequence number; null for a snapshot. */
    readonly seq: number | null,
  ) {
    super(
      `stored ${table === 'snapshots' ? 'snapshot' : `update seq ${seq}`} of board ${boardId} (${doc}) does not match its checksum: the row is damaged`,
    );
    this.name = 'StorageCorruptionError';
  }
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/**
 * The database could not write for lack of space: SQLite's SQLITE_FULL (better-sqlite3 reports the result
 * code as `error.code`) or PostgreSQL's disk_full (SQLSTATE 53100, as `pg` reports it).
 */
export function isDiskFull(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'SQLITE_FULL' || code === '53100';
}

/**
 * SQLite found the file itself damaged (a page that is not what it should be: SQLITE_CORRUPT and its extended
 * codes, SQLITE_NOTADB): the request is answered as a damaged board (503, restore from a backup), never a 500.
 */
export function isDatabaseDamaged(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}
