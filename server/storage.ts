import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { enableSecureDelete, eraseBoardRows, truncateWal } from './erase.js';
import type { Log } from './log.js';
import { sqliteDatabase } from './sql/sqlite.js';
import { type BoardStorageOptions, createBoardStorage } from './storage/boardStorage.js';
import { migrateSchema } from './storage/schema.js';
import { createStoreTables } from './storage/storeTables.js';
import type { Storage } from './storage/types.js';

export { StorageCorruptionError, StorageFullError } from './storage/errors.js';
export type {
  BoardRecord,
  BoardStore,
  DocumentStore,
  Storage,
  StorageHealth,
  StoredDocument,
} from './storage/types.js';

export interface StorageOptions extends BoardStorageOptions {
  dataDir: string;
  log?: Log;
}

/** SQLite's largest page count: the default `max_page_count`. */
const NO_PAGE_LIMIT = 4294967294;

/** The embedded default: `board.sqlite` in the data folder, durable on every commit. */
export function openStorage(options: StorageOptions): Storage {
  mkdirSync(options.dataDir, { recursive: true });
  const db = new Database(join(options.dataDir, 'board.sqlite'));
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before we relay its update (kill -9 and power cuts lose nothing relayed).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted rows and freed pages are overwritten with zeros: a deleted board leaves nothing readable (erase.ts).
  enableSecureDelete(db);
  try {
    migrateSchema(db);
    createStoreTables(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const log = options.log ?? (() => {});
  const sql = sqliteDatabase(db);
  const probeWrite = db.transaction(() => {
    db.prepare('INSERT INTO storage_probe (filler) VALUES (zeroblob(16384))').run();
    db.prepare('DELETE FROM storage_probe').run();
  });
  const boards = createBoardStorage(
    sql,
    {
      async eraseBoard(boardId) {
        const deleted = eraseBoardRows(db, boardId);
        // The deleted rows' older page versions are still in the WAL until it is checkpointed and truncated.
        if (deleted) truncateWal(db, log, boardId);
        return deleted;
      },
      probeWrite: async () => probeWrite(),
    },
    { ...options, log },
  );

  return {
    ...boards,
    engine: 'sqlite',
    sql,

    limitSize(extraPages) {
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${extraPages === null ? NO_PAGE_LIMIT : pages + Math.max(0, extraPages)}`);
    },

    async close() {
      await boards.close();
      await sql.close();
    },
  };
}
