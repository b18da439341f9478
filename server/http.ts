import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import { z } from 'zod';
import { TITLE_MAX } from '../shared/limits.js';
import { canWrite, ROLES, type Role } from '../shared/roles.js';
import { boardTitle } from '../shared/selectors.js';
import { initialiseBoardDoc, initialiseSettingsDoc } from '../shared/template.js';
import { bearerToken, newRoleTokens, resolveRole, sameSecret } from './auth.js';
import type { Rooms } from './rooms.js';
import type { BoardStore, DocumentStore } from './storage.js';

export interface HttpOptions {
  boards: BoardStore;
  documents: DocumentStore;
  rooms: Rooms;
  /** Where links point, without a trailing slash; read at each request (the port is known after listen). */
  publicUrl: () => string;
  adminToken: string | null;
  clientDir: string;
  log: (message: string) => void;
  /** The `GET /metrics` text; null when METRICS is off (then 404). */
  metrics?: (() => string) | null;
}

/** Largest request body accepted (bytes). */
export const MAX_BODY_BYTES = 64 * 1024;

const createBoardSchema = z.object({
  title: z
    .string({ error: 'title must be a string' })
    .trim()
    .min(1, 'title must not be empty')
    .max(TITLE_MAX, `title must be at most ${TITLE_MAX} characters`),
});

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function methodNotAllowed(res: ServerResponse, allowed: string): void {
  res.setHeader('Allow', allowed);
  sendJson(res, 405, { error: `method not allowed; use ${allowed}` });
}

/** The HTTP API and the built client. */
export function createRequestHandler(options: HttpOptions) {
  const clientRoot = resolve(options.clientDir);

  async function createBoard(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (options.adminToken) {
      const presented = bearerToken(req.headers.authorization);
      if (!presented || !sameSecret(presented, options.adminToken)) {
        return sendJson(res, 401, { error: 'creating a board needs Authorization: Bearer <ADMIN_TOKEN>' });
      }
    }
    const text = await readBody(req);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new HttpError(
        400,
        `the body is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`,
      );
    }
    const parsed = createBoardSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpError(400, issue?.path.length ? issue.message : 'the body must be a JSON object {"title": "..."}');
    }
    const { title } = parsed.data;
    const id = nanoid(12);
    const { tokens, hashes } = newRoleTokens();
    const settings = new Y.Doc();
    initialiseSettingsDoc(settings, title);
    const board = new Y.Doc();
    initialiseBoardDoc(board);
    options.boards.createBoard(
      { id, title, createdAt: Date.now(), tokenHashes: hashes },
      { board: Y.encodeStateAsUpdate(board), settings: Y.encodeStateAsUpdate(settings) },
    );
    settings.destroy();
    board.destroy();
    const base = options.publicUrl();
    const links = Object.fromEntries(ROLES.map((role) => [role, `${base}/b/${id}#token=${tokens[role]}`])) as Record<
      Role,
      string
    >;
    sendJson(res, 201, { id, title, tokens, links });
  }

  /** The current title: from the live settings document when loaded, else from storage. */
  function currentTitle(boardId: string, fallback: string): string {
    const live = options.rooms.get(boardId, 'settings');
    if (live) return boardTitle(live.doc) || fallback;
    const doc = new Y.Doc();
    try {
      for (const update of options.documents.loadDocument(boardId, 'settings').updates) Y.applyUpdate(doc, update);
      return boardTitle(doc) || fallback;
    } finally {
      doc.destroy();
    }
  }

  function me(req: IncomingMessage, res: ServerResponse, boardId: string): void {
    const board = options.boards.getBoard(boardId);
    if (!board) {
      sendJson(res, 404, { error: 'no board with this id' });
      return;
    }
    const resolution = resolveRole(options.boards, boardId, bearerToken(req.headers.authorization));
    if (resolution.kind !== 'role') {
      sendJson(res, 401, { error: 'missing or wrong token' });
      return;
    }
    const { role } = resolution;
    sendJson(res, 200, {
      boardId,
      title: currentTitle(boardId, board.title),
      role,
      canWrite: { board: canWrite(role, 'board'), settings: canWrite(role, 'settings') },
    });
  }

  function serveFile(req: IncomingMessage, res: ServerResponse, file: string, immutable: boolean): void {
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const size = statSync(file).size;
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': size,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Referrer-Policy': 'no-referrer',
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
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/metrics') {
      if (!options.metrics) return sendJson(res, 404, { error: 'not found' });
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
      return void res.end(options.metrics());
    }
    if (path === '/api/boards') {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      return createBoard(req, res);
    }
    const meMatch = /^\/api\/boards\/([^/]+)\/me$/.exec(path);
    if (meMatch) {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      return me(req, res, meMatch[1]!);
    }
    if (path === '/api' || path.startsWith('/api/') || path.startsWith('/ws/') || path === '/ws') {
      return sendJson(res, 404, { error: 'not found' });
    }
    serveClient(req, res, path);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof HttpError) {
        if (error.status === 413) res.setHeader('Connection', 'close');
        return sendJson(res, error.status, { error: error.message });
      }
      options.log(`${req.method} ${req.url?.split('?')[0]} failed: ${error instanceof Error ? error.stack : error}`);
      sendJson(res, 500, { error: 'internal error' });
    });
  };
}
