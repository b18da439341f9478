import type { IncomingMessage } from 'node:http';

const resolved = new WeakMap<IncomingMessage, string>();

/** Called by `ClientAddresses.of` (TRUST_PROXY, server/clientAddress.ts) with the address it worked out. */
export function rememberAddress(req: IncomingMessage, address: string): void {
  resolved.set(req, address);
}

/**
 * The address a request came from, as logged and written in the audit log: the one the trusted-proxy rule
 * worked out for this request when the server received it (behind nginx the socket's address is the proxy's),
 * else the direct peer.
 */
export function remoteAddressOf(req: IncomingMessage): string {
  return resolved.get(req) ?? req.socket.remoteAddress ?? 'unknown';
}
