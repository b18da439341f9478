import type { Role } from '../../shared/roles';
import { readLocal, writeLocal } from './localStore';

/** Boards this browser has opened, with the link token, so they can be reopened from the landing page. */
export interface RecentBoard {
  id: string;
  title: string;
  role: Role;
  token: string;
  openedAt: number;
}

const KEY = 'board.recent';
const MAX = 20;

export function loadRecentBoards(): RecentBoard[] {
  try {
    const parsed: unknown = JSON.parse(readLocal(KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (b): b is RecentBoard =>
        typeof b === 'object' &&
        b !== null &&
        typeof b.id === 'string' &&
        typeof b.title === 'string' &&
        typeof b.token === 'string' &&
        (b.role === 'facilitator' || b.role === 'participant' || b.role === 'viewer'),
    );
  } catch {
    return [];
  }
}

/** One entry per board and role: opening a viewer link never replaces the facilitator link remembered. */
export function rememberBoard(board: Omit<RecentBoard, 'openedAt'>): void {
  const others = loadRecentBoards().filter((b) => b.id !== board.id || b.role !== board.role);
  writeLocal(KEY, JSON.stringify([{ ...board, openedAt: Date.now() }, ...others].slice(0, MAX)));
}

export function forgetBoard(id: string, role: Role): void {
  writeLocal(KEY, JSON.stringify(loadRecentBoards().filter((b) => b.id !== id || b.role !== role)));
}

export function boardPath(id: string, token: string): string {
  return `/b/${encodeURIComponent(id)}#token=${encodeURIComponent(token)}`;
}
