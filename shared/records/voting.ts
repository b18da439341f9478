import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import type { ItemKind } from '../items.js';

/**
 * Sealed dot voting. Ballots never enter a shared document or presence (everyone receives those): the server
 * keeps them in SQLite and tells each person only their own. What everyone may know — the rounds, their state
 * and, once revealed, the totals — the server mirrors into the settings document's `server` map under
 * `votingRounds` (a plain array replaced whole; only the server writes it).
 */
export const VOTE_BUDGET_DEFAULT = 5;
export const VOTE_BUDGET_MAX = 50;

export type RoundStatus = 'open' | 'closed' | 'revealed';

/** One item's dots in a revealed round, with what the item was called and where it was at the reveal. */
export interface RoundTotal {
  itemId: string;
  kind: ItemKind;
  pillarId: string | null;
  label: string;
  count: number;
}

export interface VotingRound {
  /** 1, 2, … in the order the facilitator opened them. */
  number: number;
  status: RoundStatus;
  /** Dots per person. */
  budget: number;
  /** Most dots one person may put on one item; null: up to the budget. */
  cap: number | null;
  openedAt: number;
  closedAt: number | null;
  revealedAt: number | null;
  /** Published at the reveal, null before: how many people voted, and every item with at least one dot. */
  voters: number | null;
  totals: RoundTotal[] | null;
}

export const VOTING_ROUNDS_KEY = 'votingRounds';

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const timeOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

function readTotal(value: unknown): RoundTotal | null {
  if (typeof value !== 'object' || value === null) return null;
  const { itemId, kind, pillarId, label, count } = value as Record<string, unknown>;
  if (typeof itemId !== 'string' || (kind !== 'cluster' && kind !== 'note') || !isCount(count)) return null;
  return {
    itemId,
    kind,
    pillarId: typeof pillarId === 'string' ? pillarId : null,
    label: typeof label === 'string' ? label : '',
    count,
  };
}

function readRound(value: unknown): VotingRound | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!isCount(v.number) || !isCount(v.budget)) return null;
  if (v.status !== 'open' && v.status !== 'closed' && v.status !== 'revealed') return null;
  const totals = Array.isArray(v.totals) ? v.totals.map(readTotal).filter((t): t is RoundTotal => t !== null) : null;
  return {
    number: v.number,
    status: v.status,
    budget: v.budget,
    cap: isCount(v.cap) ? v.cap : null,
    openedAt: timeOrNull(v.openedAt) ?? 0,
    closedAt: timeOrNull(v.closedAt),
    revealedAt: timeOrNull(v.revealedAt),
    voters: isCount(v.voters) ? v.voters : null,
    totals: v.status === 'revealed' ? totals : null,
  };
}

/** The rounds, oldest first. */
export function readVotingRounds(settings: Y.Doc): VotingRound[] {
  const value = settingsRoots.server(settings).get(VOTING_ROUNDS_KEY);
  if (!Array.isArray(value)) return [];
  return value
    .map(readRound)
    .filter((r): r is VotingRound => r !== null)
    .sort((a, b) => a.number - b.number);
}

/** Server only (clients' writes to `server` are refused). */
export function writeVotingRounds(settings: Y.Doc, rounds: readonly VotingRound[]): void {
  settingsRoots.server(settings).set(
    VOTING_ROUNDS_KEY,
    rounds.map((r) => ({ ...r })),
  );
}

/** The round people can vote in now, if any (at most one is open). */
export function openRound(rounds: readonly VotingRound[]): VotingRound | null {
  return rounds.find((r) => r.status === 'open') ?? null;
}

export interface RankedTotal extends RoundTotal {
  /** Competition ranking: equal counts share a rank, and the next rank skips (1, 1, 3). */
  rank: number;
  tied: boolean;
}

/** Ranks totals by count, most first; ties are shown as ties (same rank), listed by label then id. */
export function rankTotals(totals: readonly RoundTotal[]): RankedTotal[] {
  const sorted = [...totals].sort(
    (a, b) => b.count - a.count || a.label.localeCompare(b.label, 'ja') || (a.itemId < b.itemId ? -1 : 1),
  );
  return sorted.map((total, index) => {
    const rank = sorted.findIndex((t) => t.count === total.count) + 1;
    const tied = sorted.some((t, i) => i !== index && t.count === total.count);
    return { ...total, rank, tied };
  });
}

/**
 * What the server tells one connection, and nobody else, about voting (websocket message type 100, and
 * `GET /api/boards/<id>/voting/ballot`): that person's own dots in the latest round and, for the facilitator
 * while a round is open, how many people have voted (never who, never what).
 */
export interface PrivateVotingState {
  /** The latest round's number, or null before the first round. */
  round: number | null;
  /** This access may vote (a facilitator or participant with a person), whatever the round's status. */
  canVote: boolean;
  /** This person's dots in `round`: shown item id → dots. */
  dots: Record<string, number>;
  used: number;
  /** Dots given back (their item was deleted, or dots beyond the cap after notes joined one cluster). */
  returned: number;
  /** Facilitator only, while `round` is open: people with at least one dot. Null otherwise. */
  voters: number | null;
}

export const NO_PRIVATE_VOTING_STATE: PrivateVotingState = {
  round: null,
  canVote: false,
  dots: {},
  used: 0,
  returned: 0,
  voters: null,
};

/** Reads the JSON the server sent; anything malformed reads as "nothing known". */
export function readPrivateVotingState(value: unknown): PrivateVotingState {
  if (typeof value !== 'object' || value === null) return NO_PRIVATE_VOTING_STATE;
  const v = value as Record<string, unknown>;
  const dots: Record<string, number> = {};
  if (typeof v.dots === 'object' && v.dots !== null) {
    for (const [id, count] of Object.entries(v.dots as Record<string, unknown>)) if (isCount(count)) dots[id] = count;
  }
  return {
    round: isCount(v.round) ? v.round : null,
    canVote: v.canVote === true,
    dots,
    used: isCount(v.used) ? v.used : 0,
    returned: isCount(v.returned) ? v.returned : 0,
    voters: isCount(v.voters) ? v.voters : null,
  };
}
