import type { RoundStatus, RoundTotal, VotingRound } from '../shared/records/voting.js';
import type { BallotRow } from '../shared/votingTally.js';
import { LOCK_BOARD_ROW, lockRoundRow } from './roundLocks.js';
import { type AsyncWriteGuard, inTransaction, type SqlDatabase, type SqlExecutor, type SqlValue } from './sql/types.js';

/**
 * The voting rounds and the sealed ballots (tables `voting_rounds` and `ballots`: SQLite's schema migration
 * 1 → 2 in storage/schema.ts, PostgreSQL's sql/postgresSchema.ts). The only place ballots exist: never in a
 * document or presence.
 */
interface RoundRow {
  number: number;
  status: RoundStatus;
  budget: number;
  cap: number | null;
  opened_at: number;
  closed_at: number | null;
  revealed_at: number | null;
  voters: number | null;
  totals: string | null;
}

type RoundFacts = Pick<VotingRound, 'number' | 'status' | 'budget' | 'cap' | 'openedAt' | 'closedAt' | 'revealedAt'>;

/**
 * What everyone may know of a round (the settings document's `votingRounds`): how many voted and the totals
 * only once it is revealed. The one place of that rule, for the mirror (`toRound`) and for imported boards
 * (`publicRound`). Same key order as `readVotingRounds` returns, so the mirror can compare the two as JSON.
 */
function visibleRound(facts: RoundFacts, voters: number | null, totals: () => RoundTotal[] | null): VotingRound {
  const revealed = facts.status === 'revealed';
  return {
    number: facts.number,
    status: facts.status,
    budget: facts.budget,
    cap: facts.cap,
    openedAt: facts.openedAt,
    closedAt: facts.closedAt,
    revealedAt: facts.revealedAt,
    voters: revealed ? voters : null,
    totals: revealed ? totals() : null,
  };
}

function toRound(row: RoundRow): VotingRound {
  const facts = {
    number: row.number,
    status: row.status,
    budget: row.budget,
    cap: row.cap,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    revealedAt: row.revealed_at,
  };
  return visibleRound(facts, row.voters, () => (row.totals ? (JSON.parse(row.totals) as RoundTotal[]) : null));
}

/** A sealed round as the mirror would show it: a board imported with these in its document is what it would write. */
export function publicRound(round: SealedRound): VotingRound {
  return visibleRound(round, round.voters, () =>
    round.totals.map(({ itemId, kind, pillarId, label, count }) => ({ itemId, kind, pillarId, label, count })),
  );
}

/** A closed or revealed round with its sealed count, whether revealed or not: what a JSON backup carries. */
export interface SealedRound {
  number: number;
  status: 'closed' | 'revealed';
  budget: number;
  cap: number | null;
  openedAt: number;
  closedAt: number;
  revealedAt: number | null;
  voters: number;
  totals: RoundTotal[];
}

export interface VotingStore {
  /** The same store inside the caller's transaction (an imported board with its rounds, at once). */
  within(tx: SqlExecutor): VotingStore;
  rounds(boardId: string): Promise<VotingRound[]>;
  round(boardId: string, number: number): Promise<VotingRound | null>;
  openRound(boardId: string): Promise<VotingRound | null>;
  latestRound(boardId: string): Promise<VotingRound | null>;
  /**
   * Runs `work` in one transaction (in the caller's when this store is bound to one), through the full-disk
   * guard (507, nothing half-changed). `tx` is this store bound to the transaction: inside, use only `tx`.
   */
  transact<T>(work: (tx: VotingStore) => Promise<T>): Promise<T>;
  /** Holds the round's row until the transaction ends (first thing inside `transact`: see roundLocks.ts). */
  lockRound(boardId: string, number: number): Promise<void>;
  /** Holds the board's row until the transaction ends: opening a round has no round row to hold yet. */
  lockBoard(boardId: string): Promise<void>;
  /** Adds round N+1 and gives its number (inside `transact`, after `lockBoard`). */
  addRound(boardId: string, budget: number, cap: number | null, now: number): Promise<number>;
  /** Seals the count of an open round; false when it was not open. */
  close(boardId: string, number: number, now: number, voters: number, totals: RoundTotal[]): Promise<boolean>;
  /** Publishes a closed round's count; false when it was not closed. */
  reveal(boardId: string, number: number, now: number): Promise<boolean>;
  personRows(boardId: string, round: number, personId: string): Promise<BallotRow[]>;
  allRows(boardId: string, round: number): Promise<BallotRow[]>;
  /** Closed and revealed rounds with their sealed counts (never a ballot; open rounds are left out). */
  sealedRounds(boardId: string): Promise<SealedRound[]>;
  /** Recreates a sealed round on an imported board (inside `transact`). */
  insertSealedRound(boardId: string, round: SealedRound): Promise<void>;
  /** Sets a row's dots; 0 deletes it (inside `transact`). */
  setRow(boardId: string, round: number, row: BallotRow): Promise<void>;
}

const SELECT_ROUND = 'SELECT * FROM voting_rounds WHERE board_id = ? AND number = ?';
const SELECT_LAST = 'SELECT MAX(number) AS n FROM voting_rounds WHERE board_id = ?';
const INSERT_SEALED = `INSERT INTO voting_rounds (board_id, number, status, budget, cap, opened_at, closed_at, revealed_at, voters, totals)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const sealedParams = (boardId: string, round: SealedRound): SqlValue[] => [
  boardId,
  round.number,
  round.status,
  round.budget,
  round.cap,
  round.openedAt,
  round.closedAt,
  round.revealedAt,
  round.voters,
  JSON.stringify(round.totals),
];

export function openVotingStore(db: SqlDatabase | SqlExecutor, guard: AsyncWriteGuard): VotingStore {
  const oneRound = async (sql: string, params: SqlValue[]) => {
    const row = await db.get<RoundRow>(sql, params);
    return row ? toRound(row) : null;
  };
  const lastNumber = async (boardId: string) => (await db.get<{ n: number | null }>(SELECT_LAST, [boardId]))?.n ?? null;

  const store: VotingStore = {
    rounds: async (boardId) =>
      (await db.all<RoundRow>('SELECT * FROM voting_rounds WHERE board_id = ? ORDER BY number', [boardId])).map(
        toRound,
      ),
    round: (boardId, number) => oneRound(SELECT_ROUND, [boardId, number]),
    openRound: (boardId) => oneRound("SELECT * FROM voting_rounds WHERE board_id = ? AND status = 'open'", [boardId]),
    async latestRound(boardId) {
      const last = await lastNumber(boardId);
      return last === null ? null : store.round(boardId, last);
    },
    transact: (work) => guard(() => inTransaction(db, (tx) => work(openVotingStore(tx, guard)))),
    within: (tx) => openVotingStore(tx, guard),
    async lockRound(boardId, number) {
      await db.run(lockRoundRow('voting_rounds'), [boardId, number]);
    },
    async lockBoard(boardId) {
      await db.run(LOCK_BOARD_ROW, [boardId]);
    },
    async addRound(boardId, budget, cap, now) {
      const number = ((await lastNumber(boardId)) ?? 0) + 1;
      await db.run(
        "INSERT INTO voting_rounds (board_id, number, status, budget, cap, opened_at) VALUES (?, ?, 'open', ?, ?, ?)",
        [boardId, number, budget, cap, now],
      );
      return number;
    },
    // Counted at the close, sealed (toRound shows the totals only once revealed): what people change on the board
    // after voting has ended cannot change the result.
    close: async (boardId, number, now, voters, totals) =>
      (
        await db.run(
          `UPDATE voting_rounds SET status = 'closed', closed_at = ?, voters = ?, totals = ?
           WHERE board_id = ? AND number = ? AND status = 'open'`,
          [now, voters, JSON.stringify(totals), boardId, number],
        )
      ).changes > 0,
    reveal: async (boardId, number, now) =>
      (
        await db.run(
          "UPDATE voting_rounds SET status = 'revealed', revealed_at = ? WHERE board_id = ? AND number = ? AND status = 'closed'",
          [now, boardId, number],
        )
      ).changes > 0,
    async personRows(boardId, round, personId) {
      const rows = await db.all<{ item_id: string; dots: number }>(
        'SELECT item_id, dots FROM ballots WHERE board_id = ? AND round = ? AND person_id = ? ORDER BY item_id',
        [boardId, round, personId],
      );
      return rows.map((row) => ({ personId, itemId: row.item_id, dots: row.dots }));
    },
    async allRows(boardId, round) {
      const rows = await db.all<{ person_id: string; item_id: string; dots: number }>(
        'SELECT person_id, item_id, dots FROM ballots WHERE board_id = ? AND round = ? ORDER BY person_id, item_id',
        [boardId, round],
      );
      return rows.map((row) => ({ personId: row.person_id, itemId: row.item_id, dots: row.dots }));
    },
    async sealedRounds(boardId) {
      const rows = await db.all<RoundRow>(
        "SELECT * FROM voting_rounds WHERE board_id = ? AND status IN ('closed', 'revealed') ORDER BY number",
        [boardId],
      );
      return rows.map((row) => ({
        number: row.number,
        status: row.status as SealedRound['status'],
        budget: row.budget,
        cap: row.cap,
        openedAt: row.opened_at,
        closedAt: row.closed_at ?? row.opened_at,
        revealedAt: row.revealed_at,
        voters: row.voters ?? 0,
        totals: row.totals ? (JSON.parse(row.totals) as RoundTotal[]) : [],
      }));
    },
    async insertSealedRound(boardId, round) {
      await db.run(INSERT_SEALED, sealedParams(boardId, round));
    },
    async setRow(boardId, round, row) {
      if (row.dots <= 0) {
        await db.run('DELETE FROM ballots WHERE board_id = ? AND round = ? AND person_id = ? AND item_id = ?', [
          boardId,
          round,
          row.personId,
          row.itemId,
        ]);
        return;
      }
      await db.run(
        `INSERT INTO ballots (board_id, round, person_id, item_id, dots) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (board_id, round, person_id, item_id) DO UPDATE SET dots = excluded.dots`,
        [boardId, round, row.personId, row.itemId, row.dots],
      );
    },
  };
  return store;
}

/** Recreates an imported board's sealed rounds synchronously (server/api/import.ts). */
