import { randomBytes } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ClientAddresses } from './clientAddress.js';
import type { Log } from './log.js';
import { redactText } from './redact.js';
import type { RefusedLinks } from './refusedLinks.js';
import { remoteAddressOf } from './remoteAddress.js';

const requestIds = new WeakMap<IncomingMessage, string>();

/**
 * The request's id, made once (12 hex characters): in the access log line, in every line logged while serving
 * it, in the `X-Request-Id` answer header so that a person reporting a problem can quote it.
 */
export function requestIdOf(req: IncomingMessage): string {
  let id = requestIds.get(req);
  if (!id) {
    id = randomBytes(6).toString('hex');
    requestIds.set(req, id);
  }
  return id;
}

/** The fields that tie a log line to the request it happened in. */
export function requestFields(req: IncomingMessage): { address: string; requestId: string } {
  return { address: remoteAddressOf(req), requestId: requestIdOf(req) };
}

/** The path as logged: never the query string (tokens travel there), redacted besides for safety. */
export function loggedPath(url: string | undefined): string {
  return redactText((url ?? '/').split('?')[0] ?? '/');
}

/**
 * The access log: one `http.request` line per answer with method, path (no query string), status, duration,
 * address and request id. A refused token (401) is a security event summed per address (RefusedLinks); its
 * own access line is then at debug level, so that a flood of guesses does not flood the log.
 */
export function withAccessLog(
  handler: RequestListener,
  log: Log,
  refusedLinks: RefusedLinks,
  addresses: ClientAddresses,
): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    addresses.of(req); // first: every line and audit entry of this request names the client behind a proxy
    const { address, requestId } = requestFields(req);
    res.setHeader('X-Request-Id', requestId);
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const path = loggedPath(req.url);
      const status = res.headersSent ? res.statusCode : 0;
      if (status === 401) refusedLinks.refused(address, 'http', { requestId, path });
      log(`${req.method} ${path} ${status || 'aborted'}`, {
        event: 'http.request',
        level: status === 401 ? 'debug' : status >= 500 || status === 0 ? 'warn' : 'info',
        method: req.method,
        path,
        status,
        durationMs: Math.round(performance.now() - started),
        address,
        requestId,
      });
    };
    res.once('finish', done);
    res.once('close', done);
    handler(req, res);
  };
}
