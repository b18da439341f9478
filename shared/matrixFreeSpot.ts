import { MATRIX_CENTRE } from './ops/matrix.js';
import type { MatrixPosition } from './records/matrix.js';

/** A card's size as a fraction of the grid's width and height (positions are the card's centre). */
export interface CardSpan {
  width: number;
  height: number;
}

/** Room kept between two cards and between a card and a quadrant line, as a fraction of the grid. */
export const CARD_GAP = 0.01;
/** Candidate centres are tried on a lattice of hundredths (finer than any card, coarse enough to be quick). */
const LATTICE = 100;

/** Distances are compared with this tolerance: 0.61 - 0.5 is 0.10999… in floating point. */
const EPSILON = 1e-9;

const overlaps = (a: MatrixPosition, b: MatrixPosition, span: CardSpan) =>
  Math.abs(a.x - b.x) < span.width + CARD_GAP - EPSILON && Math.abs(a.y - b.y) < span.height + CARD_GAP - EPSILON;

/** A card there crosses a quadrant line: it would read as belonging to two quadrants. */
const onQuadrantLine = (at: MatrixPosition, span: CardSpan) =>
  Math.abs(at.x - 0.5) < span.width / 2 + CARD_GAP - EPSILON ||
  Math.abs(at.y - 0.5) < span.height / 2 + CARD_GAP - EPSILON;

/**
 * Where an item placed from the tray goes: the spot nearest to `preferred` where a card of `span` overlaps no
 * card at `occupied`, lies wholly inside the grid and crosses no quadrant line. Without such a spot (a full
 * grid), the nearest spot that only overlaps no card; without that either, `preferred` (a stack is better than
 * refusing to place). Ties go to the better quadrant: higher impact, then easier (candidates are tried from the
 * top right). Every card is taken to be `span` big: the caller gives the largest card's size.
 */
export function freeMatrixPosition(
  occupied: readonly MatrixPosition[],
  span: CardSpan,
  preferred: MatrixPosition = MATRIX_CENTRE,
): MatrixPosition {
  let best: MatrixPosition | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  let fallback: MatrixPosition | null = null;
  let fallbackDistance = Number.POSITIVE_INFINITY;
  const fits = (value: number, size: number) => value - size / 2 >= -EPSILON && value + size / 2 <= 1 + EPSILON;
  for (let i = LATTICE; i >= 0; i--) {
    const x = i / LATTICE;
    if (!fits(x, span.width)) continue;
    for (let j = LATTICE; j >= 0; j--) {
      const y = j / LATTICE;
      if (!fits(y, span.height)) continue;
      const at = { x, y };
      if (occupied.some((other) => overlaps(at, other, span))) continue;
      // With the tolerance, 0.5 + d and 0.5 - d are the same distance: the first tried (top right) wins.
      const distance = Math.hypot(x - preferred.x, y - preferred.y);
      if (onQuadrantLine(at, span)) {
        if (distance < fallbackDistance - EPSILON) [fallback, fallbackDistance] = [at, distance];
      } else if (distance < bestDistance - EPSILON) {
        [best, bestDistance] = [at, distance];
      }
    }
  }
  return best ?? fallback ?? preferred;
}
