import type { Log } from './log.js';

// Asking a client for everything it holds is how a dropped update is recovered, and also how a client
// could make the server spin: the rate limit and its timer live here, apart from the message handling.

/** At most one resync step 1 per connection in this interval (ms), besides at most one awaiting its step 2. */
export const RESYNC_INTERVAL_MS = 500;

/**
 * A writer's update that depends on data the document lacks was dropped (nothing applied, stored or
 * relayed). That is a normal race: after a reconnect the stock client sends each new edit at once, while
 * the offline edits it builds on arrive only in the client's step 2 answering our step 1. Our step 1 makes
 * the client send a step 2 with everything it holds, the dropped update included; the stock client never
 * retries a 44xx close, so closing would strand it. Rate limit: at most one resync awaiting its step 2 and
 * at most one per RESYNC_INTERVAL_MS, so a client cannot make the server spin. An update dropped while a
 * resync awaits its step 2 is covered by that step 2; one dropped inside the interval otherwise gets a
 * resync when the interval ends, so a client that then stops typing is not left with an edit the server
 * never saw.
 */
export class Resync {
  /** A resync step 1 was sent and no step 2 has arrived since. */
  private resyncPending = false;
  private lastResyncAt = Number.NEGATIVE_INFINITY;
  /** A resync deferred by the rate limit, for an update dropped with no resync awaiting its step 2. */
  private resyncTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly room: { readonly name: string },
    private readonly log: Log,
    private readonly sendSyncStep1: () => void,
    private readonly closed: () => boolean,
  ) {}

  /** A step 2 arrived: it answers (at least) our latest step 1, since it carries everything the client holds. */
  answered(): void {
    this.resyncPending = false;
  }

  /** An update was dropped for `reason`: the client is asked to resync, within the rate limit. */
  request(reason: string): void {
    const now = Date.now();
    if (this.resyncPending) {
      this.log(`room ${this.room.name}: dropped an update (${reason}); a resync is under way`);
      return;
    }
    const wait = this.lastResyncAt + RESYNC_INTERVAL_MS - now;
    if (wait > 0) {
      this.log(`room ${this.room.name}: dropped an update (${reason}); resync in ${wait} ms`);
      this.resyncTimer ??= setTimeout(() => {
        this.resyncTimer = null;
        if (!this.closed() && !this.resyncPending) this.start(Date.now());
      }, wait);
      return;
    }
    this.log(`room ${this.room.name}: dropped an update (${reason}); asking the client to resync`);
    this.start(now);
  }

  /** Sends our step 1 now. */
  start(now: number): void {
    this.resyncPending = true;
    this.lastResyncAt = now;
    this.sendSyncStep1();
  }

  /** The connection closed. */
  stop(): void {
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
  }
}
