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

/** How far apart items sharing a median are drawn (in matrix units: a card is about 0.12 wide). */
export const STACK_STEP = 0.06;

/**
 * `count` places around `centre` on a square grid of STACK_STEP, nearest first (then by angle, so the same on
 * every page), inside the matrix: distinct grid points, so no two are closer than a step.
 */
function placesAround(centre: MatrixPosition, count: number): MatrixPosition[] {
  const places: MatrixPosition[] = [];
  for (let ring = 0; places.length < count && ring <= 2 / STACK_STEP; ring++) {
    const points: { i: number; j: number }[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) if (Math.max(Math.abs(i), Math.abs(j)) === ring) points.push({ i, j });
    }
    points.sort((a, b) => Math.hypot(a.i, a.j) - Math.hypot(b.i, b.j) || Math.atan2(a.j, a.i) - Math.atan2(b.j, b.i));
    for (const { i, j } of points) {
      const place = { x: centre.x + i * STACK_STEP, y: centre.y + j * STACK_STEP };
      const inside = place.x >= -1e-9 && place.x <= 1 + 1e-9 && place.y >= -1e-9 && place.y <= 1 + 1e-9;
      if (inside && places.length < count)
        places.push({ x: Math.min(1, Math.max(0, place.x)), y: Math.min(1, Math.max(0, place.y)) });
    }
  }
  return places;
}

/**
 * Where each item is drawn when placed at its median: medians on a 1–5 scale coincide often, so the items that
 * share one are spread around it, in id order (the same on every page), never on top of each other; the first
 * stays on the median itself. Positions stay inside the matrix.
 */
export function spreadAtMedians(items: readonly { id: string; median: Score }[]): Map<string, MatrixPosition> {
  const byPlace = new Map<string, { centre: MatrixPosition; ids: string[] }>();
  for (const item of [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const key = `${item.median.effect}:${item.median.ease}`;
    const group = byPlace.get(key) ?? { centre: scoreToPosition(item.median), ids: [] };
    group.ids.push(item.id);
    byPlace.set(key, group);
  }
  const placed = new Map<string, MatrixPosition>();
  for (const { centre, ids } of byPlace.values()) {
    const places = placesAround(centre, ids.length);
    ids.forEach((id, index) => {
      placed.set(id, places[index] ?? centre);
    });
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
