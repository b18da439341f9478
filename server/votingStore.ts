import type Database from 'better-sqlite3';
import type { RoundStatus, RoundTotal, VotingRound } from '../shared/records/voting.js';
import type { BallotRow } from '../shared/votingTally.js';
import type { WriteGuard } from './people.js';

/**
 * The voting rounds and the sealed ballots in SQLite (tables `voting_rounds` and `ballots`, created by the
 * schema migration 1 → 2 in storage/schema.ts). The only place ballots exist: never in a document or presence.
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

export type VotingStore = ReturnType<typeof openVotingStore>;

export function openVotingStore(db: Database.Database, guardWrite: WriteGuard = (run) => run()) {
  const selectRounds = db.prepare<[string], RoundRow>('SELECT * FROM voting_rounds WHERE board_id = ? ORDER BY number');
  const selectRound = db.prepare<[string, number], RoundRow>(
    'SELECT * FROM voting_rounds WHERE board_id = ? AND number = ?',
  );
  const selectOpen = db.prepare<[string], RoundRow>(
    "SELECT * FROM voting_rounds WHERE board_id = ? AND status = 'open'",
  );
  const selectLast = db.prepare<[string], { n: number | null }>(
    'SELECT MAX(number) AS n FROM voting_rounds WHERE board_id = ?',
  );
  const insertRound = db.prepare(
    "INSERT INTO voting_rounds (board_id, number, status, budget, cap, opened_at) VALUES (?, ?, 'open', ?, ?, ?)",
  );
  // Counted at the close, sealed (toRound shows the totals only once revealed): what people change on the board
  // after voting has ended cannot change the result.
  const closeRound = db.prepare(
    `UPDATE voting_rounds SET status = 'closed', closed_at = ?, voters = ?, totals = ?
     WHERE board_id = ? AND number = ? AND status = 'open'`,
  );
  const revealRound = db.prepare(
    "UPDATE voting_rounds SET status = 'revealed', revealed_at = ? WHERE board_id = ? AND number = ? AND status = 'closed'",
  );
  const selectSealed = db.prepare<[string], RoundRow>(
    "SELECT * FROM voting_rounds WHERE board_id = ? AND status IN ('closed', 'revealed') ORDER BY number",
  );
  const insertSealed = db.prepare(
    `INSERT INTO voting_rounds (board_id, number, status, budget, cap, opened_at, closed_at, revealed_at, voters, totals)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectPersonRows = db.prepare<[string, number, string], { item_id: string; dots: number }>(
    'SELECT item_id, dots FROM ballots WHERE board_id = ? AND round = ? AND person_id = ? ORDER BY item_id',
  );
  const selectAllRows = db.prepare<[string, number], { person_id: string; item_id: string; dots: number }>(
    'SELECT person_id, item_id, dots FROM ballots WHERE board_id = ? AND round = ? ORDER BY person_id, item_id',
  );
  const upsertRow = db.prepare(
    `INSERT INTO ballots (board_id, round, person_id, item_id, dots) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (board_id, round, person_id, item_id) DO UPDATE SET dots = excluded.dots`,
  );
  const deleteRow = db.prepare(
    'DELETE FROM ballots WHERE board_id = ? AND round = ? AND person_id = ? AND item_id = ?',
  );

  return {
    rounds: (boardId: string): VotingRound[] => selectRounds.all(boardId).map(toRound),
    round: (boardId: string, number: number): VotingRound | null => {
      const row = selectRound.get(boardId, number);
      return row ? toRound(row) : null;
    },
    openRound: (boardId: string): VotingRound | null => {
      const row = selectOpen.get(boardId);
      return row ? toRound(row) : null;
    },
    latestRound(boardId: string): VotingRound | null {
      const last = selectLast.get(boardId)?.n ?? null;
      return last === null ? null : this.round(boardId, last);
    },
    /** Runs `write` in one SQLite transaction, through the full-disk guard (507, nothing half-changed). */
    transact<T>(write: () => T): T {
      return guardWrite(() => db.transaction(write)());
    },
    /** The next round's number (call inside `transact`). */
    addRound(boardId: string, budget: number, cap: number | null, now: number): number {
      const number = (selectLast.get(boardId)?.n ?? 0) + 1;
      insertRound.run(boardId, number, budget, cap, now);
      return number;
    },
    close: (boardId: string, number: number, now: number, voters: number, totals: RoundTotal[]) =>
      closeRound.run(now, voters, JSON.stringify(totals), boardId, number).changes > 0,
    reveal: (boardId: string, number: number, now: number) => revealRound.run(now, boardId, number).changes > 0,
    personRows: (boardId: string, round: number, personId: string): BallotRow[] =>
      selectPersonRows.all(boardId, round, personId).map((row) => ({ personId, itemId: row.item_id, dots: row.dots })),
    allRows: (boardId: string, round: number): BallotRow[] =>
      selectAllRows
        .all(boardId, round)
        .map((row) => ({ personId: row.person_id, itemId: row.item_id, dots: row.dots })),
    /** Closed and revealed rounds with their sealed counts (never a ballot; open rounds are left out). */
    sealedRounds: (boardId: string): SealedRound[] =>
      selectSealed.all(boardId).map((row) => ({
        number: row.number,
        status: row.status as SealedRound['status'],
        budget: row.budget,
        cap: row.cap,
        openedAt: row.opened_at,
        closedAt: row.closed_at ?? row.opened_at,
        revealedAt: row.revealed_at,
        voters: row.voters ?? 0,
        totals: row.totals ? (JSON.parse(row.totals) as RoundTotal[]) : [],
      })),
    /** Recreates a sealed round on an imported board (call inside `transact`). */
    insertSealedRound(boardId: string, round: SealedRound): void {
      insertSealed.run(
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
      );
    },
    /** Sets a row's dots; 0 deletes it (call inside `transact`). */
    setRow(boardId: string, round: number, row: BallotRow): void {
      if (row.dots <= 0) deleteRow.run(boardId, round, row.personId, row.itemId);
      else upsertRow.run(boardId, round, row.personId, row.itemId, row.dots);
    },
  };
}
