import { BOARD_ID_PATTERN } from './limits.js';
import { BOARD_SCHEMA_VERSION, SETTINGS_SCHEMA_VERSION } from './records/meta.js';
import type { DocKind } from './roles.js';

/**
 * Close codes used after a completed websocket upgrade. 44xx mirror HTTP 4xx and make the stock
 * y-websocket client stop reconnecting; any other code would be retried for ever.
 */
export const CLOSE = {
  badRequest: 4400,
  unauthorized: 4401,
  notFound: 4404,
  tooLarge: 4413,
  /** The board has as many open connections as the server allows (MAX_CONNECTIONS_PER_BOARD / _PER_ADDRESS). */
  tooManyConnections: 4429,
  /** A frame that does not decode, a structurally impossible update, or a write only the server may make. */
  invalidMessage: 4422,
  /** The document was written by a newer version of the app than the server runs. */
  tooNew: 4426,
  /**
   * Standard "try again later": a connection that kept sending far faster than its limit for long. Not a
   * 44xx code, so the stock client reconnects (with fresh limits) after its backoff.
   */
  tryAgainLater: 1013,
} as const;

/**
 * Our client's version of what it speaks: both documents' schema versions and the revision of our own
 * messages. It sends it as the `app` parameter of its websocket address; the server closes a connection whose
 * `app` differs with 4426 (CLOSE.tooNew), so a tab running a cached older bundle reloads instead of writing an
 * old schema. Connections without `app` (other Yjs tools) are served as before and get none of our messages.
 */
export const APP_PROTOCOL_VERSION = `b${BOARD_SCHEMA_VERSION}.s${SETTINGS_SCHEMA_VERSION}.m1`;

/** The close reason for a client of another app version (the client shows "reload to update"). */
export const APP_VERSION_MISMATCH_REASON = 'app-version: this tab runs another version of the app; reload the page';

/** y-websocket message types (first varUint of every binary frame). */
export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Ours, server → client: "your write frames (sync step 2 and update) on this connection, counted from 1, are
   * stored up to number N" (a varUint). The protocol has no acknowledgement; this one lets a client say
   * "saved" truthfully. The stock client only logs an unknown type, so other clients are unaffected.
   */
  stored: 120,
  /**
   * Ours, not y-websocket's: the server tells one connection its own voting state (its person's ballot and,
   * for the facilitator, how many have voted). Then a varString of JSON (`PrivateVotingState`). Sent only by
   * the server; the stock client ignores types it has no handler for, so older clients survive it.
   */
  voting: 100,
  /**
   * Ours, as `voting`: the server tells one connection its own scoring state (its person's scores in the latest
   * scoring round and, for the facilitator, how many have scored). Then a varString of JSON (`PrivateScoringState`).
   */
  scoring: 101,
} as const;

/** Sub-type of the auth message: the only one the protocol defines. */
export const AUTH_PERMISSION_DENIED = 0;

export interface RoomName {
  boardId: string;
  doc: DocKind;
}

/** `<boardId>` is the board document, `<boardId>/settings` the settings document. */
export function parseRoomName(room: string): RoomName | null {
  const [boardId, suffix, ...rest] = room.split('/');
  if (rest.length > 0 || boardId === undefined || !BOARD_ID_PATTERN.test(boardId)) return null;
  if (suffix === undefined) return { boardId, doc: 'board' };
  if (suffix === 'settings') return { boardId, doc: 'settings' };
  return null;
}

export function roomName(boardId: string, doc: DocKind): string {
  return doc === 'board' ? boardId : `${boardId}/settings`;
}

/**
 * Why a write is refused: the one reason vocabulary of the write policy (shared/writePolicy.ts). Sent first in
 * the permission-denied message as `<code>: <explanation>`; the explanation is English, for logs and other
 * tools; the client shows its own translation of the code. `locked`, `storage-full`, `storage-unavailable` and `board-archived` can be
 * lifted and keep the change in the client: once lifted, the server sends a sync step 1 and the client's step 2
 * brings the change back (nothing is lost). The voting API answers the same reasons with its `vote-*` codes.
 */
export const WRITE_REFUSAL = {
  /** A viewer link. */
  readOnlyLink: 'read-only-link',
  /** The settings document, written by anyone but the facilitator. */
  facilitatorOnly: 'facilitator-only',
  /** The facilitator locked the board (read-only for participants). */
  locked: 'locked',
  /** The server's disk is full: the change stays in the client and is asked for again when space returns. */
  storageFull: 'storage-full',
  /**
   * The server cannot reach its database (PostgreSQL stopped or out of reach): the change stays in the client and
   * is asked for again once the database answers.
   */
  storageUnavailable: 'storage-unavailable',
  /** The facilitator archived the board: it is read-only for everyone until it is unarchived. */
  archived: 'board-archived',
  /** The document reached its size limit: nothing more can be added (deletions still pass). */
  boardFull: 'board-full',
  /** A ballot, asked for by a shared link with no person behind it (the voting API answers `vote-no-person`). */
  noPerson: 'no-person',
} as const;

export type WriteRefusalCode = (typeof WRITE_REFUSAL)[keyof typeof WRITE_REFUSAL];

export function writeRefusalMessage(code: WriteRefusalCode, explanation: string): string {
  return `${code}: ${explanation}`;
}

/** The refusal code of a permission-denied reason, or null for a reason from another server. */
export function readWriteRefusalCode(reason: string): WriteRefusalCode | null {
  const code = reason.split(':', 1)[0];
  return (Object.values(WRITE_REFUSAL) as string[]).includes(code ?? '') ? (code as WriteRefusalCode) : null;
}

/**
 * Why the server refused a voting request: the `code` of the JSON error answer (`{"error","code"}`); the
 * client shows its own translation of the code.
 */
export const VOTE_REFUSAL = {
  /** A viewer link (403). */
  viewer: 'vote-viewer',
  /** A shared link with no person behind it (403): a ballot belongs to a person. */
  noPerson: 'vote-no-person',
  /** No round open, or not the round the request names (409). */
  notOpen: 'vote-round-not-open',
  /** A round is open already: close it first (409). */
  alreadyOpen: 'vote-round-already-open',
  /** Closing a round that is not open, or revealing one that is not closed (409). */
  wrongStatus: 'vote-round-wrong-status',
  /** No such round (404). */
  noRound: 'vote-no-round',
  /** Every dot of the budget is placed (409). */
  budget: 'vote-budget-spent',
  /** The cap per item is reached on this item (409). */
  cap: 'vote-cap-reached',
  /** The item was deleted, or its cluster dissolved, meanwhile (409). */
  itemGone: 'vote-item-gone',
  /** Taking back a dot from an item that has none of this person's (409). */
  noDot: 'vote-no-dot',
  /** The board is locked (participants) or archived (everyone) (409). */
  readOnly: 'vote-board-read-only',
} as const;

export type VoteRefusalCode = (typeof VOTE_REFUSAL)[keyof typeof VOTE_REFUSAL];

/**
 * Why the server refused a scoring request (docs/api.md "Scoring"). Who may score is who may vote: a viewer, a
 * shared link without a person, a locked or archived board are refused with the voting codes `vote-viewer`,
 * `vote-no-person` and `vote-board-read-only`.
 */
export const SCORE_REFUSAL = {
  /** No scoring round open, or not the round the request names (409). */
  notOpen: 'score-round-not-open',
  /** A scoring round is open already: close it first (409). */
  alreadyOpen: 'score-round-already-open',
  /** Closing a round that is not open, or revealing one that is not closed (409). */
  wrongStatus: 'score-round-wrong-status',
  /** No such round (404). */
  noRound: 'score-no-round',
  /** The item is not one the round covers (409). */
  notInRound: 'score-item-not-in-round',
  /** A round over the shortlist while nothing is marked, or over a board without items (409). */
  noItems: 'score-no-items',
} as const;

export type ScoreRefusalCode = (typeof SCORE_REFUSAL)[keyof typeof SCORE_REFUSAL];
