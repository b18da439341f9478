import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * The checksum stored beside every update and snapshot: the first 64 bits of its SHA-256, in hex. Yjs decodes
 * many damaged byte strings without complaint into a different board, so a row is verified before decoding.
 */
export function checksumOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** A stored update or snapshot whose bytes no longer match their checksum. */
export interface DamagedRow {
  boardId: string;
  doc: string;
  kind: 'snapshot' | 'update';
  /** The update's sequence number; absent for a snapshot. */
  seq?: number;
}

/**
 * Every stored snapshot and update whose checksum fails, read row by row (a whole board never sits in memory).
 * One walk for the scheduled integrity check and for backup and restore, so both verify the same rows alike.
 */
export function* damagedStoredRows(db: Database.Database): Generator<DamagedRow> {
  const snapshots = db.prepare('SELECT board_id, doc, state, checksum FROM snapshots').iterate() as Iterable<{
    board_id: string;
    doc: string;
    state: Buffer;
    checksum: string;
  }>;
  for (const row of snapshots) {
    if (checksumOf(row.state) !== row.checksum) yield { boardId: row.board_id, doc: row.doc, kind: 'snapshot' };
  }
  const updates = db.prepare('SELECT seq, board_id, doc, data, checksum FROM updates').iterate() as Iterable<{
    seq: number;
    board_id: string;
    doc: string;
    data: Buffer;
    checksum: string;
  }>;
  for (const row of updates) {
    if (checksumOf(row.data) !== row.checksum) {
      yield { boardId: row.board_id, doc: row.doc, kind: 'update', seq: row.seq };
    }
  }
}
