import { describe, expect, it } from 'vitest';
import { CARD_GAP, type CardSpan, freeMatrixPosition } from '../../shared/matrixFreeSpot';
import type { MatrixPosition } from '../../shared/records/matrix';

const SPAN: CardSpan = { width: 0.2, height: 0.1 };

const overlap = (a: MatrixPosition, b: MatrixPosition, span: CardSpan) =>
  Math.abs(a.x - b.x) < span.width && Math.abs(a.y - b.y) < span.height;
const crossesLine = (at: MatrixPosition, span: CardSpan) =>
  Math.abs(at.x - 0.5) < span.width / 2 || Math.abs(at.y - 0.5) < span.height / 2;
const inside = (at: MatrixPosition, span: CardSpan) =>
  at.x - span.width / 2 >= 0 &&
  at.x + span.width / 2 <= 1 &&
  at.y - span.height / 2 >= 0 &&
  at.y + span.height / 2 <= 1;

/** Places `count` items one after the other, as people pressing 「マトリクスに置く」 do. */
function placeMany(count: number, span: CardSpan, start: MatrixPosition[] = []): MatrixPosition[] {
  const placed = [...start];
  for (let i = 0; i < count; i++) placed.push(freeMatrixPosition(placed, span));
  return placed;
}

describe('a free place on the matrix for an item placed from the tray', () => {
  it('puts the first item next to the centre, in the better quadrant, off both quadrant lines', () => {
    const first = freeMatrixPosition([], SPAN);
    expect(first.x).toBeGreaterThan(0.5);
    expect(first.y).toBeGreaterThan(0.5);
    expect(crossesLine(first, SPAN)).toBe(false);
    // The nearest such spot: just past the lines by half a card and the gap.
    expect(first.x).toBeCloseTo(0.5 + SPAN.width / 2 + CARD_GAP, 2);
    expect(first.y).toBeCloseTo(0.5 + SPAN.height / 2 + CARD_GAP, 2);
  });

  it('gives twenty items twenty distinct places where no two cards overlap, none crosses a line or the edge', () => {
    const placed = placeMany(20, SPAN);
    for (const [i, a] of placed.entries()) {
      expect(crossesLine(a, SPAN)).toBe(false);
      expect(inside(a, SPAN)).toBe(true);
      for (const b of placed.slice(i + 1)) expect(overlap(a, b, SPAN)).toBe(false);
    }
  });

  it('keeps clear of cards placed anywhere before (dragged by hand, or by a colleague)', () => {
    const byHand = [
      { x: 0.62, y: 0.58 },
      { x: 0.4, y: 0.4 },
      { x: 0.9, y: 0.95 },
    ];
    const placed = placeMany(6, SPAN, byHand);
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) expect(overlap(a, b, SPAN)).toBe(false);
    }
  });

  it('aims at another preferred spot when asked', () => {
    const near = freeMatrixPosition([], SPAN, { x: 0.15, y: 0.1 });
    expect(near).toEqual({ x: 0.15, y: 0.1 });
  });

  it('crosses a line rather than overlap when the quadrants are full, and stacks only on a full grid', () => {
    // One card in the middle of each quadrant: no room is left off the lines, but the lines' crossing is free.
    const span: CardSpan = { width: 0.18, height: 0.18 };
    const quadrantMiddles = [
      { x: 0.75, y: 0.75 },
      { x: 0.25, y: 0.75 },
      { x: 0.25, y: 0.25 },
      { x: 0.75, y: 0.25 },
    ];
    const fifth = freeMatrixPosition(quadrantMiddles, span);
    expect(fifth).toEqual({ x: 0.5, y: 0.5 });
    expect(quadrantMiddles.some((p) => overlap(p, fifth, span))).toBe(false);
    const huge: CardSpan = { width: 1, height: 1 };
    expect(freeMatrixPosition([{ x: 0.5, y: 0.5 }], huge)).toEqual({ x: 0.5, y: 0.5 });
  });
});
