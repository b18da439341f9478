import type { Role } from '../../shared/roles';
import { readLocal, writeLocal } from './localStore';

/**
 * The shared link tokens the facilitator's browser has seen for a board (at creation and when it replaced a
 * link). The server keeps only their hashes, so this browser is the only place they can be shown again.
 */
const key = (boardId: string) => `board.links.${boardId}`;

export function loadSharedLinkTokens(boardId: string): Partial<Record<Role, string>> {
  try {
    const parsed: unknown = JSON.parse(readLocal(key(boardId)) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const tokens: Partial<Record<Role, string>> = {};
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const value = (parsed as Record<string, unknown>)[role];
      if (typeof value === 'string') tokens[role] = value;
    }
    return tokens;
  } catch {
    return {};
  }
}

export function saveSharedLinkToken(boardId: string, role: Role, token: string): void {
  writeLocal(key(boardId), JSON.stringify({ ...loadSharedLinkTokens(boardId), [role]: token }));
}
