import { WRITE_REFUSAL, type WriteRefusalCode, writeRefusalMessage } from '../shared/protocol.js';
import type { DocKind } from '../shared/roles.js';
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

type GateCode = 'read-only-link' | 'facilitator-only' | 'locked';

const EXPLANATIONS: Record<GateCode, string> = {
  'read-only-link': 'This link is read-only: viewers cannot change the board. Your change was not saved.',
  'facilitator-only': 'Only the facilitator can change the board settings. Your change was not saved.',
  locked:
    'The facilitator locked the board: it is read-only for participants. Your change is kept in your browser and is saved if the board is unlocked.',
};

export function refusal(code: GateCode): WriteRefusal {
  return { code, message: writeRefusalMessage(code, EXPLANATIONS[code]), liftable: code === WRITE_REFUSAL.locked };
}

/**
 * Who may write which document now. Roles decide per document (the server refuses whole documents, never
 * single changes inside one); the board lock additionally stops participants' writes to the board document.
 * The facilitator is never locked out: a lock that locked its own facilitator could not be lifted.
 */
export function writeRefusal(
  access: Access,
  boardId: string,
  doc: DocKind,
  locks: BoardLockState,
): WriteRefusal | null {
  if (access.role === 'viewer') return refusal(WRITE_REFUSAL.readOnlyLink);
  if (access.role === 'facilitator') return null;
  if (doc === 'settings') return refusal(WRITE_REFUSAL.facilitatorOnly);
  return locks.isLocked(boardId) ? refusal(WRITE_REFUSAL.locked) : null;
}
