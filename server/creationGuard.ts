import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientAddresses } from './clientAddress.js';
import { HttpError } from './httpUtil.js';
import type { ServerLimits } from './limits.js';
import type { Log } from './log.js';
import { TokenBucket } from './rateLimit.js';

type CreationLimits = Pick<ServerLimits, 'boardCreationsPerHour' | 'boardCreationBurst' | 'concurrentImports'>;

/** Past this many remembered addresses, the ones whose bucket is full again are forgotten. */
const PRUNE_AT = 10_000;

/**
 * The checks of the two routes anyone may call without a token on a server without ADMIN_TOKEN (creating a
 * board, importing one): no cross-site requests, a rate per client address, and few imports at once. Each
 * refusal is logged as a `security.limit` or `security.cross-site` event.
 */
export class CreationGuard {
  private readonly buckets = new Map<string, TokenBucket>();
  private importsRunning = 0;

  constructor(
    private readonly limits: CreationLimits,
    private readonly addresses: ClientAddresses,
    /** Our public origin (PUBLIC_URL or the listened address), read at each request. */
    private readonly publicUrl: () => string,
    private readonly log: Log,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Refuses a cross-site request (403 `cross-site`) and a client over its rate (429 `rate-limited`, with
   * Retry-After). Requests without an Origin header (curl, scripts) are not cross-site: a browser always sends
   * Origin on a POST, so a page of another site cannot leave it out.
   */
  check(req: IncomingMessage, res: ServerResponse, what: 'create' | 'import'): void {
    const address = this.addresses.of(req);
    if (isCrossSite(req, this.publicUrl())) {
      this.log(`refused a cross-site request to ${what} a board (Origin ${req.headers.origin})`, {
        event: 'security.cross-site',
        level: 'warn',
        address,
        origin: req.headers.origin,
      });
      throw new HttpError(403, "cross-site requests may not create boards; open this server's own page", 'cross-site');
    }
    const now = this.clock();
    let bucket = this.buckets.get(address);
    if (!bucket) {
      if (this.buckets.size >= PRUNE_AT) this.prune(now);
      bucket = new TokenBucket(this.limits.boardCreationsPerHour / 3600, this.limits.boardCreationBurst, now);
      this.buckets.set(address, bucket);
    }
    const wait = bucket.tryTake(1, now);
    if (wait === 0) return;
    const seconds = Math.ceil(wait / 1000);
    this.log(`refused to ${what} a board for ${address}: over ${this.limits.boardCreationBurst} at once`, {
      event: 'security.limit',
      level: 'warn',
      address,
      limit: 'board-creation',
    });
    res.setHeader('Retry-After', String(seconds));
    throw new HttpError(429, `too many boards created from this address; try again in ${seconds} s`, 'rate-limited');
  }

  /**
   * Admits an import before its body is read, or refuses it at once (503 `import-busy`, and the connection is
   * closed rather than the body read). Returns the release to call once the import is done.
   */
  admitImport(req: IncomingMessage, res: ServerResponse): () => void {
    if (this.importsRunning >= this.limits.concurrentImports) {
      this.log('refused an import: another is being read', {
        event: 'security.limit',
        level: 'info',
        address: this.addresses.of(req),
        limit: 'concurrent-imports',
      });
      res.setHeader('Connection', 'close');
      throw new HttpError(
        503,
        'the server is busy with other exports or imports; try again in a moment',
        'import-busy',
      );
    }
    this.importsRunning++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.importsRunning--;
    };
  }

  private prune(now: number): void {
    for (const [address, bucket] of this.buckets) if (bucket.rested(now)) this.buckets.delete(address);
  }
}

/**
 * Whether a request comes from a page of another site: its Origin is neither this request's own host nor
 * PUBLIC_URL's origin. `Origin: null` (a sandboxed frame, a file) is cross-site; no Origin is not.
 */
export function isCrossSite(req: IncomingMessage, publicUrl: string): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return true;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return true;
  if (req.headers.host !== undefined && parsed.host === req.headers.host.toLowerCase()) return false;
  try {
    return parsed.origin !== new URL(publicUrl).origin;
  } catch {
    return true;
  }
}

/**
 * Who may create boards on this server, as the landing page tells it (`GET /api/server`): `token` with
 * ADMIN_TOKEN; `open-network` without it on an address others can reach (anyone on the network may create
 * boards: said in the log and on the page); `local` without it on a loopback address.
 */
export type BoardCreationMode = 'token' | 'open-network' | 'local';

export function boardCreationMode(host: string, adminToken: string | null | undefined): BoardCreationMode {
  if (adminToken) return 'token';
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback = bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
  return loopback ? 'local' : 'open-network';
}
