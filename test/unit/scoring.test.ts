import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listItems } from '../../shared/items.js';
import { addNote } from '../../shared/ops/notes.js';
import type { ScoringRound } from '../../shared/records/scoring.js';
import { placeByScores } from '../../shared/scorePlacement.js';
import {
  DEFAULT_CARD_SPAN,
  isScoreValue,
  rankByDisagreement,
  type Score,
  scoreResults,
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

  it('puts 1 near the matrix’s left or bottom edge, 5 near its right or top, 3 on the centre lines', () => {
    const near = (position: { x: number; y: number }) => ({ x: +position.x.toFixed(9), y: +position.y.toFixed(9) });
    expect(near(scoreToPosition({ effect: 5, ease: 1 }))).toEqual({ x: 0.1, y: 0.9 });
    expect(near(scoreToPosition({ effect: 3, ease: 4 }))).toEqual({ x: 0.7, y: 0.5 });
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

  it('spreads items that share a median so no two cards overlap, inside the grid, the same on every page', () => {
    const corner = Array.from({ length: 6 }, (_, i) => ({
      id: `item-${String(i).padStart(2, '0')}`,
      median: { effect: 5, ease: 5 },
    }));
    const middle = Array.from({ length: 6 }, (_, i) => ({ id: `mid-${i}`, median: { effect: 3, ease: 3 } }));
    const alone = { id: 'alone', median: { effect: 2, ease: 4 } };
    const byHand = { x: 0.3, y: 0.7 };
    const placed = spreadAtMedians([...corner, ...middle, alone], DEFAULT_CARD_SPAN, [byHand]);
    const near = (a: { x: number; y: number } | undefined, b: { x: number; y: number }) => {
      expect(a?.x).toBeCloseTo(b.x, 9);
      expect(a?.y).toBeCloseTo(b.y, 9);
    };
    near(placed.get('alone'), scoreToPosition(alone.median));
    near(placed.get('item-00'), scoreToPosition({ effect: 5, ease: 5 }));
    near(placed.get('mid-0'), scoreToPosition({ effect: 3, ease: 3 }));
    const { width, height } = DEFAULT_CARD_SPAN;
    const points = [byHand, ...placed.values()];
    for (const point of points) {
      expect(point.x - width / 2).toBeGreaterThanOrEqual(-1e-9);
      expect(point.x + width / 2).toBeLessThanOrEqual(1 + 1e-9);
      expect(point.y - height / 2).toBeGreaterThanOrEqual(-1e-9);
      expect(point.y + height / 2).toBeLessThanOrEqual(1 + 1e-9);
    }
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const apart =
          Math.abs(points[i]!.x - points[j]!.x) >= width - 1e-9 ||
          Math.abs(points[i]!.y - points[j]!.y) >= height - 1e-9;
        expect(apart, `${JSON.stringify(points[i])} and ${JSON.stringify(points[j])}`).toBe(true);
      }
    }
    // Given in another order, the same places.
    expect(spreadAtMedians([...middle].reverse())).toEqual(spreadAtMedians(middle));
  });
});

describe('sealed scoring: results and the matrix at the medians', () => {
  it('lists each item’s reasons by their scores and text, never in the order of who gave them', () => {
    const results = scoreResults(
      [{ itemId: 'a' }, { itemId: 'b' }],
      [
        { itemId: 'a', effect: 5, ease: 1, reason: 'ゼ' },
        { itemId: 'a', effect: 1, ease: 2, reason: 'ア' },
        { itemId: 'a', effect: 1, ease: 2, reason: '  ' },
        { itemId: 'a', effect: 1, ease: 1, reason: 'イ' },
      ],
    );
    expect(results[0]!.reasons.map((r) => r.text)).toEqual(['イ', 'ア', 'ゼ']);
    expect(results[0]!.summary?.count).toBe(4);
    expect(results[1]).toEqual({ itemId: 'b', summary: null, reasons: [] });
  });

  it('places scored items at their medians, a pinned one where it was put, an unscored one where it was put by hand', () => {
    const doc = new Y.Doc();
    const pillarId = 'p1';
    for (const id of ['n1', 'n2', 'n3', 'n4']) {
      const result = addNote(doc, { id, text: id, pillarId, lane: 'problem', author: 't' });
      if (!result.ok) throw new Error(result.error);
    }
    const round: ScoringRound = {
      number: 1,
      status: 'revealed',
      scope: 'all',
      items: [],
      openedAt: 0,
      closedAt: 1,
      revealedAt: 2,
      scorers: 3,
      results: scoreResults(
        ['n1', 'n2', 'n3', 'gone'].map((itemId) => ({ itemId, kind: 'note' as const, pillarId, label: itemId })),
        [
          { itemId: 'n1', effect: 5, ease: 5, reason: '' },
          { itemId: 'n2', effect: 1, ease: 1, reason: '' },
          { itemId: 'n3', effect: 3, ease: 3, reason: '' },
          { itemId: 'gone', effect: 3, ease: 3, reason: '' },
        ],
      ),
    };
    const manual = new Map([
      ['n2', { x: 0.2, y: 0.8 }],
      ['n4', { x: 0.3, y: 0.3 }],
    ]);
    const placed = placeByScores(listItems(doc), manual, round, new Set(['n2']));
    const n1 = placed.positions.get('n1')!;
    expect([n1.x, n1.y].map((v) => v.toFixed(9))).toEqual(['0.900000000', '0.900000000']);
    // Pinned: where the facilitator put it, with its scores still told.
    expect(placed.positions.get('n2')).toEqual({ x: 0.2, y: 0.8 });
    expect(placed.scores.get('n2')).toMatchObject({ pinned: true, summary: { count: 1 } });
    // Nobody scored it: its place by hand.
    expect(placed.positions.get('n4')).toEqual({ x: 0.3, y: 0.3 });
    expect(placed.scores.has('n4')).toBe(false);
    expect([...placed.scores.keys()].sort()).toEqual(['n1', 'n2', 'n3']);
  });
});
