import type Database from 'better-sqlite3';
import type {
  ItemScoreResult,
  OwnScore,
  ScoringItem,
  ScoringRound,
  ScoringScope,
  ScoringStatus,
} from '../shared/records/scoring.js';
import type { WriteGuard } from './people.js';

/**
 * The scoring rounds and the sealed scores in SQLite (tables `scoring_rounds` and `scores`, created by the schema
 * migration 6 → 7 in storage/schema.ts). The only place scores exist: never in a document or presence.
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

export type ScoringStore = ReturnType<typeof openScoringStore>;

export function openScoringStore(db: Database.Database, guardWrite: WriteGuard = (run) => run()) {
  const selectRounds = db.prepare<[string], RoundRow>(
    'SELECT * FROM scoring_rounds WHERE board_id = ? ORDER BY number',
  );
  const selectRound = db.prepare<[string, number], RoundRow>(
    'SELECT * FROM scoring_rounds WHERE board_id = ? AND number = ?',
  );
  const selectOpen = db.prepare<[string], RoundRow>(
    "SELECT * FROM scoring_rounds WHERE board_id = ? AND status = 'open'",
  );
  const selectLast = db.prepare<[string], { n: number | null }>(
    'SELECT MAX(number) AS n FROM scoring_rounds WHERE board_id = ?',
  );
  const insertRound = db.prepare(
    "INSERT INTO scoring_rounds (board_id, number, status, scope, items, opened_at) VALUES (?, ?, 'open', ?, ?, ?)",
  );
  // Computed at the close and sealed (toRound shows them only once revealed).
  const closeRound = db.prepare(
    `UPDATE scoring_rounds SET status = 'closed', closed_at = ?, scorers = ?, results = ?
     WHERE board_id = ? AND number = ? AND status = 'open'`,
  );
  const revealRound = db.prepare(
    "UPDATE scoring_rounds SET status = 'revealed', revealed_at = ? WHERE board_id = ? AND number = ? AND status = 'closed'",
  );
  const selectPersonRows = db.prepare<
    [string, number, string],
    { item_id: string; effect: number; ease: number; reason: string }
  >(
    'SELECT item_id, effect, ease, reason FROM scores WHERE board_id = ? AND round = ? AND person_id = ? ORDER BY item_id',
  );
  const selectAllRows = db.prepare<
    [string, number],
    { person_id: string; item_id: string; effect: number; ease: number; reason: string }
  >(
    'SELECT person_id, item_id, effect, ease, reason FROM scores WHERE board_id = ? AND round = ? ORDER BY item_id, person_id',
  );
  const countScorers = db.prepare<[string, number], { n: number }>(
    'SELECT COUNT(DISTINCT person_id) AS n FROM scores WHERE board_id = ? AND round = ?',
  );
  const upsertRow = db.prepare(
    `INSERT INTO scores (board_id, round, person_id, item_id, effect, ease, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (board_id, round, person_id, item_id)
     DO UPDATE SET effect = excluded.effect, ease = excluded.ease, reason = excluded.reason, updated_at = excluded.updated_at`,
  );
  const selectSealed = db.prepare<[string], RoundRow>(
    "SELECT * FROM scoring_rounds WHERE board_id = ? AND status IN ('closed', 'revealed') ORDER BY number",
  );
  const insertSealed = db.prepare(
    `INSERT INTO scoring_rounds (board_id, number, status, scope, items, opened_at, closed_at, revealed_at, scorers, results)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const deleteRow = db.prepare('DELETE FROM scores WHERE board_id = ? AND round = ? AND person_id = ? AND item_id = ?');

  return {
    rounds: (boardId: string): ScoringRound[] => selectRounds.all(boardId).map(toRound),
    round: (boardId: string, number: number): ScoringRound | null => {
      const row = selectRound.get(boardId, number);
      return row ? toRound(row) : null;
    },
    openRound: (boardId: string): ScoringRound | null => {
      const row = selectOpen.get(boardId);
      return row ? toRound(row) : null;
    },
    latestRound(boardId: string): ScoringRound | null {
      const last = selectLast.get(boardId)?.n ?? null;
      return last === null ? null : this.round(boardId, last);
    },
    /** Runs `write` in one SQLite transaction, through the full-disk guard (507, nothing half-changed). */
    transact<T>(write: () => T): T {
      return guardWrite(() => db.transaction(write)());
    },
    /** The next round's number (call inside `transact`). */
    addRound(boardId: string, scope: ScoringScope, items: readonly ScoringItem[], now: number): number {
      const number = (selectLast.get(boardId)?.n ?? 0) + 1;
      insertRound.run(boardId, number, scope, JSON.stringify(items), now);
      return number;
    },
    close: (boardId: string, number: number, now: number, scorers: number, results: readonly ItemScoreResult[]) =>
      closeRound.run(now, scorers, JSON.stringify(results), boardId, number).changes > 0,
    reveal: (boardId: string, number: number, now: number) => revealRound.run(now, boardId, number).changes > 0,
    personRows: (boardId: string, round: number, personId: string): ScoreRow[] =>
      selectPersonRows.all(boardId, round, personId).map((row) => ({
        personId,
        itemId: row.item_id,
        effect: row.effect,
        ease: row.ease,
        reason: row.reason,
      })),
    allRows: (boardId: string, round: number): ScoreRow[] =>
      selectAllRows.all(boardId, round).map((row) => ({
        personId: row.person_id,
        itemId: row.item_id,
        effect: row.effect,
        ease: row.ease,
        reason: row.reason,
      })),
    /** People with at least one score in the round (the facilitator's progress; never who or what). */
    scorers: (boardId: string, round: number): number => countScorers.get(boardId, round)?.n ?? 0,
    /** Closed and revealed rounds with their results (never a score; open rounds are left out). */
    sealedRounds: (boardId: string): SealedScoringRound[] =>
      selectSealed.all(boardId).map((row) => ({
        ...factsOf(row),
        status: row.status as SealedScoringRound['status'],
        closedAt: row.closed_at ?? row.opened_at,
        scorers: row.scorers ?? 0,
        results: row.results ? (JSON.parse(row.results) as ItemScoreResult[]) : [],
      })),
    /** Recreates a sealed round on an imported board (call inside `transact`). */
    insertSealedRound(boardId: string, round: SealedScoringRound): void {
      insertSealed.run(
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
      );
    },
    /** Sets a person's score of an item, replacing the one before (call inside `transact`). */
    setScore(boardId: string, round: number, row: ScoreRow, now: number): void {
      upsertRow.run(boardId, round, row.personId, row.itemId, row.effect, row.ease, row.reason, now);
    },
    /** Takes a person's score of an item back (call inside `transact`); false when there was none. */
    deleteScore: (boardId: string, round: number, personId: string, itemId: string): boolean =>
      deleteRow.run(boardId, round, personId, itemId).changes > 0,
  };
}
