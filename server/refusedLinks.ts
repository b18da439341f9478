import type { Log } from './log.js';

/** How long refusals from one address are counted together before their sum is logged (ms). */
export const REFUSAL_WINDOW_MS = 60_000;
/** Addresses tracked at once; beyond, refusals are counted under `*` so a spoofed flood cannot grow the map. */
const MAX_ADDRESSES = 10_000;

interface Window {
  count: number;
  firstAt: number;
  /** What was refused, e.g. `ws` or `http`, with a count each. */
  kinds: Map<string, number>;
}

/**
 * Refused links (a wrong or replaced token, HTTP 401 or websocket 4401) as security events, aggregated per
 * address: the first refusal from an address is logged at once, the following ones within the window are
 * counted and logged as one line when the window ends. A flood of guesses makes one line a minute per
 * address, and an operator still sees the first attempt the moment it happens.
 */
export class RefusedLinks {
  private readonly windows = new Map<string, Window>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly log: Log,
    private readonly windowMs = REFUSAL_WINDOW_MS,
    /** The same summing serves other refusals in a flood, e.g. `security.limit` for connections over a cap. */
    private readonly event = 'security.link-refused',
    private readonly noun = 'link',
  ) {
    this.timer = setInterval(() => this.flush(), Math.max(1, windowMs / 4));
    this.timer.unref();
  }

  refused(address: string, kind: string, fields: { board?: string; requestId?: string; path?: string } = {}): void {
    const key = this.windows.has(address) || this.windows.size < MAX_ADDRESSES ? address : '*';
    const window = this.windows.get(key);
    if (!window) {
      this.windows.set(key, { count: 0, firstAt: Date.now(), kinds: new Map() });
      this.log(
        `refused a ${this.noun} from ${address} (${kind}); further refusals from it are summed for ${this.windowMs / 1000} s`,
        {
          event: this.event,
          level: 'warn',
          address,
          kind,
          ...fields,
        },
      );
      return;
    }
    window.count += 1;
    window.kinds.set(kind, (window.kinds.get(kind) ?? 0) + 1);
  }

  /** Logs and ends the windows that are over (all of them with `all`, at shutdown). */
  flush(all = false): void {
    const now = Date.now();
    for (const [address, window] of this.windows) {
      if (!all && now - window.firstAt < this.windowMs) continue;
      this.windows.delete(address);
      if (window.count === 0) continue;
      this.log(
        `refused ${window.count} more (${this.noun}) from ${address} in ${Math.round((now - window.firstAt) / 1000)} s`,
        {
          event: this.event,
          level: 'warn',
          address,
          count: window.count,
          byKind: Object.fromEntries(window.kinds),
          since: new Date(window.firstAt).toISOString(),
        },
      );
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.flush(true);
  }
}
