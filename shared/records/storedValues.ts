/**
 * Checks for the plain values stored in the board document: a note's place, an initiative's place, source and
 * fiscal years, a cluster's pillar. Written out rather than with a validation library: the client reads them
 * for every note while a board opens, and zod was about 5 KB (gzip) of the page's initial JavaScript for these
 * few rules (docs/benchmarks.md). The server validates its own input (configuration, HTTP bodies) with zod.
 */

/** Ids (notes, pillars, clusters…) are nanoid-like strings of at most 64 characters. */
export const ID_MAX = 64;

/** Order keys (fractional indexing) grow by about one character per 4 inserts at the same spot; 1,024 leaves room for thousands. */
export const ORDER_KEY_MAX = 1024;

/** A plain object (not null, not an array), as a stored JSON value is. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string whose length (UTF-16 code units, as JavaScript counts) is within the bounds. */
export function isStringOfLength(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

export function isId(value: unknown): value is string {
  return isStringOfLength(value, 1, ID_MAX);
}

/** A safe integer within the bounds (never NaN or infinite). */
export function isIntBetween(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

export function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}
