import { hashToken } from './auth.js';

/** How long a 1009 close is remembered for its token's next connection (the stock client retries within 2.5 s). */
const REMEMBER_MS = 60_000;
/** At most this many remembered closes; the oldest go first (only valid tokens are remembered). */
const MAX_REMEMBERED = 10_000;

/** The reason of every 4413 close: the person (or the operator reading the log) learns the limit. */
export function oversizeReason(maxFrameBytes: number): string {
  return `message too large: over ${maxFrameBytes} bytes`;
}

/** `ws`'s error for a frame over `maxPayload`, after which it closes the connection itself with 1009. */
export function isOversizeError(error: Error): boolean {
  return (error as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
}

/**
 * Frames far over MAX_FRAME_BYTES are closed by `ws` itself with 1009 before we read them (reading them would
 * mean buffering them whole, so `maxPayload` stays near the limit). The stock client treats 1009 as transient and
 * sends the same frame again on every reconnect, for ever. So a 1009 close is remembered for the token, room and
 * address it came from, and the next connection with all three is closed at once with 4413 and the reason,
 * which the stock client does not retry. Keyed by the token, never by the address alone: a city's proxy puts
 * everybody behind one address, and nobody else is slowed down.
 */
export class OversizeCloses {
  private readonly remembered = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A connection with this token to this room, from this address, was closed with 1009. */
  remember(room: string, token: string, address: string): void {
    this.forgetExpired();
    const key = keyOf(room, token, address);
    this.remembered.delete(key);
    this.remembered.set(key, this.now() + REMEMBER_MS);
    if (this.remembered.size > MAX_REMEMBERED) {
      const oldest = this.remembered.keys().next().value;
      if (oldest !== undefined) this.remembered.delete(oldest);
    }
  }

  /** True (once) when this connection follows a 1009 close of the same token, room and address. */
  take(room: string, token: string, address: string): boolean {
    const key = keyOf(room, token, address);
    const until = this.remembered.get(key);
    if (until === undefined) return false;
    this.remembered.delete(key);
    return until > this.now();
  }

  private forgetExpired(): void {
    const now = this.now();
    // Insertion order is expiry order: stop at the first one still remembered.
    for (const [key, until] of this.remembered) {
      if (until > now) return;
      this.remembered.delete(key);
    }
  }
}

function keyOf(room: string, token: string, address: string): string {
  return `${room}\n${hashToken(token)}\n${address}`;
}
