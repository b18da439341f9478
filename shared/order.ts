import { generateKeyBetween } from 'fractional-indexing';

/**
 * Fractional order keys. Two clients can compute the same key at the same moment, so every key gets a
 * random suffix and lists sort by (order, id): ties are impossible to see and never ambiguous.
 */

const SUFFIX_DIGITS = '123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomSuffix(random: () => number): string {
  // No '0': a trailing zero would make the key invalid for fractional-indexing.
  let out = '';
  for (let i = 0; i < 3; i++) out += SUFFIX_DIGITS[Math.floor(random() * SUFFIX_DIGITS.length)];
  return out;
}

function safeBetween(a: string | null, b: string | null): string | null {
  try {
    return generateKeyBetween(a, b);
  } catch {
    return null; // a neighbour key written by another tool is not a valid key, or a >= b
  }
}

/**
 * A key strictly after `before` and strictly before `after` (either may be null for the ends).
 * Keys from other tools that are not valid fractional indexes are tolerated: the bound is relaxed
 * rather than the operation refused, so a move never fails because of a neighbour.
 */
export function orderKeyBetween(
  before: string | null,
  after: string | null,
  random: () => number = Math.random,
): string {
  const base =
    safeBetween(before, after) ??
    safeBetween(before, null) ??
    safeBetween(null, after) ??
    safeBetween(null, null) ??
    'a0';
  for (let attempt = 0; attempt < 4; attempt++) {
    const candidate = base + randomSuffix(random);
    if (after === null || candidate < after) return candidate;
    // `base` is a prefix of `after` (e.g. "a0" before "a0V"): go one step closer and try again.
    const closer = safeBetween(base, after);
    if (closer === null) break;
    const retry = closer + randomSuffix(random);
    if (retry < after) return retry;
  }
  return base;
}

/** Sort comparator for anything with an order key and an id. */
export function compareByOrderThenId(a: { order: string; id: string }, b: { order: string; id: string }): number {
  if (a.order < b.order) return -1;
  if (a.order > b.order) return 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The key that puts an item at `index` among `siblings` (already sorted, the moving item excluded).
 */
export function orderKeyAtIndex(siblings: readonly { order: string }[], index: number, random?: () => number): string {
  const clamped = Math.max(0, Math.min(index, siblings.length));
  const before = clamped > 0 ? (siblings[clamped - 1]?.order ?? null) : null;
  const after = clamped < siblings.length ? (siblings[clamped]?.order ?? null) : null;
  return orderKeyBetween(before, after, random);
}
