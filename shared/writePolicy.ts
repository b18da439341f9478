import { VOTE_REFUSAL, type VoteRefusalCode, WRITE_REFUSAL, type WriteRefusalCode } from './protocol.js';
import type { DocKind, Role } from './roles.js';

/**
 * What is written: one of the board's two Yjs documents, or a ballot (a vote, kept by the server in SQLite,
 * never in a document). The server refuses whole documents, never single changes inside one, which is why
 * facilitator-only state lives in its own (settings) document.
 */
export type WriteTarget = DocKind | 'ballot';

/** Everything the decision depends on, as the server (or, for its read-only state, the client) knows it now. */
export interface WriteSituation {
  role: Role;
  target: WriteTarget;
  /** The writer is a person (a roster member or a guest identity); a shared link has none. Ballots need one. */
  person: boolean;
  /** The facilitator locked the board: read-only for participants. */
  locked: boolean;
  /** The facilitator archived the board: read-only for everyone. */
  archived: boolean;
  /** The server's disk is full. */
  storageFull?: boolean;
  /** The server cannot reach its database. */
  storageUnavailable?: boolean;
  /**
   * The write adds content to a document at its size limit. A function when it is costly to know: it is asked
   * only when nothing else refuses the write.
   */
  boardFull?: boolean | (() => boolean);
}

export type WriteDecision = { allowed: true } | { allowed: false; reason: WriteRefusalCode; liftable: boolean };

/**
 * The reasons that pass while the writer waits, so the writer keeps its change and the server asks for it again
 * once they passed (unlocked, unarchived, space again). `board-full` passes only when people delete: the
 * change then reaches the board at that writer's next resync. The others are the link's for good.
 */
const LIFTABLE: ReadonlySet<WriteRefusalCode> = new Set([
  WRITE_REFUSAL.locked,
  WRITE_REFUSAL.archived,
  WRITE_REFUSAL.storageFull,
  WRITE_REFUSAL.storageUnavailable,
]);

const ALLOWED: WriteDecision = { allowed: true };

/** Whether a refusal for `reason` keeps the change to be asked for again once the reason passed. */
export function isLiftable(reason: WriteRefusalCode): boolean {
  return LIFTABLE.has(reason);
}

function refused(reason: WriteRefusalCode): WriteDecision {
  return { allowed: false, reason, liftable: isLiftable(reason) };
}

/**
 * Whether a write is allowed now, and if not, why: the one rule the server's gates (websocket writes, votes,
 * /me) and the client's read-only state all ask. Order: what the link can never do first (so the reason shown
 * is the lasting one), then the board's state (archive before lock: it holds for everyone), then the server's.
 * The facilitator is never locked out: a lock that locked its own facilitator could not be lifted.
 */
export function decideWrite(situation: WriteSituation): WriteDecision {
  const { role, target } = situation;
  if (role === 'viewer') return refused(WRITE_REFUSAL.readOnlyLink);
  if (target === 'settings' && role !== 'facilitator') return refused(WRITE_REFUSAL.facilitatorOnly);
  if (target === 'ballot' && !situation.person) return refused(WRITE_REFUSAL.noPerson);
  if (situation.archived) return refused(WRITE_REFUSAL.archived);
  if (situation.locked && role === 'participant' && target !== 'settings') return refused(WRITE_REFUSAL.locked);
  if (situation.storageFull) return refused(WRITE_REFUSAL.storageFull);
  if (situation.storageUnavailable) return refused(WRITE_REFUSAL.storageUnavailable);
  const boardFull = typeof situation.boardFull === 'function' ? situation.boardFull() : situation.boardFull;
  if (boardFull && target !== 'ballot') return refused(WRITE_REFUSAL.boardFull);
  return ALLOWED;
}

/**
 * The documented vote codes (docs/api.md "Voting") of the policy's reasons, which the voting API answers with.
 * `storage-full` and `board-full` do not reach here: a ballot is not in a document, and a full disk fails its
 * SQLite write with 507.
 */
export function voteRefusalOf(reason: WriteRefusalCode): VoteRefusalCode {
  switch (reason) {
    case WRITE_REFUSAL.readOnlyLink:
      return VOTE_REFUSAL.viewer;
    case WRITE_REFUSAL.noPerson:
      return VOTE_REFUSAL.noPerson;
    default:
      return VOTE_REFUSAL.readOnly;
  }
}
