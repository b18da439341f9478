import type { Database } from 'better-sqlite3';
import type { Log } from './log.js';

/**
 * Erasing a board for good (docs/security.md "Erasure"): once `DELETE /api/boards/<id>` has answered, none of
 * its content is left in the data folder — not in a table, not in a freed page, not in the write-ahead log.
 *
 * - `secure_delete` (set when the database is opened) makes SQLite overwrite deleted rows and freed pages
 *   with zeros instead of leaving them readable in `board.sqlite`.
 * - Every table with a `board_id` column is emptied of the board's rows, found from the schema rather than
 *   listed here, so that a table added later (by any module) is covered without anyone remembering to.
 * - The old versions of the pages still sit in `board.sqlite-wal` until a checkpoint: the WAL is checkpointed
 *   and truncated to zero bytes before the call returns.
 */

/** Turns on zeroing of deleted content for this connection (every delete and compaction after it). */
export function enableSecureDelete(db: Database): void {
  db.pragma('secure_delete = ON');
}

/** The tables that hold rows of a board: every table with a `board_id` column, and `boards` itself. */
export function boardTables(db: Database): string[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string }>;
  return tables
    .map(({ name }) => name)
    .filter((name) =>
      (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as Array<{ name: string }>).some(
        (column) => column.name === 'board_id',
      ),
    );
}

/**
 * Deletes every row of the board in one transaction; true when the board existed. Foreign keys are checked at
 * commit (deferred), so the order of the tables does not matter.
 */
export function eraseBoardRows(db: Database, boardId: string): boolean {
  return db.transaction(() => {
    db.pragma('defer_foreign_keys = ON');
    for (const table of boardTables(db)) {
      db.prepare(`DELETE FROM "${table.replaceAll('"', '""')}" WHERE board_id = ?`).run(boardId);
    }
    return db.prepare('DELETE FROM boards WHERE id = ?').run(boardId).changes > 0;
  })();
}

/** How often a checkpoint blocked by a reader (a backup running) is tried again (ms). */
const RETRY_MS = 1_000;

/**
 * Copies the WAL into the database and truncates it to zero bytes, so that no older page version (a deleted
 * board's notes) stays in `board.sqlite-wal`. A reader (an `npm run backup` in progress) can keep it from
 * completing: then it is logged and tried again each second until it completes.
 */
export function truncateWal(db: Database, log: Log, boardId: string): boolean {
  const attempt = (): boolean => {
    if (!db.open) return true;
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    return (result?.busy ?? 0) === 0;
  };
  if (attempt()) return true;
  log(
    `board ${boardId}: erased, but a reader (a backup?) keeps the write-ahead log from being truncated yet; trying again`,
    {
      event: 'erase.wal-pending',
      level: 'warn',
      board: boardId,
    },
  );
  const retry = setInterval(() => {
    if (!attempt()) return;
    clearInterval(retry);
    log(`board ${boardId}: write-ahead log truncated; the erasure is complete`, {
      event: 'erase.complete',
      level: 'info',
      board: boardId,
    });
  }, RETRY_MS);
  retry.unref();
  return false;
}
