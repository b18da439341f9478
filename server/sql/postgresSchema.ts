import { SCHEMA_VERSION, SchemaTooNewError } from '../storage/schema.js';
import type { SqlDatabase } from './types.js';

/**
 * The PostgreSQL schema: the same tables and constraints as SQLite's (server/storage/schema.ts) at
 * SCHEMA_VERSION, with PostgreSQL's types (BYTEA for BLOB, BIGINT for times in ms). A database starts at the
 * current version; a later version adds its migration to both schemas. The version is kept in
 * `schema_version`, the equivalent of SQLite's `PRAGMA user_version`. The tables SQLite's stores create when
 * they open (people, board_locks, audit_log) are here too, and the board leases of several processes
 * (server/cluster/leases.ts), which SQLite does not need (one process per data folder).
 */
const TABLES = `
CREATE TABLE boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  facilitator_token_hash TEXT NOT NULL,
  participant_token_hash TEXT NOT NULL,
  viewer_token_hash TEXT NOT NULL,
  archived_at BIGINT
);
CREATE TABLE snapshots (
  board_id TEXT NOT NULL REFERENCES boards(id),
  doc TEXT NOT NULL CHECK (doc IN ('board', 'settings')),
  state BYTEA NOT NULL,
  updated_at BIGINT NOT NULL,
  checksum TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (board_id, doc)
);
CREATE TABLE updates (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id),
  doc TEXT NOT NULL CHECK (doc IN ('board', 'settings')),
  data BYTEA NOT NULL,
  checksum TEXT NOT NULL DEFAULT ''
);
CREATE INDEX updates_by_doc ON updates (board_id, doc, seq);
CREATE TABLE storage_probe (filler BYTEA);

CREATE SEQUENCE lease_tokens;
CREATE TABLE board_leases (
  board_id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  address TEXT NOT NULL,
  token BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE TABLE people (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('member', 'guest')),
  role TEXT NOT NULL CHECK (role IN ('facilitator', 'participant')),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX people_by_board ON people (board_id, created_at);
CREATE TABLE board_locks (
  board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
  locked_at BIGINT NOT NULL,
  locked_by TEXT
);
CREATE TABLE audit_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  at BIGINT NOT NULL,
  role TEXT NOT NULL,
  person_id TEXT,
  person_name TEXT,
  address TEXT,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_by_board ON audit_log (board_id, id);

CREATE TABLE voting_rounds (
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  number INTEGER NOT NULL CHECK (number > 0),
  status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'revealed')),
  budget INTEGER NOT NULL CHECK (budget > 0),
  cap INTEGER CHECK (cap IS NULL OR cap > 0),
  opened_at BIGINT NOT NULL,
  closed_at BIGINT,
  revealed_at BIGINT,
  voters INTEGER,
  totals TEXT,
  PRIMARY KEY (board_id, number)
);
CREATE UNIQUE INDEX one_open_round ON voting_rounds (board_id) WHERE status = 'open';
CREATE TABLE ballots (
  board_id TEXT NOT NULL,
  round INTEGER NOT NULL,
  person_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  dots INTEGER NOT NULL CHECK (dots > 0),
  PRIMARY KEY (board_id, round, person_id, item_id),
  FOREIGN KEY (board_id, round) REFERENCES voting_rounds (board_id, number) ON DELETE CASCADE
);

CREATE TABLE named_snapshots (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('manual', 'meeting')),
  meeting_id TEXT,
  created_at BIGINT NOT NULL,
  created_by_role TEXT,
  created_by_person_id TEXT,
  created_by_name TEXT,
  board_state BYTEA NOT NULL,
  settings_state BYTEA NOT NULL,
  checksum TEXT NOT NULL
);
CREATE INDEX named_snapshots_by_board ON named_snapshots (board_id, created_at);
CREATE TABLE snapshot_meeting_seen (
  board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
  meeting_id TEXT
);

CREATE TABLE visits (
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL,
  seen BYTEA NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (board_id, person_id)
);

CREATE TABLE client_writers (
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  doc TEXT NOT NULL,
  client_id BIGINT NOT NULL,
  writer TEXT NOT NULL,
  PRIMARY KEY (board_id, doc, client_id)
);

CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  first_year INTEGER NOT NULL,
  years INTEGER NOT NULL,
  period_years INTEGER NOT NULL,
  join_key TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE plan_periods (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  name TEXT NOT NULL,
  first_year INTEGER NOT NULL,
  last_year INTEGER NOT NULL,
  PRIMARY KEY (plan_id, number)
);
CREATE TABLE plan_boards (
  board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  period_number INTEGER NOT NULL,
  working_group TEXT NOT NULL DEFAULT '',
  attached_at BIGINT NOT NULL,
  UNIQUE (plan_id, period_number, working_group)
);
CREATE TABLE next_period_boards (
  from_board_id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL UNIQUE REFERENCES boards(id) ON DELETE CASCADE
);

CREATE TABLE scoring_rounds (
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  number INTEGER NOT NULL CHECK (number > 0),
  status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'revealed')),
  scope TEXT NOT NULL CHECK (scope IN ('shortlist', 'all')),
  items TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  closed_at BIGINT,
  revealed_at BIGINT,
  scorers INTEGER,
  results TEXT,
  PRIMARY KEY (board_id, number)
);
CREATE UNIQUE INDEX one_open_scoring_round ON scoring_rounds (board_id) WHERE status = 'open';
CREATE TABLE scores (
  board_id TEXT NOT NULL,
  round INTEGER NOT NULL,
  person_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  effect INTEGER NOT NULL CHECK (effect BETWEEN 1 AND 5),
  ease INTEGER NOT NULL CHECK (ease BETWEEN 1 AND 5),
  reason TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (board_id, round, person_id, item_id),
  FOREIGN KEY (board_id, round) REFERENCES scoring_rounds (board_id, number) ON DELETE CASCADE
);
CREATE TABLE digest_webhooks (
  board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('text', 'markdown')),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  minute_of_day INTEGER NOT NULL CHECK (minute_of_day BETWEEN 0 AND 1439),
  covered_since BIGINT NOT NULL,
  next_run_at BIGINT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0,
  last_attempt_at BIGINT,
  last_success_at BIGINT,
  last_error TEXT
);
`;

/** Any constant: the key of the advisory lock that lets one process at a time create or upgrade the schema. */
const SCHEMA_LOCK = 4_242_017;

/** Creates the tables of an empty database; refuses one written by a newer server. Safe to run from many processes at once. */
export async function migratePostgresSchema(database: SqlDatabase): Promise<void> {
  await database.transaction(async (tx) => {
    await tx.run('SELECT pg_advisory_xact_lock(?)', [SCHEMA_LOCK]);
    await tx.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = await tx.get<{ version: number }>('SELECT version FROM schema_version');
    const version = row?.version ?? 0;
    if (version > SCHEMA_VERSION) {
      throw new SchemaTooNewError(
        `the PostgreSQL database has schema version ${version}, newer than this server's ${SCHEMA_VERSION}: update the server (it was not changed)`,
      );
    }
    if (version === SCHEMA_VERSION) return;
    // Version 0 is a new database; a later version adds its migration from the one before here, as SQLite's do.
    if (version !== 0) throw new Error(`no migration of the PostgreSQL schema from version ${version}`);
    for (const statement of TABLES.split(';')) if (statement.trim()) await tx.run(statement);
    await tx.run('DELETE FROM schema_version');
    await tx.run('INSERT INTO schema_version (version) VALUES (?)', [SCHEMA_VERSION]);
  });
}
