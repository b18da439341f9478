import * as Y from 'yjs';
import { unionSeen } from '../shared/sinceLastVisit.js';
import { type AsyncWriteGuard, inTransaction, type SqlDatabase } from './sql/types.js';

/**
 * What each person has seen of a board ("since your last visit"): an encoded Yjs snapshot of the board
 * document (state vector and delete set), the union of what all their devices reported. Never a ballot or
 * anything private; it only tells the server which changes a person has had on screen.
 */
export interface VisitStore {
  seen(boardId: string, personId: string): Promise<Uint8Array | null>;
  /** Adds what a device has seen; returns the union now stored. */
  record(boardId: string, personId: string, seen: Y.Snapshot, now: number): Promise<Uint8Array>;
}

const SELECT_SEEN = 'SELECT seen FROM visits WHERE board_id = ? AND person_id = ?';

export function openVisitStore(db: SqlDatabase, guard: AsyncWriteGuard = (run) => run()): VisitStore {
  return {
    async seen(boardId, personId) {
      const row = await db.get<{ seen: Buffer }>(SELECT_SEEN, [boardId, personId]);
      return row ? new Uint8Array(row.seen) : null;
    },
    record: (boardId, personId, reported, now) =>
      guard(() =>
        // One transaction: two devices reporting at once both end up in the union.
        inTransaction(db, async (tx) => {
          // Locks the person's row on PostgreSQL (READ COMMITTED would let two reports read the same union).
          await tx.run('UPDATE visits SET updated_at = updated_at WHERE board_id = ? AND person_id = ?', [
            boardId,
            personId,
          ]);
          const stored = await tx.get<{ seen: Buffer }>(SELECT_SEEN, [boardId, personId]);
          let merged = reported;
          if (stored) {
            try {
              merged = unionSeen(Y.decodeSnapshot(new Uint8Array(stored.seen)), reported);
            } catch {
              // a stored row that does not decode (written by hand): the device's report replaces it
            }
          }
          const bytes = Y.encodeSnapshot(merged);
          await tx.run(
            `INSERT INTO visits (board_id, person_id, seen, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (board_id, person_id) DO UPDATE SET seen = excluded.seen, updated_at = excluded.updated_at`,
            [boardId, personId, bytes, now],
          );
          return bytes;
        }),
      ),
  };
}
