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

/** SQLSTATE classes and codes of a PostgreSQL server that cannot be reached or is going away. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/**
 * The database server cannot be reached (PostgreSQL stopped, restarting, or the network to it cut): a
 * connection error, a connection exception (SQLSTATE class 08), the server shutting down or starting (57P01–03),
 * or `pg`'s own "Connection terminated" and connection timeout. Not the data's fault: retried, never a 500 about
 * the board.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  const code = codeOf(error);
  if (typeof code === 'string') {
    if (UNREACHABLE_CODES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code) || code === '53300') {
      return true;
    }
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    message,
  );
}

/** The database server could not be reached: nothing was written; the caller may try again later. */
export class StorageUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('the database cannot be reached', { cause });
    this.name = 'StorageUnavailableError';
  }
}
