import { WRITE_REFUSAL, type WriteRefusalCode, writeRefusalMessage } from '../shared/protocol.js';
import type { DocKind } from '../shared/roles.js';
import { decideWrite, isLiftable } from '../shared/writePolicy.js';
import type { Access } from './auth.js';

/** A write the server will not apply now. `liftable`: it may be accepted later (the client keeps it). */
export interface WriteRefusal {
  code: WriteRefusalCode;
  message: string;
  liftable: boolean;
}

export interface BoardLockState {
  isLocked(boardId: string): boolean;
}

/** English, for logs and other Yjs tools; our client shows its own translation of the code. */
const EXPLANATIONS: Record<WriteRefusalCode, string> = {
  'read-only-link': 'This link is read-only: viewers cannot change the board. Your change was not saved.',
  'facilitator-only': 'Only the facilitator can change the board settings. Your change was not saved.',
  locked:
    'The facilitator locked the board: it is read-only for participants. Your change is kept in your browser and is saved if the board is unlocked.',
  'storage-full':
    "The server's disk is full: your change was not saved on the server. It is kept on your device and sent again once space is available.",
  'storage-unavailable':
    'The server cannot reach its database: your change was not saved on the server. It is kept on your device and sent again once the database is back.',
  'board-archived': 'This board is archived: it is read-only. Your change was not saved on the server.',
  'board-full':
    'this board has reached its size limit, so nothing more can be added. Your change is kept in this tab but not saved; deletions still pass. Ask the administrator.',
  'no-person':
    'a ballot belongs to a person: vote with your personal link or the guest identity the board page creates',
};

export function refusal(code: WriteRefusalCode): WriteRefusal {
  return { code, message: writeRefusalMessage(code, EXPLANATIONS[code]), liftable: isLiftable(code) };
}

/** What the room announces on its own: a batch the full disk refused, an archive. */
export const STORAGE_FULL_REFUSAL = refusal(WRITE_REFUSAL.storageFull);
export const STORAGE_UNAVAILABLE_REFUSAL = refusal(WRITE_REFUSAL.storageUnavailable);
export const ARCHIVED_REFUSAL = refusal(WRITE_REFUSAL.archived);

/** What the gate reads of the board now, besides the writer's access. */
export interface BoardWriteState {
  locked: boolean;
  archived: boolean;
  storageFull: boolean;
  storageUnavailable: boolean;
  /** Asked last, only when nothing else refuses: the write adds content to a document at its size limit. */
  boardFull?: () => boolean;
}

/** Why this access may not write `doc` now, or null: the shared write policy, with the server's explanation. */
export function writeRefusal(access: Access, doc: DocKind, state: BoardWriteState): WriteRefusal | null {
  const decision = decideWrite({ role: access.role, target: doc, person: access.person !== null, ...state });
  return decision.allowed ? null : refusal(decision.reason);
}
