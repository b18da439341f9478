import type { Database } from 'better-sqlite3';
import { checksumOf } from './checksum.js';

/**
 * The SQL schema's version, kept in `PRAGMA user_version`. 0 is the first release (no version written);
 * each migration below brings a database from its index to index + 1, inside one transaction.
 */
export const SCHEMA_VERSION = 7;

/** The first release's tables: a new database starts here and is migrated like an old one. */
const INITIAL_SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  facilitator_token_hash TEXT NOT NULL,
  participant_token_hash TEXT NOT NULL,
  viewer_token_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshots (
  board_id TEXT NOT NULL REFERENCES boards(id),
  doc TEXT NOT NULL CHECK (doc IN ('board', 'settings')),
  state BLOB NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, doc)
);
CREATE TABLE IF NOT EXISTS updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL REFERENCES boards(id),
  doc TEXT NOT NULL CHECK (doc IN ('board', 'settings')),
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_by_doc ON updates (board_id, doc, seq);
`;

const MIGRATIONS: Array<(db: Database) => void> = [
  // 0 → 1: a checksum per stored update and snapshot (existing rows are trusted as they are now), the
  // archive flag, and a scratch table for the full-disk probe.
  (db) => {
    db.exec(`
      ALTER TABLE snapshots ADD COLUMN checksum TEXT NOT NULL DEFAULT '';
      ALTER TABLE updates ADD COLUMN checksum TEXT NOT NULL DEFAULT '';
      ALTER TABLE boards ADD COLUMN archived_at INTEGER;
      CREATE TABLE IF NOT EXISTS storage_probe (filler BLOB);
    `);
    const setSnapshot = db.prepare('UPDATE snapshots SET checksum = ? WHERE rowid = ?');
    for (const row of db.prepare('SELECT rowid AS id, state FROM snapshots').all() as { id: number; state: Buffer }[]) {
      setSnapshot.run(checksumOf(row.state), row.id);
    }
    const readUpdate = db.prepare<[number], { data: Buffer }>('SELECT data FROM updates WHERE seq = ?');
    const setUpdate = db.prepare('UPDATE updates SET checksum = ? WHERE seq = ?');
    for (const { seq } of db.prepare('SELECT seq FROM updates').all() as { seq: number }[]) {
      setUpdate.run(checksumOf(readUpdate.get(seq)!.data), seq);
    }
  },
  // 1 → 2: sealed dot voting (server/votingStore.ts). Ballots are private: they live here and nowhere else.
  (db) => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS voting_rounds (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        number INTEGER NOT NULL CHECK (number > 0),
        status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'revealed')),
        budget INTEGER NOT NULL CHECK (budget > 0),
        cap INTEGER CHECK (cap IS NULL OR cap > 0),
        opened_at INTEGER NOT NULL,
        closed_at INTEGER,
        revealed_at INTEGER,
        voters INTEGER,
        totals TEXT,
        PRIMARY KEY (board_id, number)
      );
      CREATE UNIQUE INDEX IF NOT EXISTS one_open_round ON voting_rounds (board_id) WHERE status = 'open';
      CREATE TABLE IF NOT EXISTS ballots (
        board_id TEXT NOT NULL,
        round INTEGER NOT NULL,
        person_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        dots INTEGER NOT NULL CHECK (dots > 0),
        PRIMARY KEY (board_id, round, person_id, item_id),
        FOREIGN KEY (board_id, round) REFERENCES voting_rounds (board_id, number) ON DELETE CASCADE
      );
    `);
  },
  // 2 → 3: named snapshots of a board (server/snapshotStore.ts). `snapshots` already names the compacted
  // state of the live documents, hence `named_snapshots`. `snapshot_meeting_seen` is the meeting under way
  // the server last saw per board: the automatic snapshot at a meeting's end is taken once, even across restarts.
  (db) => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS named_snapshots (
        id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('manual', 'meeting')),
        meeting_id TEXT,
        created_at INTEGER NOT NULL,
        created_by_role TEXT,
        created_by_person_id TEXT,
        created_by_name TEXT,
        board_state BLOB NOT NULL,
        settings_state BLOB NOT NULL,
        checksum TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS named_snapshots_by_board ON named_snapshots (board_id, created_at);
      CREATE TABLE IF NOT EXISTS snapshot_meeting_seen (
        board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
        meeting_id TEXT
      );
    `);
  },
  // 3 → 4: "since your last visit" per person (server/visitStore.ts): the board state each person has seen, as
  // the union of what their devices reported (an encoded Yjs snapshot).
  (db) => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS visits (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        person_id TEXT NOT NULL,
        seen BLOB NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (board_id, person_id)
      );
    `);
  },
  // 4 → 5: who wrote each Yjs client id of a board's documents first (server/clientWriters.ts): nobody else
  // may write under it.
  (db) => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS client_writers (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        doc TEXT NOT NULL,
        client_id INTEGER NOT NULL,
        writer TEXT NOT NULL,
        PRIMARY KEY (board_id, doc, client_id)
      );
    `);
  },
  // 5 → 6: plans (server/planStore.ts): a plan's period table and the key that lets a board join it, and which
  // period of which plan a board is for, and which board was made from which for the next period (at most one). A board is in
  // at most one plan period; a period has at most one board per working group.
  (db) => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS plans (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        first_year INTEGER NOT NULL,
        years INTEGER NOT NULL,
        period_years INTEGER NOT NULL,
        join_key TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS plan_periods (
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        name TEXT NOT NULL,
        first_year INTEGER NOT NULL,
        last_year INTEGER NOT NULL,
        PRIMARY KEY (plan_id, number)
      );
      CREATE TABLE IF NOT EXISTS plan_boards (
        board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        period_number INTEGER NOT NULL,
        working_group TEXT NOT NULL DEFAULT '',
        attached_at INTEGER NOT NULL,
        UNIQUE (plan_id, period_number, working_group)
      );
      CREATE TABLE IF NOT EXISTS next_period_boards (
        from_board_id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL UNIQUE REFERENCES boards(id) ON DELETE CASCADE
      );
    `);
  },
  // 6 → 7: sealed scoring on the matrix (server/scoringStore.ts), a kind of round of its own beside dot voting
  // (one of each may be open). Scores are private like ballots: they live here and nowhere else; `results` is
  // computed at the close and published at the reveal. And the digest's webhook per board
  // (server/webhooks/webhookStore.ts): its address is the server's alone (viewers read the settings document).
  (db) => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS scoring_rounds (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        number INTEGER NOT NULL CHECK (number > 0),
        status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'revealed')),
        scope TEXT NOT NULL CHECK (scope IN ('shortlist', 'all')),
        items TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        closed_at INTEGER,
        revealed_at INTEGER,
        scorers INTEGER,
        results TEXT,
        PRIMARY KEY (board_id, number)
      );
      CREATE UNIQUE INDEX IF NOT EXISTS one_open_scoring_round ON scoring_rounds (board_id) WHERE status = 'open';
      CREATE TABLE IF NOT EXISTS scores (
        board_id TEXT NOT NULL,
        round INTEGER NOT NULL,
        person_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        effect INTEGER NOT NULL CHECK (effect BETWEEN 1 AND 5),
        ease INTEGER NOT NULL CHECK (ease BETWEEN 1 AND 5),
        reason TEXT NOT NULL DEFAULT '',
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (board_id, round, person_id, item_id),
        FOREIGN KEY (board_id, round) REFERENCES scoring_rounds (board_id, number) ON DELETE CASCADE
      );
      CREATE TABLE IF NOT EXISTS digest_webhooks (
        board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('text', 'markdown')),
        weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
        minute_of_day INTEGER NOT NULL CHECK (minute_of_day BETWEEN 0 AND 1439),
        covered_since INTEGER NOT NULL,
        next_run_at INTEGER NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0,
        last_attempt_at INTEGER,
        last_success_at INTEGER,
        last_error TEXT
      );
    `);
  },
];

export class SchemaTooNewError extends Error {}

/** Creates or upgrades the tables to SCHEMA_VERSION; refuses a database written by a newer server. */
export function migrateSchema(db: Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new SchemaTooNewError(
      `board.sqlite has schema version ${version}, newer than this server's ${SCHEMA_VERSION}: update the server (it was not changed)`,
    );
  }
  if (version === SCHEMA_VERSION) return;
  db.transaction(() => {
    if (version === 0) db.exec(INITIAL_SCHEMA);
    for (let next = version; next < SCHEMA_VERSION; next++) MIGRATIONS[next]!(db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
