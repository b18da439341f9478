import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DataDirInUseError, type DataDirLock, LOCK_FILE, lockDataDir, PID_FILE } from '../dataDirLock.js';
import { checksumOf } from './checksum.js';
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

/** SQLite's online backup in one step: one read transaction, so the copy is one moment of the database. */
async function copyDatabase(source: Database.Database, target: string): Promise<void> {
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  await source.backup(partial, { progress: () => 0x7fffffff });
  renameSync(partial, target);
}

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
      const snapshots = db.prepare('SELECT board_id, doc, state, checksum FROM snapshots').iterate() as Iterable<{
        board_id: string;
        doc: string;
        state: Buffer;
        checksum: string;
      }>;
      for (const row of snapshots) {
        if (checksumOf(row.state) !== row.checksum) damagedRows.push(`${row.board_id} ${row.doc} snapshot`);
      }
      const updates = db.prepare('SELECT seq, board_id, doc, data, checksum FROM updates').iterate() as Iterable<{
        seq: number;
        board_id: string;
        doc: string;
        data: Buffer;
        checksum: string;
      }>;
      for (const row of updates) {
        if (checksumOf(row.data) !== row.checksum) damagedRows.push(`${row.board_id} ${row.doc} update ${row.seq}`);
      }
    }
    return { file, boards, bytes: statSync(file).size, damagedRows };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} cannot be read as a database: ${String(error)}`);
  } finally {
    db.close();
  }
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
  mkdirSync(resolve(outDir), { recursive: true });
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
 * is refused unless `force`; then its database files are moved aside into `replaced-<time>/`, never deleted.
 */
export async function restoreDatabase(backup: string, dataDir: string, force = false): Promise<RestoreResult> {
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
    return await restoreInto(source, dir, present.length > 0);
  } finally {
    lock.release();
  }
}

/** Copies the backup into the locked folder; `replace`: move the current database files aside first. */
async function restoreInto(source: string, dir: string, replace: boolean): Promise<RestoreResult> {
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
  return { ...inspectDatabase(target), replacedTo };
}
