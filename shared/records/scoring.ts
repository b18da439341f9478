import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import type { ItemKind } from '../items.js';
import { type AxisSummary, isScoreValue, type Score, type ScoreSummary } from '../scoring.js';

/**
 * Sealed scoring rounds (issue 18, docs/api.md "Scoring"). Scores are kept like ballots: only in the server's
 * SQLite, each person told only their own. What everyone may know — the rounds, the items each covers, how many
 * scored and, once revealed, each item's median, spread and the reasons given (without who gave them) — the
 * server mirrors into the settings document's `server` map under `scoringRounds` (a plain array replaced whole;
 * only the server writes it). A scoring round is its own kind, apart from dot voting: both can be open at once.
 */

export type ScoringStatus = 'open' | 'closed' | 'revealed';

/** What a round covers: the items marked for the period (the shortlist), or every item of the board. */
export type ScoringScope = 'shortlist' | 'all';
export const SCORING_SCOPES: readonly ScoringScope[] = ['shortlist', 'all'];

/** The longest reason a person may give with a score (characters): one line. */
export const SCORE_REASON_MAX = 200;

/** An item a round covers, as it was when the round opened (its id is what scores are given to). */
export interface ScoringItem {
  itemId: string;
  kind: ItemKind;
  pillarId: string | null;
  label: string;
}

/** One reason given with a score, published at the reveal without who gave it. */
export interface ScoreReason extends Score {
  text: string;
}

/** An item's published result: the summary of its scores (null: nobody scored it) and the reasons given. */
export interface ItemScoreResult extends ScoringItem {
  summary: ScoreSummary | null;
  reasons: ScoreReason[];
}

export interface ScoringRound {
  /** 1, 2, … in the order the facilitator opened them (numbered apart from voting rounds). */
  number: number;
  status: ScoringStatus;
  scope: ScoringScope;
  items: ScoringItem[];
  openedAt: number;
  closedAt: number | null;
  revealedAt: number | null;
  /** Published at the reveal, null before: how many people scored at least one item, and every item's result. */
  scorers: number | null;
  results: ItemScoreResult[] | null;
}

export const SCORING_ROUNDS_KEY = 'scoringRounds';

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const timeOrNull = (value: unknown): number | null => (isFiniteNumber(value) ? value : null);
const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;

function readItem(value: unknown): ScoringItem | null {
  const v = record(value);
  if (!v || typeof v.itemId !== 'string' || (v.kind !== 'cluster' && v.kind !== 'note')) return null;
  return {
    itemId: v.itemId,
    kind: v.kind,
    pillarId: typeof v.pillarId === 'string' ? v.pillarId : null,
    label: typeof v.label === 'string' ? v.label : '',
  };
}

function readAxis(value: unknown): AxisSummary | null {
  const v = record(value);
  if (!v || !isFiniteNumber(v.median) || !isFiniteNumber(v.q1) || !isFiniteNumber(v.q3)) return null;
  return { median: v.median, q1: v.q1, q3: v.q3, iqr: isFiniteNumber(v.iqr) ? v.iqr : v.q3 - v.q1 };
}

function readSummary(value: unknown): ScoreSummary | null {
  const v = record(value);
  if (!v || !isCount(v.count) || v.count === 0) return null;
  const effect = readAxis(v.effect);
  const ease = readAxis(v.ease);
  if (!effect || !ease) return null;
  return { count: v.count, effect, ease, disagreement: Math.max(effect.iqr, ease.iqr) };
}

function readReason(value: unknown): ScoreReason | null {
  const v = record(value);
  if (!v || typeof v.text !== 'string' || !isScoreValue(v.effect) || !isScoreValue(v.ease)) return null;
  return { effect: v.effect, ease: v.ease, text: v.text };
}

function readResult(value: unknown): ItemScoreResult | null {
  const item = readItem(value);
  const v = record(value);
  if (!item || !v) return null;
  const reasons = Array.isArray(v.reasons) ? v.reasons.map(readReason).filter((r): r is ScoreReason => r !== null) : [];
  return { ...item, summary: readSummary(v.summary), reasons };
}

function readRound(value: unknown): ScoringRound | null {
  const v = record(value);
  if (!v || !isCount(v.number)) return null;
  if (v.status !== 'open' && v.status !== 'closed' && v.status !== 'revealed') return null;
  const revealed = v.status === 'revealed';
  return {
    number: v.number,
    status: v.status,
    scope: v.scope === 'all' ? 'all' : 'shortlist',
    items: Array.isArray(v.items) ? v.items.map(readItem).filter((i): i is ScoringItem => i !== null) : [],
    openedAt: timeOrNull(v.openedAt) ?? 0,
    closedAt: timeOrNull(v.closedAt),
    revealedAt: timeOrNull(v.revealedAt),
    scorers: revealed && isCount(v.scorers) ? v.scorers : null,
    results:
      revealed && Array.isArray(v.results)
        ? v.results.map(readResult).filter((r): r is ItemScoreResult => r !== null)
        : null,
  };
}

/** The rounds, oldest first. */
export function readScoringRounds(settings: Y.Doc): ScoringRound[] {
  const value = settingsRoots.server(settings).get(SCORING_ROUNDS_KEY);
  if (!Array.isArray(value)) return [];
  return value
    .map(readRound)
    .filter((r): r is ScoringRound => r !== null)
    .sort((a, b) => a.number - b.number);
}

/** Server only (clients' writes to `server` are refused). */
export function writeScoringRounds(settings: Y.Doc, rounds: readonly ScoringRound[]): void {
  settingsRoots.server(settings).set(
    SCORING_ROUNDS_KEY,
    rounds.map((r) => ({ ...r })),
  );
}

/** The revealed rounds, newest first (the ones with results to show). */
export function revealedScoringRounds(rounds: readonly ScoringRound[]): ScoringRound[] {
  return rounds.filter((r) => r.status === 'revealed' && r.results !== null).sort((a, b) => b.number - a.number);
}

/** A person's own score of one item, with their reason ('' when none). */
export interface OwnScore extends Score {
  reason: string;
}

/**
 * What the server tells one connection, and nobody else, about scoring (websocket message type 101, and
 * `GET /api/boards/<id>/scoring`): that person's own scores in the latest round and, for the facilitator while
 * it is open, how many people have scored (never who, never what).
 */
export interface PrivateScoringState {
  /** The latest round's number, or null before the first round. */
  round: number | null;
  /** This access may score (a facilitator or participant with a person), whatever the round's status. */
  canScore: boolean;
  /** This person's scores in `round`: item id → score. */
  scores: Record<string, OwnScore>;
  /** Facilitator only, while `round` is open: people with at least one score. Null otherwise. */
  scorers: number | null;
}

export const NO_PRIVATE_SCORING_STATE: PrivateScoringState = {
  round: null,
  canScore: false,
  scores: {},
  scorers: null,
};

/** Reads the JSON the server sent; anything malformed reads as "nothing known". */
export function readPrivateScoringState(value: unknown): PrivateScoringState {
  const v = record(value);
  if (!v) return NO_PRIVATE_SCORING_STATE;
  const scores: Record<string, OwnScore> = {};
  for (const [id, score] of Object.entries(record(v.scores) ?? {})) {
    const s = record(score);
    if (s && isScoreValue(s.effect) && isScoreValue(s.ease)) {
      scores[id] = { effect: s.effect, ease: s.ease, reason: typeof s.reason === 'string' ? s.reason : '' };
    }
  }
  return {
    round: isCount(v.round) ? v.round : null,
    canScore: v.canScore === true,
    scores,
    scorers: isCount(v.scorers) ? v.scorers : null,
  };
}
