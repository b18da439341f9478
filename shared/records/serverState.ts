import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';

/**
 * State the server applies on a facilitator's command and mirrors into the settings document's `server`
 * map. Only the server writes it (it refuses any client update touching it); clients read it.
 */
export interface BoardLock {
  /** ms since the epoch (the server's clock). */
  lockedAt: number;
  /** The display name of who locked it, when known. */
  lockedBy: string | null;
}

/** The board lock, or null when the board is open. A malformed value counts as locked: fail closed. */
export function readBoardLock(settings: Y.Doc): BoardLock | null {
  const value = settingsRoots.server(settings).get('lock');
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') return { lockedAt: 0, lockedBy: null };
  const { lockedAt, lockedBy } = value as Record<string, unknown>;
  return {
    lockedAt: typeof lockedAt === 'number' ? lockedAt : 0,
    lockedBy: typeof lockedBy === 'string' ? lockedBy : null,
  };
}

/** Server only (clients' writes to `server` are refused). */
export function writeBoardLock(settings: Y.Doc, lock: BoardLock | null): void {
  const server = settingsRoots.server(settings);
  if (lock) server.set('lock', { lockedAt: lock.lockedAt, lockedBy: lock.lockedBy });
  else server.delete('lock');
}

/**
 * When the facilitator archived the board (ms since the epoch), or null: read-only for everyone until it is
 * unarchived. Any other value counts as archived: fail closed.
 */
export function readArchivedAt(settings: Y.Doc): number | null {
  const value = settingsRoots.server(settings).get('archivedAt');
  if (value === undefined || value === null) return null;
  return typeof value === 'number' ? value : 0;
}

/** Server only (clients' writes to `server` are refused). */
export function writeArchivedAt(settings: Y.Doc, archivedAt: number | null): void {
  const server = settingsRoots.server(settings);
  if (archivedAt === null) server.delete('archivedAt');
  else server.set('archivedAt', archivedAt);
}
