/**
 * A token bucket: `rate` tokens per second, at most `burst` saved up. Frames wait for their tokens (they are
 * held, never dropped), so a bucket never goes into debt.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.rate);
    this.updatedAt = now;
  }

  /** How long (ms) until `cost` tokens are there; 0: now. A cost above the burst is charged as the burst. */
  wait(cost: number, now: number): number {
    this.refill(now);
    const needed = Math.min(cost, this.burst);
    return this.tokens >= needed ? 0 : Math.max(1, Math.ceil(((needed - this.tokens) / this.rate) * 1000));
  }

  /** Takes `cost` tokens; call after `wait` said 0. */
  consume(cost: number): void {
    this.tokens -= Math.min(cost, this.burst);
  }

  /** Takes `cost` tokens if they are there (returns 0), else returns how long (ms) until they will be. */
  tryTake(cost: number, now: number): number {
    const wait = this.wait(cost, now);
    if (wait === 0) this.consume(cost);
    return wait;
  }

  /** Seconds it takes to earn `cost` tokens. */
  secondsFor(cost: number): number {
    return cost / this.rate;
  }

  /** True when at least half the burst is saved up: the client has not been pressing on the limit. */
  rested(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.burst / 2;
  }
}

/** What flow control needs of a socket: `ws`'s WebSocket has all of it (ws 8 `pause()` stops reading). */
export interface Pausable {
  pause(): void;
  resume(): void;
}

export interface FlowLimits {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
  floodCloseAfterMs: number;
}

/**
 * Holds a connection to its limits by handling its frames no faster than its buckets allow. A frame over the
 * limit is held, in order, and the server stops reading from the socket (`pause()`) until the held frames
 * have been handled: TCP then holds the client back, the event loop stays free for everyone else, and
 * nothing the client sent is lost. (ws emits the frames of a chunk it already read even after `pause()`;
 * they join the held ones.) Honest bursts (a paste, the step 2 of an offline backlog) fit in the bursts.
 * A connection that stays slowed down without a break for `floodCloseAfterMs`, or has so much held that
 * handling it would take that long, is given up on: `onFlood` closes it with a code the stock client
 * retries (1013), so a client that was merely unlucky comes back with fresh buckets.
 */
export class FlowControl<Frame> {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly held: Array<{ frame: Frame; size: number }> = [];
  private heldBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  /** When the current streak of slowing down began (null: not slowed down). */
  private throttledSince: number | null = null;
  private stopped = false;

  constructor(
    private readonly socket: Pausable,
    private readonly limits: FlowLimits,
    private readonly deliver: (frame: Frame) => void,
    private readonly onFlood: () => void,
    private readonly clock: () => number = Date.now,
  ) {
    const now = clock();
    this.messages = new TokenBucket(limits.messagesPerSecond, limits.messageBurst, now);
    this.bytes = new TokenBucket(limits.bytesPerSecond, limits.byteBurst, now);
  }

  /** Frames held back, waiting for their turn. */
  get backlog(): number {
    return this.held.length;
  }

  /** A frame was read: handles it now if the limits allow, else holds it and stops reading. */
  receive(frame: Frame, size: number): void {
    if (this.stopped) return;
    const now = this.clock();
    if (this.held.length === 0) {
      // A streak ends once the client let its buckets fill up again.
      if (this.throttledSince !== null && this.messages.rested(now) && this.bytes.rested(now)) {
        this.throttledSince = null;
      }
      const wait = this.waitFor(size, now);
      if (wait === 0) {
        this.take(size);
        this.deliver(frame);
        return;
      }
      this.throttledSince ??= now;
      this.socket.pause();
      this.timer = setTimeout(() => this.drain(), wait);
    }
    this.held.push({ frame, size });
    this.heldBytes += size;
    const owed = Math.max(this.messages.secondsFor(this.held.length), this.bytes.secondsFor(this.heldBytes)) * 1000;
    if (now + owed - (this.throttledSince ?? now) >= this.limits.floodCloseAfterMs) this.flood();
  }

  private waitFor(size: number, now: number): number {
    return Math.max(this.messages.wait(1, now), this.bytes.wait(size, now));
  }

  private take(size: number): void {
    this.messages.consume(1);
    this.bytes.consume(size);
  }

  /** Handles held frames as their tokens come in; reads from the socket again once none is held. */
  private drain(): void {
    this.timer = null;
    while (!this.stopped && this.held.length > 0) {
      const now = this.clock();
      const next = this.held[0]!;
      const wait = this.waitFor(next.size, now);
      if (wait > 0) {
        if (now - (this.throttledSince ?? now) >= this.limits.floodCloseAfterMs) {
          this.flood();
          return;
        }
        this.timer = setTimeout(() => this.drain(), wait);
        return;
      }
      this.held.shift();
      this.heldBytes -= next.size;
      this.take(next.size);
      this.deliver(next.frame);
    }
    if (!this.stopped) this.socket.resume();
  }

  private flood(): void {
    this.stop();
    this.onFlood();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.held.length = 0;
    this.heldBytes = 0;
  }
}
