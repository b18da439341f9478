import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The lock database: an exclusive SQLite lock on it says "a server owns this data folder". */
export const LOCK_FILE = 'server.lock';
/** The owner's process id, for the refusal message (the locked database itself cannot be read by others). */
export const PID_FILE = 'server.pid';

/** Another process holds the data folder: the message names the folder and, when known, its process id. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | null,
    purpose: string,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another server${pid === null ? '' : ` (pid ${pid})`}: ${purpose}. Two servers on one data folder do not see each other's edits and lose data.`,
    );
  }
}

export interface DataDirLock {
  /** Releases the lock (the kernel also releases it when the process dies, even by kill -9). */
  release(): void;
}

/**
 * Takes the data folder for this process, or throws DataDirInUseError. Node has no `flock`, so the lock is
 * SQLite's own: a database in `locking_mode = EXCLUSIVE` keeps its POSIX lock after its first write until it
 * is closed, and the kernel drops POSIX locks of a process that died, so a restart right after kill -9 works
 * and no stale lock file is ever to be removed by hand. SQLite also refuses a second connection inside the
 * same process, so two servers started by one test process are refused too.
 */
export function lockDataDir(dataDir: string, purpose = 'stop it first'): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL)');
    // A write takes the EXCLUSIVE lock, and locking_mode keeps it for the connection's life.
    db.exec('BEGIN EXCLUSIVE; DELETE FROM holder; COMMIT');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new DataDirInUseError(dataDir, readPid(dataDir), purpose);
    }
    throw error;
  }
  const pidFile = join(dataDir, PID_FILE);
  writeFileSync(pidFile, `${process.pid}\n`);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      rmSync(pidFile, { force: true });
      db.close();
    },
  };
}

function readPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, PID_FILE), 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
