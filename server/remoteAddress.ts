import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, as logged and written in the audit log. One function, so that the
 * trusted-proxy rule (TRUST_PROXY, server/clientAddress.ts) can take its place in one line: behind nginx the
 * socket's address is the proxy's.
 */
export function remoteAddressOf(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
