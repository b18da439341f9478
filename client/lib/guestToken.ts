import type { Role } from '../../shared/roles';
import { readLocal, writeLocal } from './localStore';

/**
 * The personal token of this browser's guest identity on a board, per role of the shared link it joined
 * through. Kept across visits (localStorage), so the same person comes back with the same identity: their
 * notes stay "their own", and the server counts their votes once.
 */
const key = (boardId: string, role: Role) => `board.guest.${boardId}.${role}`;

export function loadGuestToken(boardId: string, role: Role): string | null {
  return readLocal(key(boardId, role));
}

export function saveGuestToken(boardId: string, role: Role, token: string): void {
  writeLocal(key(boardId, role), token);
}

export function forgetGuestToken(boardId: string, role: Role): void {
  try {
    window.localStorage.removeItem(key(boardId, role));
  } catch {
    // nothing kept
  }
}
