import { TokenBucket } from './rateLimit.js';

/** One entry of an awareness update: a client id, its clock, its state as JSON (`null` removes it). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

export interface PresenceLimits {
  awarenessPerSecond: number;
  maxAwarenessStateBytes: number;
}

/**
 * Keeps one connection's presence within its limits. A state bigger than `maxAwarenessStateBytes` is
 * dropped (no client of ours sends more than a name and a note id). Updates beyond `awarenessPerSecond` are
 * not applied at once: the newest entry per client id waits for the next free slot and the ones it
 * replaces are dropped, so a fast honest client still ends with its latest presence shown, while a flooding
 * one costs the room at most `awarenessPerSecond` broadcasts a second. Frames themselves count against the
 * connection's flow control too (rateLimit.ts), which slows a persistent flooder down and finally closes it.
 */
export class PresenceGate {
  private readonly bucket: TokenBucket;
  private readonly waiting = new Map<number, AwarenessEntry>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly limits: PresenceLimits,
    private readonly apply: (entries: AwarenessEntry[]) => void,
    private readonly onDropped: (reason: string) => void,
    private readonly clock: () => number = Date.now,
  ) {
    this.bucket = new TokenBucket(limits.awarenessPerSecond, limits.awarenessPerSecond, clock());
  }

  /** Entries this connection may change (ownership is checked by the caller). */
  offer(entries: AwarenessEntry[]): void {
    if (this.stopped) return;
    const fitting = entries.filter((entry) => {
      const size = Buffer.byteLength(entry.state, 'utf8');
      if (size <= this.limits.maxAwarenessStateBytes) return true;
      this.onDropped(`a presence state of ${size} bytes (limit ${this.limits.maxAwarenessStateBytes})`);
      return false;
    });
    if (fitting.length === 0) return;
    if (this.waiting.size === 0) {
      const wait = this.bucket.tryTake(1, this.clock());
      if (wait === 0) {
        this.apply(fitting);
        return;
      }
      this.timer = setTimeout(() => this.flush(), wait);
    }
    for (const entry of fitting) {
      const earlier = this.waiting.get(entry.clientId);
      if (!earlier || earlier.clock <= entry.clock) this.waiting.set(entry.clientId, entry);
    }
  }

  private flush(): void {
    this.timer = null;
    if (this.stopped || this.waiting.size === 0) return;
    const wait = this.bucket.tryTake(1, this.clock());
    if (wait > 0) {
      this.timer = setTimeout(() => this.flush(), wait);
      return;
    }
    const entries = [...this.waiting.values()];
    this.waiting.clear();
    this.apply(entries);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting.clear();
  }
}
