import { CARD_GAP, type CardSpan } from './matrixFreeSpot.js';
import type { MatrixPosition } from './records/matrix.js';

/**
 * Sealed scoring on the priority matrix (issue 18): each member scores an item from 1 to 5 on both axes, 効果
 * (`effect`, the matrix's y) and 実現しやすさ (`ease`, its x). What the scores say once revealed: the median of
 * each axis (where the matrix can place the item), the interquartile range (how far the group disagrees) and how
 * many scored it. Pure functions: the server computes them at the reveal, the page and the exports show them.
 */

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

export interface Score {
  effect: number;
  ease: number;
}

export interface AxisSummary {
  median: number;
  /** The first and third quartiles, and their distance (the interquartile range). */
  q1: number;
  q3: number;
  iqr: number;
}

export interface ScoreSummary {
  count: number;
  effect: AxisSummary;
  ease: AxisSummary;
  /** How split the group is: the larger of the two axes' interquartile ranges (0 = everyone agrees). */
  disagreement: number;
}

/** A median or quartile as shown and exported: whole numbers without decimals, others with up to two (3, 3.5, 1.75). */
export function formatScore(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A whole score from 1 to 5. */
export function isScoreValue(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= SCORE_MIN && value <= SCORE_MAX;
}

/**
 * The value at quantile `q` of sorted values, interpolated linearly between the two nearest ranks (the usual
 * definition of spreadsheets: Excel's QUARTILE.INC, R's type 7), so the exported numbers can be checked there.
 */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

function summarizeAxis(values: readonly number[]): AxisSummary {
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  return { median: quantile(sorted, 0.5), q1, q3, iqr: q3 - q1 };
}

/** The summary of an item's scores; null when nobody scored it. */
export function summarizeScores(scores: readonly Score[]): ScoreSummary | null {
  if (scores.length === 0) return null;
  const effect = summarizeAxis(scores.map((s) => s.effect));
  const ease = summarizeAxis(scores.map((s) => s.ease));
  return { count: scores.length, effect, ease, disagreement: Math.max(effect.iqr, ease.iqr) };
}

/**
 * How far in from the matrix's edges a 1 or a 5 is drawn: a card centred on the very edge would hang half outside
 * the grid, over the axis labels. 3 stays on the centre lines.
 */
export const SCORE_EDGE_INSET = 0.1;

/**
 * A score's place on the matrix (0..1 on both axes): 1 near the left or bottom edge, 5 near the right or top
 * (SCORE_EDGE_INSET in from them), 3 on the centre lines.
 */
export function scoreToPosition(score: Score): MatrixPosition {
  const unit = (value: number) =>
    SCORE_EDGE_INSET + ((1 - 2 * SCORE_EDGE_INSET) * (value - SCORE_MIN)) / (SCORE_MAX - SCORE_MIN);
  return { x: unit(score.ease), y: unit(score.effect) };
}

/**
 * The items ranked for discussion (「意見が割れた項目」): the most split first, then those more people scored, then
 * by id (a stable order on every page). Items everyone agreed on are left out.
 */
export function rankByDisagreement<T extends { id: string; summary: ScoreSummary }>(items: readonly T[]): T[] {
  return items
    .filter((item) => item.summary.disagreement > 0)
    .sort(
      (a, b) =>
        b.summary.disagreement - a.summary.disagreement ||
        b.summary.count - a.summary.count ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** A card's size as a fraction of the grid when the page does not say (a fifth of the width, a tenth of the height). */
export const DEFAULT_CARD_SPAN: CardSpan = { width: 0.2, height: 0.1 };

/** Candidate centres lie on a lattice of hundredths of the grid, as for a card placed from the tray. */
const LATTICE = 100;
const EPSILON = 1e-9;

let offsetsByDistance: { dx: number; dy: number }[] | null = null;

/** Every lattice offset within the grid, nearest first, then by angle: the same order on every page. */
function nearestOffsets(): { dx: number; dy: number }[] {
  if (!offsetsByDistance) {
    const offsets: { i: number; j: number }[] = [];
    for (let i = -LATTICE; i <= LATTICE; i++) for (let j = -LATTICE; j <= LATTICE; j++) offsets.push({ i, j });
    offsets.sort(
      (a, b) => a.i * a.i + a.j * a.j - (b.i * b.i + b.j * b.j) || Math.atan2(a.j, a.i) - Math.atan2(b.j, b.i),
    );
    offsetsByDistance = offsets.map(({ i, j }) => ({ dx: i / LATTICE, dy: j / LATTICE }));
  }
  return offsetsByDistance;
}

const overlaps = (a: MatrixPosition, b: MatrixPosition, span: CardSpan) =>
  Math.abs(a.x - b.x) < span.width + CARD_GAP - EPSILON && Math.abs(a.y - b.y) < span.height + CARD_GAP - EPSILON;

/** The spot nearest to `centre` where a card of `span` lies inside the grid and overlaps no card at `taken`. */
function nearestFreeSpot(centre: MatrixPosition, taken: readonly MatrixPosition[], span: CardSpan): MatrixPosition {
  const fits = (value: number, size: number) => value - size / 2 >= -EPSILON && value + size / 2 <= 1 + EPSILON;
  const same = (a: MatrixPosition, b: MatrixPosition) => Math.abs(a.x - b.x) < EPSILON && Math.abs(a.y - b.y) < EPSILON;
  // A full grid has no free spot: then the nearest one no other card is centred on (overlapping, never stacked).
  let fallback: MatrixPosition | null = null;
  for (const { dx, dy } of nearestOffsets()) {
    const at = {
      x: Math.round((centre.x + dx) * LATTICE) / LATTICE,
      y: Math.round((centre.y + dy) * LATTICE) / LATTICE,
    };
    if (!fits(at.x, span.width) || !fits(at.y, span.height)) continue;
    if (!taken.some((other) => overlaps(at, other, span))) return at;
    if (!fallback && !taken.some((other) => same(other, at))) fallback = at;
  }
  return fallback ?? centre;
}

/**
 * Where each item is drawn when placed at its median: medians on a 1–5 scale coincide often, so each card goes to
 * the free spot nearest its median where it overlaps no other card (nor one at `occupied`, e.g. an item placed
 * by hand) and lies inside the grid. First one item per median (the first by id) takes the spot nearest to it,
 * then the others spread around: a median shared by many never pushes another median's only item away. The same
 * on every page. The true median is the card's name's to say (and the cross's to draw).
 */
export function spreadAtMedians(
  items: readonly { id: string; median: Score }[],
  span: CardSpan = DEFAULT_CARD_SPAN,
  occupied: readonly MatrixPosition[] = [],
): Map<string, MatrixPosition> {
  const byId = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const medianKey = (item: { median: Score }) => `${item.median.effect}:${item.median.ease}`;
  const firsts = new Set<string>();
  const leaders = byId.filter((item) => !firsts.has(medianKey(item)) && firsts.add(medianKey(item)));
  const followers = byId.filter((item) => !leaders.includes(item));
  const taken = [...occupied];
  const placed = new Map<string, MatrixPosition>();
  for (const item of [...leaders, ...followers]) {
    const at = nearestFreeSpot(scoreToPosition(item.median), taken, span);
    taken.push(at);
    placed.set(item.id, at);
  }
  return placed;
}

/** One person's score of one item with their reason, as the server keeps it (who gave it is not needed here). */
export interface GivenScore extends Score {
  itemId: string;
  reason: string;
}

/**
 * Each covered item's result from the scores given: the summary and the reasons. Reasons are listed by their
 * scores then text, never in the order of who gave them: the same person's reasons on two items cannot be
 * matched by their place in the lists.
 */
export function scoreResults<T extends { itemId: string }>(
  items: readonly T[],
  scores: readonly GivenScore[],
): Array<T & { summary: ScoreSummary | null; reasons: Array<Score & { text: string }> }> {
  const byItem = new Map<string, GivenScore[]>();
  for (const score of scores) byItem.set(score.itemId, [...(byItem.get(score.itemId) ?? []), score]);
  return items.map((item) => {
    const given = byItem.get(item.itemId) ?? [];
    const reasons = given
      .filter((s) => s.reason.trim() !== '')
      .map((s) => ({ effect: s.effect, ease: s.ease, text: s.reason }))
      .sort((a, b) => a.effect - b.effect || a.ease - b.ease || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    return { ...item, summary: summarizeScores(given), reasons };
  });
}
