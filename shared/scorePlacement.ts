import { type BoardItem, resolveItems } from './items.js';
import type { CardSpan } from './matrixFreeSpot.js';
import type { MatrixPosition } from './records/matrix.js';
import type { ScoringRound } from './records/scoring.js';
import { DEFAULT_CARD_SPAN, type ScoreSummary, spreadAtMedians } from './scoring.js';

/** What the matrix shows of an item's scores in the chosen round. */
export interface ItemScore {
  summary: ScoreSummary;
  /** Kept at its place by hand over its median (the facilitator moved it there). */
  pinned: boolean;
}

export interface ScorePlacement {
  /** Where each item is drawn: at its median (spread from others sharing it), else where it was put by hand. */
  positions: Map<string, MatrixPosition>;
  /** The scored items (current item id → its scores). */
  scores: Map<string, ItemScore>;
}

/**
 * The matrix placed at the medians of a revealed scoring round. Results are keyed by the item ids of the round:
 * a scored note that has since joined a cluster places the cluster (the result more people scored wins when
 * several land on one item). An item pinned by the facilitator, or one nobody scored, keeps its place by hand
 * (or stays in the tray).
 */
export function placeByScores(
  items: readonly BoardItem[],
  manual: ReadonlyMap<string, MatrixPosition>,
  round: ScoringRound,
  pins: ReadonlySet<string>,
  span: CardSpan = DEFAULT_CARD_SPAN,
): ScorePlacement {
  const byId = resolveItems(items);
  const scores = new Map<string, ItemScore>();
  for (const result of round.results ?? []) {
    const item = byId.get(result.itemId);
    if (!item || !result.summary) continue;
    const known = scores.get(item.id);
    if (known && known.summary.count >= result.summary.count) continue;
    scores.set(item.id, { summary: result.summary, pinned: pins.has(item.id) });
  }
  const atMedian = (id: string) => scores.has(id) && !(scores.get(id)!.pinned && manual.has(id));
  // Cards that stay where they were put by hand: the medians' cards go around them.
  const byHand = items.flatMap((item) => {
    const position = manual.get(item.id);
    return position && !atMedian(item.id) ? [position] : [];
  });
  const atMedians = spreadAtMedians(
    [...scores]
      .filter(([id]) => atMedian(id))
      .map(([id, { summary }]) => ({ id, median: { effect: summary.effect.median, ease: summary.ease.median } })),
    span,
    byHand,
  );
  const positions = new Map(manual);
  for (const [id, position] of atMedians) positions.set(id, position);
  return { positions, scores };
}
