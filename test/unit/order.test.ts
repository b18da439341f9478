import { describe, expect, it } from 'vitest';
import { compareByOrderThenId, orderKeyAtIndex, orderKeyBetween } from '../../shared/order.js';
import { seededRandom } from './fixtures.js';

function expectStrictlyOrdered(keys: readonly string[]): void {
  for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! < keys[i]!, `${keys[i - 1]} < ${keys[i]}`).toBe(true);
}

/** Inserts `count` keys, each at the index `pick` chooses, and returns the list in its intended order. */
function insertMany(count: number, pick: (length: number) => number, random: () => number): string[] {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const index = pick(keys.length);
    const key = orderKeyAtIndex(
      keys.map((order) => ({ order })),
      index,
      random,
    );
    keys.splice(index, 0, key);
  }
  return keys;
}

describe('orderKeyBetween', () => {
  it('gives a key strictly between its neighbours', () => {
    const random = seededRandom(1);
    const key = orderKeyBetween('a0', 'a1', random);
    expect('a0' < key && key < 'a1').toBe(true);
    expect(orderKeyBetween(null, 'a0', random) < 'a0').toBe(true);
    expect(orderKeyBetween('a0', null, random) > 'a0').toBe(true);
  });

  it('stays below an upper bound that extends the natural key (base is a prefix of after)', () => {
    // Between null and 'a0V' the natural key is 'a0', a prefix of 'a0V': a suffix could land above it.
    const random = seededRandom(2);
    for (const [before, after] of [
      [null, 'a0V'],
      ['a0', 'a0V'],
      [null, 'a0z'],
      [null, 'a01'],
      ['a0', 'a01'],
    ] as const) {
      for (let i = 0; i < 300; i++) {
        const key = orderKeyBetween(before, after, random);
        expect(key < after, `${key} < ${after}`).toBe(true);
        if (before !== null) expect(key > before, `${key} > ${before}`).toBe(true);
      }
    }
  });

  it('gives two clients computing at once different keys thanks to the random suffix', () => {
    const a = orderKeyBetween('a0', 'a1', seededRandom(10));
    const b = orderKeyBetween('a0', 'a1', seededRandom(11));
    expect(a).not.toBe(b);
  });

  it('does not throw on neighbours from other tools that are not valid fractional indexes', () => {
    const random = seededRandom(3);
    const weird = ['', 'zzz', '!!', 'a00', 'hello world', '日本', 'a0', 'A', '~'];
    for (const before of [null, ...weird]) {
      for (const after of [null, ...weird]) {
        const key = orderKeyBetween(before, after, random);
        expect(typeof key).toBe('string');
        expect(key.length).toBeGreaterThan(0);
      }
    }
    // A valid bound still constrains the key when the other is garbage.
    expect(orderKeyBetween('!!', 'a0', random) < 'a0').toBe(true);
    expect(orderKeyBetween('a0', '~', random) > 'a0').toBe(true);
  });

  it('does not throw when the neighbours are equal or reversed', () => {
    expect(() => orderKeyBetween('a1', 'a1')).not.toThrow();
    expect(() => orderKeyBetween('b0', 'a0')).not.toThrow();
  });
});

describe('orderKeyAtIndex', () => {
  it('keeps 500 inserts at the front strictly ordered', () => {
    expectStrictlyOrdered(insertMany(500, () => 0, seededRandom(4)));
  });

  it('keeps 500 inserts at the end strictly ordered', () => {
    expectStrictlyOrdered(insertMany(500, (length) => length, seededRandom(5)));
  });

  it('keeps 500 inserts in the middle strictly ordered and the keys valid for the note schema', () => {
    const keys = insertMany(500, (length) => Math.floor(length / 2), seededRandom(6));
    expectStrictlyOrdered(keys);
    // placeSchema accepts order keys up to 256 characters.
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(256);
  });

  it('keeps 500 inserts right after the first item strictly ordered', () => {
    expectStrictlyOrdered(insertMany(500, (length) => Math.min(1, length), seededRandom(7)));
  });

  it('keeps 1000 inserts at random places strictly ordered', () => {
    const random = seededRandom(8);
    expectStrictlyOrdered(insertMany(1000, (length) => Math.floor(random() * (length + 1)), random));
  });

  it('clamps an index outside the list to its ends', () => {
    const random = seededRandom(9);
    const siblings = [{ order: 'a0' }, { order: 'a1' }];
    expect(orderKeyAtIndex(siblings, -5, random) < 'a0').toBe(true);
    expect(orderKeyAtIndex(siblings, 99, random) > 'a1').toBe(true);
    expect(orderKeyAtIndex([], 3, random)).toMatch(/^a0/);
  });
});

describe('compareByOrderThenId', () => {
  it('sorts by order key, and items with the same key by id', () => {
    const items = [
      { order: 'a1', id: 'x' },
      { order: 'a0', id: 'z' },
      { order: 'a0', id: 'b' },
      { order: 'Zz', id: 'q' },
    ];
    expect(items.sort(compareByOrderThenId).map((i) => i.id)).toEqual(['q', 'b', 'z', 'x']);
    expect(compareByOrderThenId({ order: 'a0', id: 'same' }, { order: 'a0', id: 'same' })).toBe(0);
  });
});
