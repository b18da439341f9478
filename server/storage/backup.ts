import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DataDirInUseError, type DataDirLock, LOCK_FILE, lockDataDir, PID_FILE } from '../dataDirLock.js';
import { damagedStoredRows } from './checksum.js';
import { SCHEMA_VERSION } from './schema.js';

/** Online backup and restore of `board.sqlite` (npm run backup / npm run restore, README "Operations"). */

export const DATABASE_FILE = 'board.sqlite';
const SIDE_FILES = ['-wal', '-shm'];
const LOCK_FILES = new Set([LOCK_FILE, `${LOCK_FILE}-journal`, PID_FILE]);

/** A refusal the person can act on: the CLI prints it and exits 1. */
export class BackupError extends Error {}

export interface DatabaseSummary {
  file: string;
  boards: number;
  bytes: number;
  /** Stored rows whose checksum does not match, as `<boardId> <table> <seq>`: copied as they are. */
  damagedRows: string[];
}

/**
 * SQLite's online backup in one step: one read transaction, so the copy is one moment of the database. The
 * copy holds every board's notes and token hashes: it is readable by its owner only (0600), created so before
 * a byte is written (SQLite keeps the mode of an existing file), whatever the umask.
 */
async function copyDatabase(source: Database.Database, target: string): Promise<void> {
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  writeFileSync(partial, '', { mode: BACKUP_FILE_MODE });
  chmodSync(partial, BACKUP_FILE_MODE);
  await source.backup(partial, { progress: () => 0x7fffffff });
  renameSync(partial, target);
}

/** Owner read and write only: backups and restored databases are not for the other users of the machine. */
export const BACKUP_FILE_MODE = 0o600;

/** Opens a copy read-only and checks it: SQLite's integrity check, the schema version, every row's checksum. */
export function inspectDatabase(file: string): DatabaseSummary {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as a database: ${String(error)}`);
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`${file} fails SQLite's integrity check: ${String(integrity)}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new BackupError(
        `${file} was written by a newer server (schema ${version}; this one knows ${SCHEMA_VERSION})`,
      );
    }
    const hasBoards = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'boards'").get();
    if (!hasBoards) throw new BackupError(`${file} is not a board database (no boards table)`);
    const boards = (db.prepare('SELECT count(*) AS n FROM boards').get() as { n: number }).n;
    const damagedRows: string[] = [];
    if (version >= 1) {
      for (const row of damagedStoredRows(db)) {
        damagedRows.push(`${row.boardId} ${row.doc} ${row.kind === 'update' ? `update ${row.seq}` : 'snapshot'}`);
      }
    }
    damagedRows.push(...malformedTokenHashes(db), ...brokenReferences(db));
    return { file, boards, bytes: statSync(file).size, damagedRows };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} cannot be read as a database: ${String(error)}`);
  } finally {
    db.close();
  }
}

/** A stored token hash is SHA-256 in lowercase hex: anything else can match no token (a link silently dead). */
const TOKEN_HASH = /^[0-9a-f]{64}$/;

/**
 * Token hashes that are not 64 lowercase hex characters. They carry no checksum of their own (docs/security.md
 * "What an auditor will ask", item 7): this finds most damaged bytes (any that leave the hex alphabet), not all.
 */
function malformedTokenHashes(db: Database.Database): string[] {
  const found: string[] = [];
  const boards = db
    .prepare('SELECT id, facilitator_token_hash AS f, participant_token_hash AS p, viewer_token_hash AS v FROM boards')
    .all() as Array<{ id: string; f: string; p: string; v: string }>;
  for (const board of boards) {
    for (const [role, hash] of [
      ['facilitator', board.f],
      ['participant', board.p],
      ['viewer', board.v],
    ] as const) {
      if (!TOKEN_HASH.test(hash)) found.push(`${board.id} boards ${role} token hash`);
    }
  }
  const hasPeople = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'people'").get();
  if (hasPeople) {
    for (const person of db.prepare('SELECT id, board_id, token_hash FROM people').all() as Array<{
      id: string;
      board_id: string;
      token_hash: string;
    }>) {
      if (!TOKEN_HASH.test(person.token_hash)) found.push(`${person.board_id} people ${person.id} token hash`);
    }
  }
  return found;
}

/** Rows pointing at a board (or round) that is not there: SQLite's foreign key check, one line per row. */
function brokenReferences(db: Database.Database): string[] {
  return (db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>).map(
    (row) => `${row.table} row ${row.rowid} refers to a missing ${row.parent} row`,
  );
}

/** Copies DATA_DIR's database into `outDir` while the server may be running. */
export async function backupDatabase(dataDir: string, outDir: string, force = false): Promise<DatabaseSummary> {
  const source = join(resolve(dataDir), DATABASE_FILE);
  if (!existsSync(source)) throw new BackupError(`there is no database to back up: ${source} does not exist`);
  const target = join(resolve(outDir), DATABASE_FILE);
  if (resolve(target) === resolve(source)) throw new BackupError('--out must be another directory than DATA_DIR');
  if (existsSync(target) && !force) {
    throw new BackupError(`${target} already exists: choose another directory, or add --force to replace it`);
  }
  mkdirSync(resolve(outDir), { recursive: true, mode: 0o700 });
  const db = new Database(source, { fileMustExist: true });
  try {
    await copyDatabase(db, target);
  } finally {
    db.close();
  }
  return inspectDatabase(target);
}

export interface RestoreResult extends DatabaseSummary {
  /** Where the replaced files were moved (with --force), or null. */
  replacedTo: string | null;
}

/**
 * Restores a backup (a directory holding board.sqlite, or the file itself) into DATA_DIR. A non-empty DATA_DIR
 * is refused unless `force`; then its database files are moved aside into `replaced-<time>/`, or, with `purge`,
 * deleted once the restored copy is in place (erasure: a deleted board must not survive in a replaced file).
 */
export async function restoreDatabase(
  backup: string,
  dataDir: string,
  force = false,
  purge = false,
): Promise<RestoreResult> {
  const source = existsSync(backup) && statSync(backup).isDirectory() ? join(backup, DATABASE_FILE) : backup;
  if (!existsSync(source)) throw new BackupError(`there is no backup at ${source}`);
  inspectDatabase(source);
  const dir = resolve(dataDir);
  // The lock's own files say nothing about whether the folder holds data.
  const present = existsSync(dir) ? readdirSync(dir).filter((name) => !LOCK_FILES.has(name)) : [];
  if (present.length > 0 && !force) {
    throw new BackupError(
      `DATA_DIR ${dir} is not empty: stop the server and add --force to replace its database (the current files are moved to ${dir}/replaced-<time>/, not deleted)`,
    );
  }
  // Held while restoring: a running server is refused (its lock), and no server starts on a half-copied file.
  let lock: DataDirLock;
  try {
    lock = lockDataDir(dir, 'stop the server first, then restore');
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new BackupError(error.message);
    throw error;
  }
  try {
    return await restoreInto(source, dir, present.length > 0, purge);
  } finally {
    lock.release();
  }
}

/**
 * Copies the backup into the locked folder; `replace`: move the current database files aside first, and with
 * `purge` delete them once the copy is in place.
 */
async function restoreInto(source: string, dir: string, replace: boolean, purge: boolean): Promise<RestoreResult> {
  const target = join(dir, DATABASE_FILE);
  let replacedTo: string | null = null;
  if (replace) {
    replacedTo = join(dir, `replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    mkdirSync(replacedTo);
    for (const name of [DATABASE_FILE, ...SIDE_FILES.map((side) => DATABASE_FILE + side)]) {
      if (existsSync(join(dir, name))) renameSync(join(dir, name), join(replacedTo, name));
    }
  }
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await copyDatabase(db, target);
  } finally {
    db.close();
  }
  const summary = inspectDatabase(target);
  if (purge && replacedTo) {
    rmSync(replacedTo, { recursive: true, force: true });
    replacedTo = null;
  }
  return { ...summary, replacedTo };
}
