import type { Database } from 'better-sqlite3';

/**
 * SQLite tables of the first stores, created when the database opens rather than by a numbered migration (they
 * predate the schema versions): people, the board lock and the audit log. PostgreSQL's schema
 * (server/sql/postgresSchema.ts) has the same tables from the start.
 */
const STORE_TABLES = `
CREATE TABLE IF NOT EXISTS people (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('member', 'guest')),
  role TEXT NOT NULL CHECK (role IN ('facilitator', 'participant')),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX IF NOT EXISTS people_by_board ON people (board_id, created_at);
CREATE TABLE IF NOT EXISTS board_locks (
  board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
  locked_at INTEGER NOT NULL,
  locked_by TEXT
);
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  role TEXT NOT NULL,
  person_id TEXT,
  person_name TEXT,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_board ON audit_log (board_id, id);
`;

export function createStoreTables(db: Database): void {
  db.exec(STORE_TABLES);
  // The audit log's address column came later: added once to an existing log (older entries keep null).
  const columns = db.prepare("SELECT name FROM pragma_table_info('audit_log')").all() as Array<{ name: string }>;
  if (!columns.some((column) => column.name === 'address')) db.exec('ALTER TABLE audit_log ADD COLUMN address TEXT');
}
