import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { rememberAddress } from './remoteAddress.js';

/** `::ffff:192.0.2.1` (an IPv4 client of a dual-stack socket) is `192.0.2.1`; IPv6 letters in one case. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

/** Whether `value` is an IPv4 or IPv6 address (what TRUST_PROXY lists). */
export function isAddress(value: string): boolean {
  return isIP(normalizeAddress(value)) !== 0;
}

/**
 * Who a request comes from, for per-address limits and logs. Behind a reverse proxy every peer is the proxy;
 * when the peer is one of the trusted proxies (TRUST_PROXY), the client is the right-most address of
 * X-Forwarded-For that is not a trusted proxy itself: entries to its left were written by the client and
 * may be forged, entries to its right were appended by our own proxies. Without TRUST_PROXY the header is
 * ignored, so a client cannot choose its address by sending one.
 */
export class ClientAddresses {
  private readonly trusted: ReadonlySet<string>;

  constructor(trustedProxies: readonly string[] = []) {
    this.trusted = new Set(trustedProxies.map(normalizeAddress));
  }

  /** Whether the direct peer is a trusted proxy (its own connections are not capped per address). */
  isTrustedProxy(peer: string | undefined): boolean {
    return peer !== undefined && this.trusted.has(normalizeAddress(peer));
  }

  /** The client's address; remembered for the request, so its log lines and audit entries use it too. */
  of(request: IncomingMessage): string {
    const address = this.resolve(request);
    rememberAddress(request, address);
    return address;
  }

  private resolve(request: IncomingMessage): string {
    const peer = normalizeAddress(request.socket.remoteAddress ?? '');
    if (!this.trusted.has(peer)) return peer;
    const header = request.headers['x-forwarded-for'];
    const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((entry) => normalizeAddress(entry))
      .filter((entry) => entry !== '');
    for (let i = forwarded.length - 1; i >= 0; i--) {
      const entry = forwarded[i]!;
      if (!isAddress(entry)) return peer; // a malformed entry: nothing to its left can be trusted either
      if (!this.trusted.has(entry)) return entry;
    }
    return forwarded[0] ?? peer;
  }
}
