import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type ClientAddresses, normalizeAddress } from './clientAddress.js';
import type { ServerLimits } from './limits.js';
import type { Log } from './log.js';

type SlowLimits = Pick<
  ServerLimits,
  'headersTimeoutMs' | 'minBodyBytesPerSecond' | 'bodyRateWindowMs' | 'maxUnauthenticatedPerAddress'
>;

/**
 * The HTTP server's own timeouts. Headers must arrive within `headersTimeoutMs` (Node checks every
 * `connectionsCheckingInterval`, so a slow sender is cut within headersTimeout + a quarter of it). There is no
 * whole-request timeout: a 50 MiB import on a thin line may take minutes; the body's pace is held to
 * `minBodyBytesPerSecond` by `guardBodyRate` instead, so only a stalled body is cut.
 */
export function serverTimeouts(limits: SlowLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: 0,
    connectionsCheckingInterval: Math.max(25, Math.min(5_000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

/**
 * At most one log line per address and minute: a flood of refusals must not flood the log too (the line says
 * the limit was hit; how often is for the metrics and the access log).
 */
export function oncePerMinutePerAddress(): (address: string) => boolean {
  let lastLogged = new Map<string, number>();
  return (address) => {
    const now = Date.now();
    if (now - (lastLogged.get(address) ?? 0) < 60_000) return false;
    if (lastLogged.size > 10_000) lastLogged = new Map();
    lastLogged.set(address, now);
    return true;
  };
}

/**
 * A connection the HTTP parser gave up on (headers too slow, malformed request) is destroyed within a second,
 * whatever answer another listener sends it first: a client that never closes its side would otherwise keep a
 * half-closed socket (and its file descriptor) after the server's `end()`. Header timeouts are logged.
 */
export function destroyAfterClientError(server: Server, log: Log): void {
  const shouldLog = oncePerMinutePerAddress();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const cut = setTimeout(() => socket.destroy(), 1_000);
    cut.unref();
    socket.once('close', () => clearTimeout(cut));
    const address = normalizeAddress(socket.remoteAddress ?? '');
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT' && shouldLog(address)) {
      log(`cut a connection from ${address} that sent its request headers too slowly`, {
        event: 'security.limit',
        level: 'warn',
        address,
        limit: 'headers-timeout',
      });
    }
  });
}

/**
 * Cuts a request whose body stalls: in each `bodyRateWindowMs` at least `minBodyBytesPerSecond` × window must
 * arrive until the body is complete. Counted on the socket (bytes read from the network), so a handler that
 * has not started reading yet is not mistaken for a slow client... as long as it reads at once, which ours do.
 */
export function guardBodyRate(
  req: IncomingMessage,
  res: ServerResponse,
  limits: SlowLimits,
  addresses: ClientAddresses,
  log: Log,
): void {
  const socket = req.socket;
  const needed = (limits.minBodyBytesPerSecond * limits.bodyRateWindowMs) / 1000;
  let readBefore = socket.bytesRead;
  let checkedAt = Date.now();
  const timer = setInterval(() => {
    if (req.complete || socket.destroyed) return stop();
    const read = socket.bytesRead - readBefore;
    readBefore = socket.bytesRead;
    const late = Date.now() - checkedAt > limits.bodyRateWindowMs * 1.5;
    checkedAt = Date.now();
    // A check that comes late means this process was busy, and bytes may wait unread in the kernel: no verdict.
    if (read >= needed || late) return;
    stop();
    const address = addresses.of(req);
    log(`${req.method} ${req.url?.split('?')[0]}: cut a request body arriving slower than the minimum rate`, {
      event: 'security.limit',
      level: 'warn',
      address,
      limit: 'body-rate',
      bytesInWindow: read,
    });
    socket.destroy();
  }, limits.bodyRateWindowMs);
  timer.unref();
  function stop(): void {
    clearInterval(timer);
  }
  res.once('close', stop);
}

/**
 * Caps the TCP connections per client address that are not an admitted websocket (HTTP requests, idle
 * keep-alive, upgrades in progress): a slow-connection flood from one machine cannot use up the server's
 * file descriptors. Counted when the connection opens, by its peer address (headers are not there yet); a
 * trusted proxy's address is exempt, its clients being told apart later by X-Forwarded-For.
 */
export class UnauthenticatedConnections {
  private readonly perAddress = new Map<string, number>();
  /** Open counted sockets by `address|port` (a TLS socket and its TCP socket share both). */
  private readonly counted = new Map<string, string>();
  private readonly shouldLog = oncePerMinutePerAddress();

  constructor(
    private readonly limits: SlowLimits,
    private readonly addresses: ClientAddresses,
    private readonly log: Log,
  ) {}

  attach(server: Server): void {
    if (this.limits.maxUnauthenticatedPerAddress === 0) return;
    server.on('connection', (socket: Socket) => this.opened(socket));
  }

  private opened(socket: Socket): void {
    const address = socket.remoteAddress;
    if (address === undefined || this.addresses.isTrustedProxy(address)) return;
    const open = this.perAddress.get(address) ?? 0;
    if (open >= this.limits.maxUnauthenticatedPerAddress) {
      this.logRefusal(address);
      socket.destroy();
      return;
    }
    const key = `${address}|${socket.remotePort}`;
    this.perAddress.set(address, open + 1);
    this.counted.set(key, address);
    socket.once('close', () => this.uncount(key));
  }

  /** The socket became an admitted websocket: it is counted by the per-board limits from now on. */
  admitted(socket: Socket): void {
    this.uncount(`${socket.remoteAddress}|${socket.remotePort}`);
  }

  private uncount(key: string): void {
    const address = this.counted.get(key);
    if (address === undefined) return;
    this.counted.delete(key);
    const open = (this.perAddress.get(address) ?? 0) - 1;
    if (open > 0) this.perAddress.set(address, open);
    else this.perAddress.delete(address);
  }

  private logRefusal(peer: string): void {
    if (!this.shouldLog(peer)) return;
    const address = normalizeAddress(peer);
    this.log(`refused connections from ${address}: ${this.limits.maxUnauthenticatedPerAddress} already open`, {
      event: 'security.limit',
      level: 'warn',
      address,
      limit: 'unauthenticated-connections',
    });
  }
}
