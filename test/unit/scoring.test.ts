import { describe, expect, it } from 'vitest';
import {
  isScoreValue,
  rankByDisagreement,
  type Score,
  STACK_STEP,
  scoreToPosition,
  spreadAtMedians,
  summarizeScores,
} from '../../shared/scoring.js';

const scores = (...pairs: [number, number][]): Score[] => pairs.map(([effect, ease]) => ({ effect, ease }));

describe('sealed scoring: what revealed scores say', () => {
  it('takes the median and quartiles of each axis as a spreadsheet does (QUARTILE.INC)', () => {
    // 効果 1, 2, 4, 5, 5 → median 4, Q1 2, Q3 5; 実現しやすさ all 3 → no spread.
    expect(summarizeScores(scores([5, 3], [1, 3], [4, 3], [2, 3], [5, 3]))).toEqual({
      count: 5,
      effect: { median: 4, q1: 2, q3: 5, iqr: 3 },
      ease: { median: 3, q1: 3, q3: 3, iqr: 0 },
      disagreement: 3,
    });
    // An even count: the median between the two middle scores, quartiles interpolated.
    const even = summarizeScores(scores([1, 2], [2, 2], [4, 5], [5, 5]))!;
    expect(even.effect).toEqual({ median: 3, q1: 1.75, q3: 4.25, iqr: 2.5 });
    expect(even.ease).toEqual({ median: 3.5, q1: 2, q3: 5, iqr: 3 });
    expect(even.disagreement).toBe(3);
    expect(summarizeScores(scores([3, 4]))).toMatchObject({ count: 1, disagreement: 0, effect: { median: 3 } });
    expect(summarizeScores([])).toBeNull();
  });

  it('accepts whole scores from 1 to 5 only', () => {
    for (const good of [1, 2, 3, 4, 5]) expect(isScoreValue(good)).toBe(true);
    for (const bad of [0, 6, 2.5, Number.NaN, '3', null, undefined, -1]) expect(isScoreValue(bad)).toBe(false);
  });

  it('puts 1 at the matrix’s left or bottom edge and 5 at its right or top (効果 up, 実現しやすさ right)', () => {
    expect(scoreToPosition({ effect: 5, ease: 1 })).toEqual({ x: 0, y: 1 });
    expect(scoreToPosition({ effect: 3, ease: 4 })).toEqual({ x: 0.75, y: 0.5 });
  });

  it('ranks the split items first, then the more scored, then by id, leaving out those all agreed on', () => {
    const item = (id: string, ...pairs: [number, number][]) => ({ id, summary: summarizeScores(scores(...pairs))! });
    const ranked = rankByDisagreement([
      item('agreed', [4, 4], [4, 4], [4, 4]),
      item('b-split', [1, 3], [5, 3], [1, 3], [5, 3]),
      item('a-split', [1, 3], [5, 3], [1, 3], [5, 3]),
      item('some', [2, 3], [3, 3], [3, 3], [4, 3], [2, 3]),
      item('split-few', [1, 1], [5, 5]),
    ]);
    // a-split and b-split: 1, 1, 5, 5 (IQR 4); split-few: 1 and 5 (IQR 2); some: 2, 2, 3, 3, 4 (IQR 1).
    expect(ranked.map((r) => r.id)).toEqual(['a-split', 'b-split', 'split-few', 'some']);
  });

  it('spreads items that share a median so no two are drawn on each other, the same on every page', () => {
    const corner = Array.from({ length: 12 }, (_, i) => ({
      id: `item-${String(i).padStart(2, '0')}`,
      median: { effect: 5, ease: 5 },
    }));
    const middle = Array.from({ length: 12 }, (_, i) => ({ id: `mid-${i}`, median: { effect: 3, ease: 3 } }));
    const alone = { id: 'alone', median: { effect: 2, ease: 4 } };
    const placed = spreadAtMedians([...corner, ...middle, alone]);
    expect(placed.get('alone')).toEqual(scoreToPosition(alone.median));
    expect(placed.get('item-00')).toEqual({ x: 1, y: 1 });
    for (const group of [corner, middle]) {
      const points = group.map((item) => placed.get(item.id)!);
      for (const point of points) {
        for (const value of [point.x, point.y]) expect(value >= 0 && value <= 1).toBe(true);
      }
      for (let i = 0; i < points.length; i++) {
        for (let j = i + 1; j < points.length; j++) {
          const distance = Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y);
          expect(distance).toBeGreaterThanOrEqual(STACK_STEP - 1e-9);
        }
      }
    }
    // Given in another order, the same places.
    expect(spreadAtMedians([...middle].reverse())).toEqual(spreadAtMedians(middle));
  });
});
