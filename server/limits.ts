import { z } from 'zod';
import { MAX_FRAME_BYTES, MAX_UPDATE_PIECE_BYTES } from '../shared/limits.js';

/**
 * What one connection and one board may use. Every limit has an environment variable (see `LIMITS_ENV` and
 * docs/security.md "Limits"); the defaults suit a working group of a few dozen people on one board.
 */
export interface ServerLimits {
  /** Largest websocket frame (bytes); bigger ones close the connection with 4413. */
  maxFrameBytes: number;
  /** Largest HTTP request body (bytes); bigger ones are answered 413. */
  maxBodyBytes: number;
  /**
   * Stored size of one document (snapshot + updates since, bytes) past which writes that add content are
   * refused with permission denied ("board full"); deletions still pass, so people can make room.
   */
  maxDocumentBytes: number;
  /** Open websocket connections per board (both documents together); extra ones close with 4429. */
  maxConnectionsPerBoard: number;
  /** Open websocket connections per client address; 0 = no limit (the default: a city hall is often one proxy). */
  maxConnectionsPerAddress: number;
  /** Of a board's connections, viewers may hold at most this many (a shared viewer link cannot fill the board). */
  maxViewerConnectionsPerBoard: number;
  /** Of a board's connections, this many are kept for the facilitator: participants and viewers fill the rest. */
  facilitatorReservedConnections: number;
  /** Open connections with one personal token (a person's tabs, two each); shared links have their role's quota. */
  maxConnectionsPerToken: number;
  /**
   * Open TCP connections per client address not (yet) an admitted websocket: HTTP requests, keep-alive and
   * upgrades in progress. Further ones are closed at once; 0 = no limit. A trusted proxy's own address is
   * exempt (its clients are told apart by X-Forwarded-For, see TRUST_PROXY).
   */
  maxUnauthenticatedPerAddress: number;
  /** Time to receive a request's headers (ms); a slower connection is destroyed. */
  headersTimeoutMs: number;
  /** A request body must arrive at least this fast (bytes per second, averaged over `bodyRateWindowMs`). */
  minBodyBytesPerSecond: number;
  /** The window the body rate is measured over (ms): a stalled upload is cut within about two of them. */
  bodyRateWindowMs: number;
  /** A websocket refused (bad token, full board...) that does not finish closing in this time is cut (ms). */
  refusedSocketCloseMs: number;
  /** Boards created or imported per client address: sustained rate per hour... */
  boardCreationsPerHour: number;
  /** ...and how many at once before that rate applies. */
  boardCreationBurst: number;
  /** Imports read at once; further ones are refused at once with 503 `import-busy`, before their body is read. */
  concurrentImports: number;
  /** Sustained frames per second per connection; past the burst the server stops reading from its socket. */
  messagesPerSecond: number;
  /** Frames a connection may send at once before it is slowed down. */
  messageBurst: number;
  /** Sustained bytes per second per connection. */
  bytesPerSecond: number;
  /** Bytes a connection may send at once before it is slowed down (a paste, an offline backlog). */
  byteBurst: number;
  /** A connection slowed down without a break for this long is closed with 1013 (the client retries) (ms). */
  floodCloseAfterMs: number;
  /** Awareness (presence) updates applied per second per connection; the rest are coalesced into the next. */
  awarenessPerSecond: number;
  /** Largest presence state of one client (bytes of its JSON); bigger states are dropped. */
  maxAwarenessStateBytes: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxFrameBytes: MAX_FRAME_BYTES,
  maxBodyBytes: 64 * 1024,
  maxDocumentBytes: 32 * 1024 * 1024,
  maxConnectionsPerBoard: 400,
  maxConnectionsPerAddress: 0,
  maxViewerConnectionsPerBoard: 200,
  facilitatorReservedConnections: 40,
  maxConnectionsPerToken: 20,
  maxUnauthenticatedPerAddress: 512,
  headersTimeoutMs: 20_000,
  minBodyBytesPerSecond: 1024,
  bodyRateWindowMs: 15_000,
  refusedSocketCloseMs: 5_000,
  boardCreationsPerHour: 60,
  boardCreationBurst: 30,
  concurrentImports: 1,
  messagesPerSecond: 100,
  messageBurst: 1000,
  bytesPerSecond: 1024 * 1024,
  byteBurst: 8 * 1024 * 1024,
  floodCloseAfterMs: 60_000,
  awarenessPerSecond: 10,
  maxAwarenessStateBytes: 4096,
};

/** The environment variable of each limit. */
export const LIMIT_VARIABLES: Record<keyof ServerLimits, string> = {
  maxFrameBytes: 'MAX_FRAME_BYTES',
  maxBodyBytes: 'MAX_BODY_BYTES',
  maxDocumentBytes: 'MAX_DOCUMENT_BYTES',
  maxConnectionsPerBoard: 'MAX_CONNECTIONS_PER_BOARD',
  maxConnectionsPerAddress: 'MAX_CONNECTIONS_PER_ADDRESS',
  maxViewerConnectionsPerBoard: 'MAX_VIEWER_CONNECTIONS_PER_BOARD',
  facilitatorReservedConnections: 'FACILITATOR_RESERVED_CONNECTIONS',
  maxConnectionsPerToken: 'MAX_CONNECTIONS_PER_TOKEN',
  maxUnauthenticatedPerAddress: 'MAX_UNAUTHENTICATED_PER_ADDRESS',
  headersTimeoutMs: 'HEADERS_TIMEOUT_MS',
  minBodyBytesPerSecond: 'MIN_BODY_BYTES_PER_SECOND',
  bodyRateWindowMs: 'BODY_RATE_WINDOW_MS',
  refusedSocketCloseMs: 'REFUSED_SOCKET_CLOSE_MS',
  boardCreationsPerHour: 'BOARD_CREATIONS_PER_HOUR',
  boardCreationBurst: 'BOARD_CREATION_BURST',
  concurrentImports: 'CONCURRENT_IMPORTS',
  messagesPerSecond: 'WS_MESSAGES_PER_SECOND',
  messageBurst: 'WS_MESSAGE_BURST',
  bytesPerSecond: 'WS_BYTES_PER_SECOND',
  byteBurst: 'WS_BYTE_BURST',
  floodCloseAfterMs: 'WS_FLOOD_CLOSE_AFTER_MS',
  awarenessPerSecond: 'AWARENESS_PER_SECOND',
  maxAwarenessStateBytes: 'MAX_AWARENESS_STATE_BYTES',
};

/** Zero is allowed only where it means "off". */
const MAY_BE_ZERO = new Set<keyof ServerLimits>([
  'maxConnectionsPerAddress',
  'facilitatorReservedConnections',
  'maxUnauthenticatedPerAddress',
]);

/** Lower bounds: our client splits what it sends into updates of up to MAX_UPDATE_PIECE_BYTES. */
const MINIMUMS: Partial<Record<keyof ServerLimits, number>> = { maxFrameBytes: MAX_UPDATE_PIECE_BYTES + 1024 };

function wholeNumber(name: string, allowZero: boolean, minimum = 1) {
  const message =
    minimum > 1
      ? `${name} must be a whole number of at least ${minimum}`
      : `${name} must be a whole number${allowZero ? ' (0 = off)' : ' greater than 0'}`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && (allowZero || n >= minimum), message)
    .optional();
}

/** zod shape of the limit variables, spread into the configuration's schema. */
export const LIMITS_ENV = Object.fromEntries(
  Object.entries(LIMIT_VARIABLES).map(([key, name]) => [
    name,
    wholeNumber(name, MAY_BE_ZERO.has(key as keyof ServerLimits), MINIMUMS[key as keyof ServerLimits]),
  ]),
) as Record<string, ReturnType<typeof wholeNumber>>;

/** The limits from parsed variables; unset ones keep their default. */
export function limitsFromEnv(parsed: Record<string, unknown>): ServerLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, name] of Object.entries(LIMIT_VARIABLES) as Array<[keyof ServerLimits, string]>) {
    const value = parsed[name];
    if (typeof value === 'number') limits[key] = value;
  }
  return limits;
}
