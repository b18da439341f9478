import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { MAX_FRAME_BYTES } from '../shared/limits.js';
import { CLOSE, parseRoomName } from '../shared/protocol.js';
import { resolveRole } from './auth.js';
import { type MetricsRecorder, noMetrics } from './metrics.js';
import { Connection, closeSafely } from './protocol.js';
import type { Rooms } from './rooms.js';
import type { BoardStore } from './storage.js';

export interface WebsocketOptions {
  boards: BoardStore;
  rooms: Rooms;
  log: (message: string) => void;
  /** How often dead connections are looked for with pings (ms). */
  pingIntervalMs?: number;
  metrics?: MetricsRecorder;
}

const WS_PREFIX = '/ws/';

/**
 * The websocket endpoint `/ws/<boardId>` and `/ws/<boardId>/settings`. Refusals complete the upgrade and then
 * close with a 44xx code, which the stock client does not retry (an HTTP error status it would retry for ever).
 */
export function createWebsocketEndpoint(options: WebsocketOptions) {
  // A little above our own limit, so that we close oversized frames with 4413 rather than `ws` with 1009.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES + 64 * 1024 });
  const alive = new WeakSet<WebSocket>();

  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, options.pingIntervalMs ?? 30_000);
  pinger.unref();

  function accept(ws: WebSocket, request: IncomingMessage): void {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    ws.on('error', (error) => options.log(`websocket error: ${error.message}`));
    // Frames that arrive while the room loads are kept and handled in order once it is ready.
    const early: Array<[RawData, boolean]> = [];
    let connection: Connection | null = null;
    ws.on('message', (data, isBinary) => {
      if (connection) connection.receive(data, isBinary);
      else early.push([data, isBinary]);
    });

    const url = new URL(request.url ?? '/', 'http://localhost');
    let room: ReturnType<typeof parseRoomName> = null;
    try {
      room = parseRoomName(decodeURIComponent(url.pathname.slice(WS_PREFIX.length)));
    } catch {
      // a malformed %-escape: a malformed room name
    }
    if (!room) {
      closeSafely(ws, CLOSE.badRequest, 'malformed board id or room name');
      return;
    }
    const resolution = resolveRole(options.boards, room.boardId, url.searchParams.get('token'));
    if (resolution.kind === 'unknownBoard') {
      closeSafely(ws, CLOSE.notFound, 'no board with this id');
      return;
    }
    if (resolution.kind === 'badToken') {
      closeSafely(ws, CLOSE.unauthorized, 'missing or wrong token');
      return;
    }

    options.rooms.join(room.boardId, room.doc).then(
      (joined) => {
        if (ws.readyState !== ws.OPEN) return;
        if (joined.kind === 'too-new') {
          return closeSafely(ws, CLOSE.tooNew, 'this board was saved by a newer version of the app; update the server');
        }
        connection = new Connection(ws, joined.room, resolution.role, options.log);
        connection.start();
        const metrics = options.metrics ?? noMetrics;
        metrics.connectionOpened(resolution.role);
        ws.once('close', () => metrics.connectionClosed(resolution.role));
        for (const [data, isBinary] of early.splice(0)) connection.receive(data, isBinary);
      },
      (error: unknown) => {
        options.log(`could not load ${url.pathname}: ${String(error)}`);
        closeSafely(ws, 1011, 'the board could not be loaded');
      },
    );
  }

  return {
    /** Handles an HTTP upgrade request; paths outside /ws/ are refused with 404. */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      if (!path.startsWith(WS_PREFIX)) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request));
    },

    /** Closes every connection (shutdown): clients reconnect to the next server. */
    close(): void {
      clearInterval(pinger);
      for (const ws of wss.clients) closeSafely(ws, 1001, 'the server is shutting down');
      wss.close();
    },
  };
}
