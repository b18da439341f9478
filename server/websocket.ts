import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import {
  APP_PROTOCOL_VERSION,
  APP_VERSION_MISMATCH_REASON,
  CLOSE,
  parseRoomName,
  roomName,
} from '../shared/protocol.js';
import { resolveAccess } from './auth.js';
import { ConnectionCounter } from './connectionCounter.js';
import type { ConnectionRegistry } from './connections.js';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
import type { Log } from './log.js';
import { type MetricsRecorder, noMetrics } from './metrics.js';
import { isOversizeError, OversizeCloses, oversizeReason } from './oversizeFrames.js';
import type { PeopleStore } from './people.js';
import { Connection, closeSafely } from './protocol.js';
import { FlowControl } from './rateLimit.js';
import type { Rooms } from './rooms.js';
import { type BoardStore, StorageCorruptionError } from './storage.js';
import { type BoardLockState, writeRefusal } from './writeGate.js';

export interface WebsocketOptions {
  boards: BoardStore;
  people: PeopleStore;
  connections: ConnectionRegistry;
  locks: BoardLockState;
  rooms: Rooms;
  log: Log;
  /** How often dead connections are looked for with pings (ms). */
  pingIntervalMs?: number;
  limits?: ServerLimits;
  metrics?: MetricsRecorder;
}

const WS_PREFIX = '/ws/';

export const DAMAGED_REASON = 'the stored board is damaged (checksum mismatch); restore it from a backup';

/**
 * The websocket endpoint `/ws/<boardId>` and `/ws/<boardId>/settings`. Refusals complete the upgrade and then
 * close with a 44xx code, which the stock client does not retry (an HTTP error status it would retry for ever).
 */
export function createWebsocketEndpoint(options: WebsocketOptions) {
  const limits = options.limits ?? DEFAULT_LIMITS;
  // A little above our own limit: frames just over it are read and closed with 4413 by the connection. `ws`
  // buffers a whole frame under `maxPayload`, so it stays near the limit: bigger frames get `ws`'s own 1009,
  // and `oversize` closes that token's next connection with 4413 (see oversizeFrames.ts).
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes + 64 * 1024 });
  const alive = new WeakSet<WebSocket>();
  const counter = new ConnectionCounter(limits);
  const oversize = new OversizeCloses();

  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      // A connection slowed down by flow control does not read its pong: it is alive, only waiting.
      if (ws.isPaused) continue;
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
    const flow = new FlowControl<[RawData, boolean]>(
      ws,
      limits,
      ([data, isBinary]) => {
        if (connection) connection.receive(data, isBinary);
        else early.push([data, isBinary]);
      },
      () => {
        options.log(`${request.url?.split('?')[0]}: closed a connection that kept sending too fast`);
        const reason = 'sending too fast for too long; try again later';
        if (connection) connection.close(CLOSE.tryAgainLater, reason);
        else closeSafely(ws, CLOSE.tryAgainLater, reason);
      },
    );
    ws.on('close', () => flow.stop());
    ws.on('message', (data, isBinary) => flow.receive([data, isBinary], rawLength(data)));

    const url = new URL(request.url ?? '/', 'http://localhost');
    let room: ReturnType<typeof parseRoomName> = null;
    try {
      // The path as sent, not URL-normalised: `/ws/<id>/../<other>` is a malformed room, not `<other>`.
      const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
      room = parseRoomName(decodeURIComponent(rawPath.slice(WS_PREFIX.length)));
    } catch {
      // a malformed %-escape: a malformed room name
    }
    if (!room) {
      closeSafely(ws, CLOSE.badRequest, 'malformed board id or room name');
      return;
    }
    // Our client names its version; another version must reload rather than write another schema.
    const app = url.searchParams.get('app');
    if (app !== null && app !== APP_PROTOCOL_VERSION) {
      closeSafely(ws, CLOSE.tooNew, APP_VERSION_MISMATCH_REASON);
      return;
    }
    const resolution = resolveAccess(options.boards, options.people, room.boardId, url.searchParams.get('token'));
    if (resolution.kind === 'unknownBoard') {
      closeSafely(ws, CLOSE.notFound, 'no board with this id');
      return;
    }
    if (resolution.kind === 'badToken') {
      closeSafely(ws, CLOSE.unauthorized, 'missing or wrong token');
      return;
    }
    const token = url.searchParams.get('token') ?? '';
    const address = request.socket.remoteAddress ?? '';
    const roomKey = roomName(room.boardId, room.doc);
    const oversizeFields = { event: 'security.oversize-frame', level: 'warn', board: room.boardId, address } as const;
    if (oversize.take(roomKey, token, address)) {
      options.log(`${roomKey}: closed with 4413 the connection after a frame too large for this link`, oversizeFields);
      closeSafely(ws, CLOSE.tooLarge, oversizeReason(limits.maxFrameBytes));
      return;
    }
    ws.on('error', (error) => {
      if (!isOversizeError(error)) return;
      options.log(`${roomKey}: a frame over ${limits.maxFrameBytes} bytes was closed with 1009`, oversizeFields);
      oversize.remember(roomKey, token, address);
    });
    const refusal = counter.admit(room.boardId, address);
    if (refusal) {
      closeSafely(ws, CLOSE.tooManyConnections, refusal);
      return;
    }
    const release = () => counter.release(room.boardId, address);
    ws.once('close', release);

    options.rooms.join(room.boardId, room.doc).then(
      (joined) => {
        if (ws.readyState !== ws.OPEN) return;
        if (joined.kind === 'too-new') {
          return closeSafely(ws, CLOSE.tooNew, 'this board was saved by a newer version of the app; update the server');
        }
        const { boardId, kind: doc } = joined.room;
        // The link may have been replaced while the room loaded: look the token up again.
        const current = resolveAccess(options.boards, options.people, boardId, url.searchParams.get('token'));
        if (current.kind === 'unknownBoard') return closeSafely(ws, CLOSE.notFound, 'this board was deleted');
        if (current.kind !== 'access') return closeSafely(ws, CLOSE.unauthorized, 'missing or wrong token');
        const { access } = current;
        const opened = new Connection(
          ws,
          joined.room,
          access,
          (boardFull) =>
            writeRefusal(access, doc, {
              locked: options.locks.isLocked(boardId),
              archived: joined.room.isArchived,
              storageFull: joined.room.storageFull,
              boardFull,
            }),
          options.log,
          limits,
          // Only our client knows our own messages; a stock client would log each one as an error.
          { ourClient: app !== null },
        );
        connection = opened;
        options.connections.add(boardId, opened);
        ws.on('close', () => options.connections.remove(boardId, opened));
        opened.start();
        const metrics = options.metrics ?? noMetrics;
        metrics.connectionOpened(access.role);
        ws.once('close', () => metrics.connectionClosed(access.role));
        for (const [data, isBinary] of early.splice(0)) connection.receive(data, isBinary);
      },
      (error: unknown) => {
        // 1011 is retried by the client: the board comes back once restored. Storage logged the damage once.
        if (error instanceof StorageCorruptionError) return closeSafely(ws, 1011, DAMAGED_REASON);
        options.log(`could not load ${url.pathname}: ${String(error)}`);
        closeSafely(ws, 1011, 'the board could not be loaded');
      },
    );
  }

  function rawLength(data: RawData): number {
    if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.byteLength, 0);
    return data.byteLength;
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
