import type {
  ItemScoreResult,
  OwnScore,
  ScoringItem,
  ScoringRound,
  ScoringScope,
  ScoringStatus,
} from '../shared/records/scoring.js';
import { LOCK_BOARD_ROW, lockRoundRow } from './roundLocks.js';
import { type AsyncWriteGuard, inTransaction, type SqlDatabase, type SqlExecutor, type SqlValue } from './sql/types.js';

/**
 * The scoring rounds and the sealed scores (tables `scoring_rounds` and `scores`: SQLite's schema migration
 * 6 → 7 in storage/schema.ts, PostgreSQL's sql/postgresSchema.ts). The only place scores exist: never in a
 * document or presence.
 */
interface RoundRow {
  number: number;
  status: ScoringStatus;
  scope: ScoringScope;
  items: string;
  opened_at: number;
  closed_at: number | null;
  revealed_at: number | null;
  scorers: number | null;
  results: string | null;
}

/** One person's score of one item, as stored. */
export interface ScoreRow extends OwnScore {
  personId: string;
  itemId: string;
}

/** A closed or revealed round with its results, whether revealed or not: what a JSON backup carries. */
export interface SealedScoringRound {
  number: number;
  status: 'closed' | 'revealed';
  scope: ScoringScope;
  items: ScoringItem[];
  openedAt: number;
  closedAt: number;
  revealedAt: number | null;
  scorers: number;
  results: ItemScoreResult[];
}

type RoundFacts = Omit<ScoringRound, 'scorers' | 'results'>;

/**
 * What everyone may know of a round (the settings document's `scoringRounds`): the items it covers from the
 * start, how many scored and the results only once it is revealed. The one place of that rule, for the mirror
 * (`toRound`) and for imported boards (`publicScoringRound`). Same key order as `readScoringRounds` returns, so
 * the mirror can compare the two as JSON.
 */
function visibleRound(
  facts: RoundFacts,
  scorers: number | null,
  results: () => ItemScoreResult[] | null,
): ScoringRound {
  const revealed = facts.status === 'revealed';
  return {
    number: facts.number,
    status: facts.status,
    scope: facts.scope,
    items: facts.items,
    openedAt: facts.openedAt,
    closedAt: facts.closedAt,
    revealedAt: facts.revealedAt,
    scorers: revealed ? scorers : null,
    results: revealed ? results() : null,
  };
}

const factsOf = (row: RoundRow): RoundFacts => ({
  number: row.number,
  status: row.status,
  scope: row.scope,
  items: JSON.parse(row.items) as ScoringItem[],
  openedAt: row.opened_at,
  closedAt: row.closed_at,
  revealedAt: row.revealed_at,
});

function toRound(row: RoundRow): ScoringRound {
  return visibleRound(factsOf(row), row.scorers, () =>
    row.results ? (JSON.parse(row.results) as ItemScoreResult[]) : null,
  );
}

/** A sealed round as the mirror would show it: a board imported with these is what it would write. */
export function publicScoringRound(round: SealedScoringRound): ScoringRound {
  return visibleRound(round, round.scorers, () => round.results);
}

export interface ScoringStore {
  /** The same store inside the caller's transaction (an imported board with its rounds, at once). */
  within(tx: SqlExecutor): ScoringStore;
  rounds(boardId: string): Promise<ScoringRound[]>;
  round(boardId: string, number: number): Promise<ScoringRound | null>;
  openRound(boardId: string): Promise<ScoringRound | null>;
  latestRound(boardId: string): Promise<ScoringRound | null>;
  /**
   * Runs `work` in one transaction (in the caller's when this store is bound to one), through the full-disk
   * guard (507, nothing half-changed). `tx` is this store bound to the transaction: inside, use only `tx`.
   */
  transact<T>(work: (tx: ScoringStore) => Promise<T>): Promise<T>;
  /** Holds the round's row until the transaction ends (first thing inside `transact`: see roundLocks.ts). */
  lockRound(boardId: string, number: number): Promise<void>;
  /** Holds the board's row until the transaction ends: opening a round has no round row to hold yet. */
  lockBoard(boardId: string): Promise<void>;
  /** Adds round N+1 and gives its number (inside `transact`, after `lockBoard`). */
  addRound(boardId: string, scope: ScoringScope, items: readonly ScoringItem[], now: number): Promise<number>;
  /** Seals the results of an open round; false when it was not open. */
  close(
    boardId: string,
    number: number,
    now: number,
    scorers: number,
    results: readonly ItemScoreResult[],
  ): Promise<boolean>;
  /** Publishes a closed round's results; false when it was not closed. */
  reveal(boardId: string, number: number, now: number): Promise<boolean>;
  personRows(boardId: string, round: number, personId: string): Promise<ScoreRow[]>;
  allRows(boardId: string, round: number): Promise<ScoreRow[]>;
  /** People with at least one score in the round (the facilitator's progress; never who or what). */
  scorers(boardId: string, round: number): Promise<number>;
  /** Closed and revealed rounds with their results (never a score; open rounds are left out). */
  sealedRounds(boardId: string): Promise<SealedScoringRound[]>;
  /** Recreates a sealed round on an imported board (inside `transact`). */
  insertSealedRound(boardId: string, round: SealedScoringRound): Promise<void>;
  /** Sets a person's score of an item, replacing the one before (inside `transact`). */
  setScore(boardId: string, round: number, row: ScoreRow, now: number): Promise<void>;
  /** Takes a person's score of an item back (inside `transact`); false when there was none. */
  deleteScore(boardId: string, round: number, personId: string, itemId: string): Promise<boolean>;
}

type ScoreRowAsStored = { person_id: string; item_id: string; effect: number; ease: number; reason: string };

const SELECT_ROUND = 'SELECT * FROM scoring_rounds WHERE board_id = ? AND number = ?';
const SELECT_LAST = 'SELECT MAX(number) AS n FROM scoring_rounds WHERE board_id = ?';
const INSERT_SEALED = `INSERT INTO scoring_rounds (board_id, number, status, scope, items, opened_at, closed_at, revealed_at, scorers, results)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const sealedParams = (boardId: string, round: SealedScoringRound): SqlValue[] => [
  boardId,
  round.number,
  round.status,
  round.scope,
  JSON.stringify(round.items),
  round.openedAt,
  round.closedAt,
  round.revealedAt,
  round.scorers,
  JSON.stringify(round.results),
];

const toScoreRow = (row: ScoreRowAsStored): ScoreRow => ({
  personId: row.person_id,
  itemId: row.item_id,
  effect: row.effect,
  ease: row.ease,
  reason: row.reason,
});

export function openScoringStore(db: SqlDatabase | SqlExecutor, guard: AsyncWriteGuard): ScoringStore {
  const oneRound = async (sql: string, params: SqlValue[]) => {
    const row = await db.get<RoundRow>(sql, params);
    return row ? toRound(row) : null;
  };
  const lastNumber = async (boardId: string) => (await db.get<{ n: number | null }>(SELECT_LAST, [boardId]))?.n ?? null;

  const store: ScoringStore = {
    rounds: async (boardId) =>
      (await db.all<RoundRow>('SELECT * FROM scoring_rounds WHERE board_id = ? ORDER BY number', [boardId])).map(
        toRound,
      ),
    round: (boardId, number) => oneRound(SELECT_ROUND, [boardId, number]),
    openRound: (boardId) => oneRound("SELECT * FROM scoring_rounds WHERE board_id = ? AND status = 'open'", [boardId]),
    async latestRound(boardId) {
      const last = await lastNumber(boardId);
      return last === null ? null : store.round(boardId, last);
    },
    transact: (work) => guard(() => inTransaction(db, (tx) => work(openScoringStore(tx, guard)))),
    within: (tx) => openScoringStore(tx, guard),
    async lockRound(boardId, number) {
      await db.run(lockRoundRow('scoring_rounds'), [boardId, number]);
    },
    async lockBoard(boardId) {
      await db.run(LOCK_BOARD_ROW, [boardId]);
    },
    async addRound(boardId, scope, items, now) {
      const number = ((await lastNumber(boardId)) ?? 0) + 1;
      await db.run(
        "INSERT INTO scoring_rounds (board_id, number, status, scope, items, opened_at) VALUES (?, ?, 'open', ?, ?, ?)",
        [boardId, number, scope, JSON.stringify(items), now],
      );
      return number;
    },
    // Computed at the close and sealed (toRound shows them only once revealed).
    close: async (boardId, number, now, scorers, results) =>
      (
        await db.run(
          `UPDATE scoring_rounds SET status = 'closed', closed_at = ?, scorers = ?, results = ?
           WHERE board_id = ? AND number = ? AND status = 'open'`,
          [now, scorers, JSON.stringify(results), boardId, number],
        )
      ).changes > 0,
    reveal: async (boardId, number, now) =>
      (
        await db.run(
          "UPDATE scoring_rounds SET status = 'revealed', revealed_at = ? WHERE board_id = ? AND number = ? AND status = 'closed'",
          [now, boardId, number],
        )
      ).changes > 0,
    async personRows(boardId, round, personId) {
      const rows = await db.all<ScoreRowAsStored>(
        'SELECT person_id, item_id, effect, ease, reason FROM scores WHERE board_id = ? AND round = ? AND person_id = ? ORDER BY item_id',
        [boardId, round, personId],
      );
      return rows.map(toScoreRow);
    },
    async allRows(boardId, round) {
      const rows = await db.all<ScoreRowAsStored>(
        'SELECT person_id, item_id, effect, ease, reason FROM scores WHERE board_id = ? AND round = ? ORDER BY item_id, person_id',
        [boardId, round],
      );
      return rows.map(toScoreRow);
    },
    async scorers(boardId, round) {
      const row = await db.get<{ n: number }>(
        'SELECT COUNT(DISTINCT person_id) AS n FROM scores WHERE board_id = ? AND round = ?',
        [boardId, round],
      );
      return row?.n ?? 0;
    },
    async sealedRounds(boardId) {
      const rows = await db.all<RoundRow>(
        "SELECT * FROM scoring_rounds WHERE board_id = ? AND status IN ('closed', 'revealed') ORDER BY number",
        [boardId],
      );
      return rows.map((row) => ({
        ...factsOf(row),
        status: row.status as SealedScoringRound['status'],
        closedAt: row.closed_at ?? row.opened_at,
        scorers: row.scorers ?? 0,
        results: row.results ? (JSON.parse(row.results) as ItemScoreResult[]) : [],
      }));
    },
    async insertSealedRound(boardId, round) {
      await db.run(INSERT_SEALED, sealedParams(boardId, round));
    },
    async setScore(boardId, round, row, now) {
      await db.run(
        `INSERT INTO scores (board_id, round, person_id, item_id, effect, ease, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (board_id, round, person_id, item_id)
         DO UPDATE SET effect = excluded.effect, ease = excluded.ease, reason = excluded.reason, updated_at = excluded.updated_at`,
        [boardId, round, row.personId, row.itemId, row.effect, row.ease, row.reason, now],
      );
    },
    deleteScore: async (boardId, round, personId, itemId) =>
      (
        await db.run('DELETE FROM scores WHERE board_id = ? AND round = ? AND person_id = ? AND item_id = ?', [
          boardId,
          round,
          personId,
          itemId,
        ])
      ).changes > 0,
  };
  return store;
}

/** Recreates an imported board's sealed scoring rounds synchronously (server/api/import.ts). */
