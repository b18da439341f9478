import { readLocal, writeLocal } from '../lib/localStore';
import type { Joined } from './join';

/**
 * What the server last said of this browser on a board (role, person, the token to use), kept so that a
 * reload without a connection still opens the board from its offline copy. Only for the link it was given
 * to: another link of the board asks the server again.
 */
const key = (boardId: string) => `board.joined.${boardId}`;

export function rememberJoined(boardId: string, linkToken: string, joined: Joined): void {
  writeLocal(key(boardId), JSON.stringify({ linkToken, joined }));
}

export function loadJoined(boardId: string, linkToken: string): Joined | null {
  const raw = readLocal(key(boardId));
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as { linkToken?: unknown; joined?: Joined };
    if (value.linkToken !== linkToken || !value.joined?.me || typeof value.joined.token !== 'string') return null;
    return value.joined;
  } catch {
    return null;
  }
}

export function forgetJoined(boardId: string): void {
  try {
    window.localStorage.removeItem(key(boardId));
  } catch {
    // nothing kept
  }
}
