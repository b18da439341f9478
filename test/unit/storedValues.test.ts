import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  PRIORITIES,
  parseInitiativePlace,
  parseInitiativeSource,
  readFiscalYears,
} from '../../shared/records/initiative';
import { LANE_KINDS } from '../../shared/records/lane';
import { QUADRANTS } from '../../shared/records/matrix';
import { parsePlace } from '../../shared/records/note';

/**
 * The stored-value checks were zod/mini schemas; they are written out now (shared/records/storedValues.ts,
 * a smaller page). These are the schemas they replaced: for every value below, old and new must agree, both on
 * what is accepted and on what is read.
 */
const id = () => z.string().check(z.minLength(1), z.maxLength(64));
const order = () => z.string().check(z.minLength(1), z.maxLength(1024));
const oldPlace = z.object({ pillarId: id(), lane: z.enum(LANE_KINDS), order: order(), clusterId: z.optional(id()) });
const oldInitiativePlace = z.object({ pillarId: id(), priority: z.enum(PRIORITIES), order: order() });
const oldSource = z.object({
  itemId: id(),
  kind: z.enum(['cluster', 'note']),
  noteIds: z.array(id()).check(z.maxLength(5000)),
  votes: z.nullable(z.number().check(z.int(), z.minimum(0))),
  roundNumber: z.nullable(z.number().check(z.int(), z.minimum(1))),
  quadrant: z.nullable(z.enum(QUADRANTS)),
});
const oldFiscalYears = z.array(z.number().check(z.int(), z.minimum(1989), z.maximum(2100))).check(z.maxLength(10));

const old = <T>(schema: { safeParse: (value: unknown) => { success: boolean; data?: T } }, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? (parsed.data as T) : null;
};

const strings: unknown[] = ['', 'p', 'x'.repeat(64), 'x'.repeat(65), 'a'.repeat(1024), 'a'.repeat(1025), '柱', 'high'];
const oddities: unknown[] = [
  undefined,
  null,
  0,
  1,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 60,
  true,
  [],
  {},
  'x',
];

function* placeValues(): Generator<unknown> {
  yield* oddities;
  for (const pillarId of [...strings, 3, undefined])
    for (const lane of [...LANE_KINDS, 'other', undefined])
      for (const orderKey of ['a0', '', 'a'.repeat(1025), 7]) {
        yield { pillarId, lane, order: orderKey };
        yield { pillarId, lane, order: orderKey, clusterId: 'c1', extra: 'kept out' };
        yield { pillarId, lane, order: orderKey, clusterId: null };
        yield { pillarId, lane, order: orderKey, clusterId: '' };
      }
}

function* sourceValues(): Generator<unknown> {
  yield* oddities;
  const base = { itemId: 'n1', kind: 'note', noteIds: ['n1'], votes: 3, roundNumber: 1, quadrant: 'doNow' };
  yield base;
  for (const [key, values] of Object.entries({
    itemId: ['', 'x'.repeat(65), 5, undefined],
    kind: ['cluster', 'other', undefined],
    noteIds: [[], ['a', ''], Array.from({ length: 5001 }, () => 'n'), 'n1', undefined],
    votes: [null, 0, -1, 1.5, Number.NaN, undefined, 2 ** 60],
    roundNumber: [null, 0, 1, 2.5, undefined],
    quadrant: [null, ...QUADRANTS, 'middle', undefined],
  }))
    for (const value of values) yield { ...base, [key]: value, extra: 1 };
}

describe('stored values are read as the zod schemas read them', () => {
  it("a note's place", () => {
    let count = 0;
    for (const value of placeValues()) {
      expect(parsePlace(value), JSON.stringify(value)).toStrictEqual(old(oldPlace, value));
      count++;
    }
    expect(count).toBeGreaterThan(500);
  });

  it("an initiative's place and source", () => {
    for (const value of placeValues()) {
      const withPriority = typeof value === 'object' && value ? { ...value, priority: 'high' } : value;
      for (const candidate of [value, withPriority])
        expect(parseInitiativePlace(candidate), JSON.stringify(candidate)).toStrictEqual(
          old(oldInitiativePlace, candidate),
        );
    }
    for (const value of sourceValues())
      expect(parseInitiativeSource(value), JSON.stringify(value)?.slice(0, 200)).toStrictEqual(old(oldSource, value));
  });

  it('fiscal years, sorted without duplicates', () => {
    for (const value of [
      ...oddities,
      [2026, 2025, 2026],
      [1988],
      [2100, 1989],
      [2025.5],
      Array(11).fill(2025),
      ['2025'],
    ]) {
      const parsed = old<number[]>(oldFiscalYears, value);
      expect(readFiscalYears(value), JSON.stringify(value)).toStrictEqual(
        parsed ? [...new Set(parsed)].sort((a, b) => a - b) : [],
      );
    }
  });
});
