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
import { loggedPath, requestIdOf } from './accessLog.js';
import { type NextBoardOf, resolveAccess } from './auth.js';
import { ClientAddresses } from './clientAddress.js';
import { ConnectionCounter, countedAs } from './connectionCounter.js';
import type { ConnectionRegistry } from './connections.js';
import { SECURITY_HEADERS } from './http.js';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
import type { Log } from './log.js';
import { type MetricsRecorder, noMetrics } from './metrics.js';
import { isOversizeError, OversizeCloses, oversizeReason } from './oversizeFrames.js';
import type { PeopleStore } from './people.js';
import { Connection } from './protocol.js';
import { FlowControl } from './rateLimit.js';
import { closeSafely } from './rawSocket.js';
import type { RefusedLinks } from './refusedLinks.js';
import { BoardOwnedElsewhereError, type Rooms } from './rooms.js';
import { rawAnswer } from './securityHeaders.js';
import { isDatabaseDamaged } from './storage/errors.js';
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
  /** Who a request comes from (TRUST_PROXY); default: the direct peer. */
  addresses?: ClientAddresses;
  /** Called once a connection is admitted: it no longer counts as unauthenticated (server/slowConnections.ts). */
  onAdmitted?: (request: IncomingMessage) => void;
  /** The board made for the next period from a board: its links read this one (server/auth.ts). */
  nextBoardOf?: NextBoardOf;
  /** Refused tokens (4401) are security events summed per address; default: not summed. */
  refusedLinks?: RefusedLinks;
  /** Connections refused by a limit (4429), summed per address the same way; default: one line each. */
  limitRefusals?: RefusedLinks;
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
  const addresses = options.addresses ?? new ClientAddresses();

  /**
   * Closes a connection that was not admitted. A client that never answers the closing handshake would keep
   * its socket for ws's 30 s: it is cut after `refusedSocketCloseMs` instead.
   */
  function refuse(ws: WebSocket, code: number, reason: string): void {
    closeSafely(ws, code, reason);
    const cut = setTimeout(() => ws.terminate(), limits.refusedSocketCloseMs);
    cut.unref();
    ws.once('close', () => clearTimeout(cut));
  }
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

  async function accept(ws: WebSocket, request: IncomingMessage): Promise<void> {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    const seen = { address: addresses.of(request), requestId: requestIdOf(request), path: loggedPath(request.url) };
    // Who the connection turned out to be, once its token is known: in its close line.
    let who: { board?: string; role?: string; person?: string } = {};
    const openedAt = performance.now();
    ws.once('close', (code: number, reason: Buffer) => {
      // A refused token or a connection over a limit is summed per address (RefusedLinks); its own line is then
      // at debug level, so that a flood does not flood the log.
      if (code === CLOSE.unauthorized) options.refusedLinks?.refused(seen.address, 'ws', { board: who.board });
      options.log(`websocket ${seen.path} closed ${code}`, {
        event: 'ws.close',
        level: code === CLOSE.unauthorized || code === CLOSE.tooManyConnections ? 'debug' : 'info',
        code,
        reason: reason.toString('utf8'),
        durationMs: Math.round(performance.now() - openedAt),
        ...seen,
        ...who,
      });
    });
    ws.on('error', (error) =>
      options.log(`websocket error: ${error.message}`, { event: 'ws.error', level: 'warn', ...seen }),
    );
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
        options.log(`${seen.path}: closed a connection that kept sending too fast`, {
          event: 'security.limit',
          level: 'warn',
          limit: 'flood',
          ...seen,
          ...who,
        });
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
      refuse(ws, CLOSE.badRequest, 'malformed board id or room name');
      return;
    }
    who = { board: room.boardId };
    // Our client names its version; another version must reload rather than write another schema.
    const app = url.searchParams.get('app');
    if (app !== null && app !== APP_PROTOCOL_VERSION) {
      refuse(ws, CLOSE.tooNew, APP_VERSION_MISMATCH_REASON);
      return;
    }
    const accessOf = (boardId: string) =>
      resolveAccess(options.boards, options.people, boardId, url.searchParams.get('token'), options.nextBoardOf);
    const resolution = await accessOf(room.boardId);
    if (ws.readyState !== ws.OPEN) return;
    if (resolution.kind === 'unknownBoard') {
      refuse(ws, CLOSE.notFound, 'no board with this id');
      return;
    }
    if (resolution.kind === 'badToken') {
      refuse(ws, CLOSE.unauthorized, 'missing or wrong token');
      return;
    }
    const address = seen.address;
    const token = url.searchParams.get('token') ?? '';
    const roomKey = roomName(room.boardId, room.doc);
    const oversizeFields = { event: 'security.oversize-frame', level: 'warn', board: room.boardId, address } as const;
    if (oversize.take(roomKey, token, address)) {
      options.log(`${roomKey}: closed with 4413 the connection after a frame too large for this link`, oversizeFields);
      refuse(ws, CLOSE.tooLarge, oversizeReason(limits.maxFrameBytes));
      return;
    }
    ws.on('error', (error) => {
      if (!isOversizeError(error)) return;
      options.log(`${roomKey}: a frame over ${limits.maxFrameBytes} bytes was closed with 1009`, oversizeFields);
      oversize.remember(roomKey, token, address);
    });
    const counted = countedAs(room.boardId, address, resolution.access);
    const refusal = counter.admit(counted);
    if (refusal) {
      // Summed per address (a flood of refused connections is one line a minute), else one line each.
      if (options.limitRefusals) {
        options.limitRefusals.refused(address, refusal, { board: who.board, requestId: seen.requestId });
      } else {
        options.log(`${seen.path}: refused a ${counted.role} connection: ${refusal}`, {
          event: 'security.limit',
          level: 'warn',
          limit: 'websocket-connections',
          ...seen,
          ...who,
          role: counted.role,
        });
      }
      refuse(ws, CLOSE.tooManyConnections, refusal);
      return;
    }
    ws.once('close', () => counter.release(counted));
    options.onAdmitted?.(request);

    options.rooms
      .join(room.boardId, room.doc)
      .then(async (joined) => {
        if (ws.readyState !== ws.OPEN) return;
        if (joined.kind === 'too-new') {
          return closeSafely(ws, CLOSE.tooNew, 'this board was saved by a newer version of the app; update the server');
        }
        const { boardId, kind: doc } = joined.room;
        // The link may have been replaced while the room loaded: look the token up again.
        const current = await accessOf(boardId);
        if (ws.readyState !== ws.OPEN) return;
        if (current.kind === 'unknownBoard') return refuse(ws, CLOSE.notFound, 'this board was deleted');
        if (current.kind !== 'access') return refuse(ws, CLOSE.unauthorized, 'missing or wrong token');
        const { access } = current;
        who = { board: boardId, role: access.role, person: access.person?.id };
        // Read with a link of a later period's board (server/auth.ts): which one, for whoever reads the log.
        const through = access.credential.kind === 'laterBoard' ? { through: access.credential.boardId } : {};
        options.log(`websocket ${seen.path} connected`, { event: 'ws.open', doc, ...seen, ...who, ...through });
        const opened = new Connection(
          ws,
          joined.room,
          access,
          (boardFull) =>
            writeRefusal(access, doc, {
              locked: options.locks.isLocked(boardId),
              archived: joined.room.isArchived,
              storageFull: joined.room.storageOutage === 'full',
              storageUnavailable: joined.room.storageOutage === 'unavailable',
              boardFull,
            }),
          options.log,
          limits,
          // Only our client knows our own messages; a stock client would log each one as an error.
          { ourClient: app !== null },
          (personId) => options.people.nameNow(boardId, personId),
        );
        connection = opened;
        options.connections.add(boardId, opened);
        ws.on('close', () => options.connections.remove(boardId, opened));
        opened.start();
        const metrics = options.metrics ?? noMetrics;
        metrics.connectionOpened(access.role);
        ws.once('close', () => metrics.connectionClosed(access.role));
        for (const [data, isBinary] of early.splice(0)) connection.receive(data, isBinary);
      })
      .catch((error: unknown) => {
        // 1011 is retried by the client: the board comes back once restored. Storage logged the damage once.
        if (error instanceof StorageCorruptionError || isDatabaseDamaged(error)) {
          return closeSafely(ws, 1011, DAMAGED_REASON);
        }
        // The board moved to another process meanwhile (several processes): the client reconnects there.
        if (error instanceof BoardOwnedElsewhereError) {
          return closeSafely(ws, CLOSE.tryAgainLater, 'this board is moving to another server; reconnecting');
        }
        options.log(`could not load ${url.pathname}: ${String(error)}`);
        closeSafely(ws, 1011, 'the board could not be loaded');
      });
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
        // Destroyed once written (rawAnswer): a client that never closes its side must not keep the socket.
        rawAnswer(socket, 404, 'Not Found', SECURITY_HEADERS);
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        accept(ws, request).catch((error: unknown) => {
          // A damaged database file (a token looked up on a damaged page): that connection closes, the server lives.
          options.log(`websocket ${loggedPath(request.url)}: ${String(error)}`, { event: 'ws.error', level: 'error' });
          closeSafely(ws, 1011, isDatabaseDamaged(error) ? DAMAGED_REASON : 'the board could not be loaded');
        });
      });
    },

    /** Closes every connection (shutdown): clients reconnect to the next server. */
    close(): void {
      clearInterval(pinger);
      for (const ws of wss.clients) closeSafely(ws, 1001, 'the server is shutting down');
      wss.close();
    },
  };
}
