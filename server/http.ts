import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createBoard } from './api/boards.js';
import type { ApiContext } from './api/context.js';
import { importBoard } from './api/import.js';
import { createPlan, readPlan, renamePlan } from './api/plans.js';
import { BOARD_ROUTES } from './api/routes.js';
import { serverTime } from './api/timer.js';
import type { BoardCreationMode } from './creationGuard.js';
import { HttpError, methodNotAllowed, sendJson } from './httpUtil.js';
import { healthReport, type IntegrityState } from './integrityCheck.js';
import { BoardOwnedElsewhereError } from './rooms.js';
import { PERMISSIONS_POLICY } from './securityHeaders.js';
import { isDatabaseDamaged, isDatabaseUnreachable, StorageUnavailableError } from './storage/errors.js';
import { StorageCorruptionError, StorageFullError, type StorageHealth } from './storage.js';

export { MAX_BODY_BYTES } from './httpUtil.js';

export interface HttpOptions extends ApiContext {
  clientDir: string;
  /** The storage's state for /healthz (full disk, damaged documents). */
  storageHealth?: () => StorageHealth;
  /** The last integrity check of the database file (server/integrityCheck.ts), for /healthz. */
  integrity?: () => IntegrityState;
  /** The `GET /metrics` text; null when METRICS is off (then 404). */
  metrics?: (() => string) | null;
  /** Who may create boards, for the landing page (`GET /api/server`). */
  boardCreation?: BoardCreationMode;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The page may load and connect to nothing but this server: the closed city-hall network enforced in the
 * browser too. Inline style attributes stay allowed (React and dnd-kit position elements with them).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** A host as browsers send it: a name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
const PLAIN_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The policy, with this server's websocket named explicitly (`ws://host wss://host`): CSP 3 lets 'self'
 * cover same-host websockets, but older browsers do not. A Host header that is not a plain host is left out.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  if (!host || !PLAIN_HOST.test(host)) return CONTENT_SECURITY_POLICY;
  return CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ws://${host} wss://${host}`);
}

/**
 * Sent with every HTTP answer (see docs/security.md "Headers"): no MIME sniffing, no referrer (a board link
 * must not leak through one), no framing (clickjacking), no camera, microphone, location or devices
 * (securityHeaders.ts), and the policy above. Answers written without a ServerResponse (a malformed request,
 * an upgrade to an unknown path) carry them too (securityHeaders.ts `rawAnswer`).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': PERMISSIONS_POLICY,
};

/** The HTTP API and the built client. */
export function createRequestHandler(options: HttpOptions) {
  const clientRoot = resolve(options.clientDir);

  function serveFile(req: IncomingMessage, res: ServerResponse, file: string, immutable: boolean): void {
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const size = statSync(file).size;
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': size,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  function existingFile(path: string): string | null {
    try {
      return statSync(path).isFile() ? path : null;
    } catch {
      return null;
    }
  }

  function serveClient(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      methodNotAllowed(res, 'GET, HEAD');
      return;
    }
    const index = join(clientRoot, 'index.html');
    if (pathname === '/' || pathname.startsWith('/b/')) {
      if (!existingFile(index)) {
        sendJson(res, 503, { error: 'the client is not built yet: run `npm run build` (npm start does it)' });
        return;
      }
      serveFile(req, res, index, false);
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      sendJson(res, 400, { error: 'malformed path' });
      return;
    }
    const target = normalize(join(clientRoot, decoded));
    const file = target.startsWith(clientRoot + sep) ? existingFile(target) : null;
    if (!file) {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    serveFile(req, res, file, pathname.startsWith('/assets/'));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET');
      const health = options.storageHealth?.();
      if (!health) return sendJson(res, 200, { ok: true });
      return sendJson(res, 200, healthReport(health, options.integrity?.() ?? null));
    }
    if (path === '/metrics') {
      if (!options.metrics) return sendJson(res, 404, { error: 'not found' });
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
      return void res.end(options.metrics());
    }
    if (path === '/api/time') {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      return serverTime(res);
    }
    if (path === '/api/server') {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      return sendJson(res, 200, { boardCreation: options.boardCreation ?? 'local' });
    }
    if (path === '/api/boards') {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      return createBoard(options, req, res);
    }
    if (path === '/api/boards/import') {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      return importBoard(options, req, res);
    }
    if (path === '/api/plans') {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      return createPlan(options, req, res);
    }
    const plan = /^\/api\/plans\/([A-Za-z0-9_-]{1,64})$/.exec(path);
    if (plan) {
      if (req.method === 'GET') return readPlan(options, req, res, plan[1]!);
      if (req.method === 'PATCH') return renamePlan(options, req, res, plan[1]!);
      return methodNotAllowed(res, 'GET, PATCH');
    }
    const board = /^\/api\/boards\/([^/]+)(\/.*)?$/.exec(path);
    if (board) {
      const boardId = board[1]!;
      const rest = board[2] ?? '';
      for (const route of BOARD_ROUTES) {
        const match = route.pattern.exec(rest);
        if (!match) continue;
        const handler = route.methods[req.method ?? ''];
        if (!handler) return methodNotAllowed(res, Object.keys(route.methods).join(', '));
        let params: string[];
        try {
          params = match.slice(1).map((part) => decodeURIComponent(part));
        } catch {
          throw new HttpError(400, 'malformed path');
        }
        await handler(options, req, res, boardId, ...params);
        return;
      }
    }
    if (path === '/api' || path.startsWith('/api/') || path.startsWith('/ws/') || path === '/ws') {
      return sendJson(res, 404, { error: 'not found' });
    }
    serveClient(req, res, path);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    // Every answer, API, errors and files alike, carries the security headers (set before any route writes).
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(req.headers.host));
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof StorageCorruptionError || isDatabaseDamaged(error)) {
        if (isDatabaseDamaged(error)) {
          options.log(`${req.method} ${req.url?.split('?')[0]}: the database file is damaged: ${String(error)}`, {
            event: 'storage.damaged',
            level: 'error',
          });
        }
        return sendJson(res, 503, {
          error: "this board's stored data is damaged; restore it from a backup",
          code: 'damaged',
        });
      }
      if (error instanceof StorageFullError) {
        return sendJson(res, 507, { error: "the server's disk is full: nothing was changed; try again later" });
      }
      if (error instanceof BoardOwnedElsewhereError) {
        // The board moved to another process between the routing and here: the client asks again.
        res.setHeader('Retry-After', '1');
        return sendJson(res, 503, { error: 'this board is moving to another server; try again', code: 'board-moving' });
      }
      if (error instanceof StorageUnavailableError || isDatabaseUnreachable(error)) {
        res.setHeader('Retry-After', '5');
        return sendJson(res, 503, {
          error: 'the server cannot reach its database: nothing was changed; try again shortly',
          code: 'storage-unavailable',
        });
      }
      if (error instanceof HttpError) {
        if (error.status === 413) res.setHeader('Connection', 'close');
        return sendJson(
          res,
          error.status,
          error.code ? { ...error.details, error: error.message, code: error.code } : { error: error.message },
        );
      }
      options.log(`${req.method} ${req.url?.split('?')[0]} failed: ${error instanceof Error ? error.stack : error}`);
      sendJson(res, 500, { error: 'internal error' });
    });
  };
}
