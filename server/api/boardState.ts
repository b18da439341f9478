import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DocKind, ROLES } from '../../shared/roles.js';
import { HttpError } from '../httpUtil.js';
import { type ApiContext, authorize } from './context.js';

/**
 * `GET /api/boards/<id>/state` and `/state/settings`: the board document's (or the settings document's)
 * committed state, as the Yjs update a new connection's sync step 2 holds (the same cached bytes,
 * fullStateCache.ts), for any valid link of the board. The page asks for both at once, beside the join (`/me`,
 * `/guests`), and applies them before its websockets connect: opening a big board then waits for these
 * requests, not for the join, the sockets and their first round trips in a row. The sockets then sync only what
 * changed meanwhile.
 */
export function readBoardState(context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string) {
  return sendState(context, req, res, boardId, 'board');
}

export function readSettingsState(context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string) {
  return sendState(context, req, res, boardId, 'settings');
}

async function sendState(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  doc: DocKind,
): Promise<void> {
  await authorize(context, req, boardId, ROLES);
  const state = (await storedFullState(context, boardId, doc)) ?? (await loadedFullState(context, boardId, doc));
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': state.byteLength,
    'Cache-Control': 'no-store',
  });
  res.end(state);
}

/** When each board was last served from storage; a second ask soon after loads the room (cached from then on). */
const servedFromStorage = new Map<string, number>();
const STORAGE_SERVE_WINDOW_MS = 5_000;

/**
 * The board document's full state without loading its room, when its storage holds one snapshot and nothing after
 * it (as after every unload, which compacts): those bytes are the full state, and reading them costs a row, not
 * building the document (hundreds of milliseconds for a big board, on the server's one thread, which would hold up
 * the join's requests). The page's websocket, which connects around the time the page applies these bytes, loads
 * the room meanwhile. Only for a board this server loaded before (so stored migrated and not too new), and once in
 * five seconds per board: asked again sooner (many pages at once, or a loop), the room is loaded and its cached bytes
 * are served. Never for the settings document: loading it brings the server's own state (the lock, the archive,
 * the voting rounds) into it. Null when it does not apply.
 */
async function storedFullState(context: ApiContext, boardId: string, doc: DocKind): Promise<Uint8Array | null> {
  if (doc !== 'board' || context.rooms.get(boardId, doc) || !context.rooms.loadedSinceStart(boardId, doc)) return null;
  const now = Date.now();
  const last = servedFromStorage.get(boardId);
  if (last !== undefined && now - last < STORAGE_SERVE_WINDOW_MS) return null;
  for (const [id, at] of servedFromStorage) if (now - at >= STORAGE_SERVE_WINDOW_MS) servedFromStorage.delete(id);
  const stored = await context.documents.loadDocument(boardId, doc);
  if (stored.updates.length !== 1) return null;
  servedFromStorage.set(boardId, now);
  return stored.updates[0]!;
}

async function loadedFullState(context: ApiContext, boardId: string, doc: DocKind): Promise<Uint8Array> {
  const joined = await context.rooms.join(boardId, doc);
  // A board stored by a newer version of the app: this server does not serve it (its websocket says the same).
  if (joined.kind === 'too-new') throw new HttpError(409, 'this board was saved by a newer version of the app');
  return joined.room.fullState();
}
