import type Database from 'better-sqlite3';
import { type BoardLock, readBoardLock, writeBoardLock } from '../shared/records/serverState.js';
import type { WriteGuard } from './people.js';
import type { ServerStateMirror } from './serverStateMirror.js';
import type { BoardLockState } from './writeGate.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS board_locks (
  board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
  locked_at INTEGER NOT NULL,
  locked_by TEXT
);
`;

/**
 * The board lock. SQLite is the source of truth the server enforces (a participant's write to a locked
 * board is refused, whether or not the settings document is loaded); the settings document's `server.lock`
 * mirrors it for the clients, written only by the server. Unlocking asks the writers refused meanwhile again
 * (server/refusedWriters.ts), so what they typed in that moment is saved after all.
 */
export class BoardLocks implements BoardLockState {
  private readonly select;
  private readonly insert;
  private readonly remove;
  private readonly cache = new Map<string, BoardLock | null>();

  constructor(
    db: Database.Database,
    private readonly mirror: ServerStateMirror,
    /** The board's writes may be allowed again (it was unlocked): refused writers are asked again. */
    private readonly policyChanged: (boardId: string) => void,
    private readonly guardWrite: WriteGuard = (run) => run(),
  ) {
    db.exec(SCHEMA);
    this.select = db.prepare<[string], { locked_at: number; locked_by: string | null }>(
      'SELECT locked_at, locked_by FROM board_locks WHERE board_id = ?',
    );
    this.insert = db.prepare(
      `INSERT INTO board_locks (board_id, locked_at, locked_by) VALUES (?, ?, ?)
       ON CONFLICT (board_id) DO UPDATE SET locked_at = excluded.locked_at, locked_by = excluded.locked_by`,
    );
    this.remove = db.prepare('DELETE FROM board_locks WHERE board_id = ?');
    mirror.add({
      name: 'lock',
      wanted: (boardId) => this.lockOf(boardId),
      shown: readBoardLock,
      write: writeBoardLock,
    });
  }

  lockOf(boardId: string): BoardLock | null {
    if (!this.cache.has(boardId)) {
      const row = this.select.get(boardId);
      this.cache.set(boardId, row ? { lockedAt: row.locked_at, lockedBy: row.locked_by } : null);
    }
    return this.cache.get(boardId) ?? null;
  }

  isLocked(boardId: string): boolean {
    return this.lockOf(boardId) !== null;
  }

  /**
   * Locks or unlocks. The lock holds (the server enforces it) as soon as this returns; `shown` settles once the
   * settings document shows it, and rejects when it could not be written there (it is then written when the
   * settings document next loads). `by`: the name shown to everyone.
   */
  set(boardId: string, locked: boolean, by: string | null): { lock: BoardLock | null; shown: Promise<void> } {
    const lock = locked ? { lockedAt: Date.now(), lockedBy: by } : null;
    if (lock) this.guardWrite(() => this.insert.run(boardId, lock.lockedAt, lock.lockedBy));
    else this.guardWrite(() => this.remove.run(boardId));
    this.cache.set(boardId, lock);
    if (!lock) this.policyChanged(boardId);
    return { lock, shown: this.mirror.mirror(boardId) };
  }

  /** Forgets a deleted board. */
  forget(boardId: string): void {
    this.cache.delete(boardId);
  }
}
