import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { unionSeen } from '../shared/sinceLastVisit.js';
import type { WriteGuard } from './people.js';

/**
 * What each person has seen of a board ("since your last visit"): an encoded Yjs snapshot of the board
 * document (state vector and delete set), the union of what all their devices reported. Never a ballot or
 * anything private; it only tells the server which changes a person has had on screen.
 */
export interface VisitStore {
  seen(boardId: string, personId: string): Uint8Array | null;
  /** Adds what a device has seen; returns the union now stored. */
  record(boardId: string, personId: string, seen: Y.Snapshot, now: number): Uint8Array;
}

export function openVisitStore(db: Database.Database, guardWrite: WriteGuard = (run) => run()): VisitStore {
  const read = db.prepare<[string, string], { seen: Buffer }>(
    'SELECT seen FROM visits WHERE board_id = ? AND person_id = ?',
  );
  const write = db.prepare(
    `INSERT INTO visits (board_id, person_id, seen, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (board_id, person_id) DO UPDATE SET seen = excluded.seen, updated_at = excluded.updated_at`,
  );
  const seen = (boardId: string, personId: string) => {
    const row = read.get(boardId, personId);
    return row ? new Uint8Array(row.seen) : null;
  };
  return {
    seen,
    record: (boardId, personId, reported, now) =>
      guardWrite(() =>
        db.transaction(() => {
          const stored = seen(boardId, personId);
          let merged = reported;
          if (stored) {
            try {
              merged = unionSeen(Y.decodeSnapshot(stored), reported);
            } catch {
              // a stored row that does not decode (written by hand): the device's report replaces it
            }
          }
          const bytes = Y.encodeSnapshot(merged);
          write.run(boardId, personId, Buffer.from(bytes), now);
          return bytes;
        })(),
      ),
  };
}
