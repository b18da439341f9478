import type { IncomingMessage } from 'node:http';
import type { Role } from '../../shared/roles.js';
import type { AuditLog } from '../audit.js';
import { type Access, bearerToken, resolveAccess } from '../auth.js';
import type { BoardLocks } from '../boardLock.js';
import type { ConnectionRegistry } from '../connections.js';
import type { CreationGuard } from '../creationGuard.js';
import type { ExportWorkers } from '../export/exportWorkers.js';
import { HttpError } from '../httpUtil.js';
import type { Log } from '../log.js';
import type { PeopleStore } from '../people.js';
import type { PlanStore } from '../planStore.js';
import { remoteAddressOf } from '../remoteAddress.js';
import type { Rooms } from '../rooms.js';
import type { Scoring } from '../scoring.js';
import type { ServerStateMirror } from '../serverStateMirror.js';
import type { SnapshotStore } from '../snapshotStore.js';
import type { Snapshots } from '../snapshots.js';
import type { SqlDatabase } from '../sql/types.js';
import type { BoardStore, DocumentStore } from '../storage.js';
import type { SuggestionRateLimits } from '../suggestions/rateLimits.js';
import type { SuggestionWorker } from '../suggestions/suggestionWorker.js';
import type { VisitStore } from '../visitStore.js';
import type { Voting } from '../voting.js';
import type { DigestWebhooks } from '../webhooks/digestWebhooks.js';

/** What the API handlers share: the stores and services of one server. */
export interface ApiContext {
  boards: BoardStore;
  /** The database, for a transaction across stores (each store's `within(tx)`). */
  sql: SqlDatabase;
  linkTokens: TokenStore;
  documents: DocumentStore;
  people: PeopleStore;
  audit: AuditLog;
  locks: BoardLocks;
  /** Writes server-applied state (lock, archive) into the settings document. */
  stateMirror: ServerStateMirror;
  connections: ConnectionRegistry;
  rooms: Rooms;
  /** What each person has seen of a board (since your last visit). */
  visits: VisitStore;
  /** Plans and the boards of their periods (server/planStore.ts). */
  plans: PlanStore;
  /** Sealed dot voting: rounds, ballots, the private channel (server/voting.ts). */
  voting: Voting;
  /** Sealed scoring on the matrix: rounds, scores, the private channel (server/scoring.ts). */
  scoring: Scoring;
  /** The digest's weekly posts to a chat (server/webhooks/digestWebhooks.ts). */
  webhooks: DigestWebhooks;
  /** Named snapshots: taking them (server/snapshots.ts) and the stored ones (server/snapshotStore.ts). */
  snapshots: Snapshots;
  snapshotStore: SnapshotStore;
  /** Where links point, without a trailing slash; read at each request (the port is known after listen). */
  publicUrl: () => string;
  adminToken: string | null;
  /** The worker threads rendering exports (server/export/exportWorkers.ts). */
  exportWorkers: ExportWorkers;
  /** The analysis worker of the grouping and similar-notes suggestions (server/suggestions/suggestionWorker.ts). */
  suggestions: SuggestionWorker;
  /** The per-caller rates of the suggestion routes. */
  suggestionLimits: SuggestionRateLimits;
  /** Largest backup `POST /api/boards/import` accepts (bytes). */
  maxImportBytes: number;
  /** Cross-site, rate and import-admission checks of board creation and import (server/creationGuard.ts). */
  creation: CreationGuard;
  /** Largest request body accepted (bytes); default MAX_BODY_BYTES. */
  maxBodyBytes?: number;
  log: Log;
}

/** Replacing a shared link's token (the old one stops working at once). */
export interface TokenStore {
  replaceLinkTokenHash(boardId: string, role: Role, tokenHash: string): void;
}

export function boardLink(context: ApiContext, boardId: string, token: string): string {
  return `${context.publicUrl()}/b/${boardId}#token=${token}`;
}

/**
 * The access the request's bearer token gives on the board, refused (404 / 401 / 403 with a reason) unless
 * its role is one of `roles`.
 */
export async function authorize(
  context: ApiContext,
  req: IncomingMessage,
  boardId: string,
  roles: readonly Role[],
): Promise<Access> {
  const token = bearerToken(req.headers.authorization);
  const resolution = await resolveAccess(context.boards, context.people, boardId, token, (id) =>
    context.plans.madeFrom(id),
  );
  if (resolution.kind === 'unknownBoard') throw new HttpError(404, 'no board with this id');
  if (resolution.kind === 'badToken') throw new HttpError(401, 'missing or wrong token');
  if (!roles.includes(resolution.access.role)) {
    throw new HttpError(
      403,
      roles.length === 1 && roles[0] === 'facilitator'
        ? 'only the facilitator can do this'
        : `this link's role (${resolution.access.role}) cannot do this`,
    );
  }
  return resolution.access;
}

/** Longest display name taken from `X-Display-Name` (the roster's own limit is in people.ts). */
const DISPLAY_NAME_MAX = 50;

/**
 * The display name a caller acting through a shared link says it uses: the `X-Display-Name` header, UTF-8
 * percent-encoded (headers are Latin-1), trimmed, control characters removed; null when absent or unreadable.
 */
export function declaredDisplayName(req: IncomingMessage | undefined): string | null {
  const header = req?.headers['x-display-name'];
  if (typeof header !== 'string' || header === '') return null;
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    return null;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  name = name.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return name === '' ? null : name.slice(0, DISPLAY_NAME_MAX);
}

/**
 * Who did it, for the audit log: the role, the person behind a personal token (their name at the time), the
 * address (server/remoteAddress.ts) and, through a shared link, the display name the caller declared.
 */
export function actorOf(access: Access, req?: IncomingMessage) {
  return {
    role: access.role,
    personId: access.person?.id ?? null,
    name: access.person?.name ?? declaredDisplayName(req),
    address: req ? remoteAddressOf(req) : null,
  };
}
