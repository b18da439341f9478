import type { ServerResponse } from 'node:http';
import { HttpError } from '../httpUtil.js';
import { TokenBucket } from '../rateLimit.js';

/**
 * Per caller (board, link or person, address) rates of the suggestion routes: the similar-notes lookup runs
 * on every pause in typing (about 3 a second at most with the client's 300 ms pause), the grouping when the
 * facilitator opens the panel or moves the slider. A script hammering them is refused (429 `suggestions-rate-limited`, with
 * Retry-After) before the worker is asked, so it cannot hold up the other boards' analyses.
 */
const RATES = {
  similar: { perSecond: 5, burst: 10 },
  groups: { perSecond: 1, burst: 5 },
} as const;

export type SuggestionRoute = keyof typeof RATES;

/** Past this many remembered callers, the ones whose bucket is full again are forgotten. */
const PRUNE_AT = 10_000;

export class SuggestionRateLimits {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** Takes one request of `route` for `caller`, or throws 429 with Retry-After. */
  take(route: SuggestionRoute, caller: string, res: ServerResponse): void {
    const now = this.clock();
    const key = `${route}\u0000${caller}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= PRUNE_AT) this.prune(now);
      bucket = new TokenBucket(RATES[route].perSecond, RATES[route].burst, now);
      this.buckets.set(key, bucket);
    }
    const wait = bucket.tryTake(1, now);
    if (wait === 0) return;
    const seconds = Math.max(1, Math.ceil(wait / 1000));
    res.setHeader('Retry-After', String(seconds));
    throw new HttpError(429, `too many suggestion requests; try again in ${seconds} s`, 'suggestions-rate-limited');
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.rested(now)) this.buckets.delete(key);
  }
}
