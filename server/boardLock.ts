import { type BoardLock, readBoardLock, writeBoardLock } from '../shared/records/serverState.js';
import type { ServerStateMirror } from './serverStateMirror.js';
import type { AsyncWriteGuard, SqlDatabase } from './sql/types.js';
import type { BoardLockState } from './writeGate.js';

/**
 * The board lock. SQLite is the source of truth the server enforces (a participant's write to a locked
 * board is refused, whether or not the settings document is loaded); the settings document's `server.lock`
 * mirrors it for the clients, written only by the server. Unlocking asks the writers refused meanwhile again
 * (server/refusedWriters.ts), so what they typed in that moment is saved after all.
 */
export class BoardLocks implements BoardLockState {
  /** Every locked board: read whole at start (few boards are locked at once), then kept by `set`. */
  private readonly locked = new Map<string, BoardLock>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly mirror: ServerStateMirror,
    /** The board's writes may be allowed again (it was unlocked): refused writers are asked again. */
    private readonly policyChanged: (boardId: string) => void,
    private readonly guard: AsyncWriteGuard = (run) => run(),
  ) {
    mirror.add({
      name: 'lock',
      wanted: (boardId) => this.lockOf(boardId),
      shown: readBoardLock,
      write: writeBoardLock,
    });
  }

  /** Reads every lock: before the server serves anything, so `isLocked` answers without a query. */
  async load(): Promise<void> {
    const rows = await this.db.all<{ board_id: string; locked_at: number; locked_by: string | null }>(
      'SELECT board_id, locked_at, locked_by FROM board_locks',
    );
    this.locked.clear();
    for (const row of rows) this.locked.set(row.board_id, { lockedAt: row.locked_at, lockedBy: row.locked_by });
  }

  /** Reads one board's lock again: this process just took the board over from another (cluster/leases.ts). */
  async refresh(boardId: string): Promise<void> {
    const row = await this.db.get<{ locked_at: number; locked_by: string | null }>(
      'SELECT locked_at, locked_by FROM board_locks WHERE board_id = ?',
      [boardId],
    );
    if (row) this.locked.set(boardId, { lockedAt: row.locked_at, lockedBy: row.locked_by });
    else this.locked.delete(boardId);
  }

  lockOf(boardId: string): BoardLock | null {
    return this.locked.get(boardId) ?? null;
  }

  /** Asked on every write (the write gate): from memory. */
  isLocked(boardId: string): boolean {
    return this.locked.has(boardId);
  }

  /**
   * Locks or unlocks. The lock holds (the server enforces it) once the returned promise resolves; `shown`
   * settles once the settings document shows it, and rejects when it could not be written there (it is then
   * written when the settings document next loads). `by`: the name shown to everyone.
   */
  async set(
    boardId: string,
    locked: boolean,
    by: string | null,
  ): Promise<{ lock: BoardLock | null; shown: Promise<void> }> {
    const lock = locked ? { lockedAt: Date.now(), lockedBy: by } : null;
    if (lock) {
      await this.guard(() =>
        this.db.run(
          `INSERT INTO board_locks (board_id, locked_at, locked_by) VALUES (?, ?, ?)
           ON CONFLICT (board_id) DO UPDATE SET locked_at = excluded.locked_at, locked_by = excluded.locked_by`,
          [boardId, lock.lockedAt, lock.lockedBy],
        ),
      );
      this.locked.set(boardId, lock);
    } else {
      await this.guard(() => this.db.run('DELETE FROM board_locks WHERE board_id = ?', [boardId]));
      this.locked.delete(boardId);
      this.policyChanged(boardId);
    }
    return { lock, shown: this.mirror.mirror(boardId) };
  }

  /** Forgets a deleted board. */
  forget(boardId: string): void {
    this.locked.delete(boardId);
  }
}
