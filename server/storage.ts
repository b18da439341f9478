import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DocKind } from '../shared/roles.js';
import { enableSecureDelete, eraseBoardRows, truncateWal } from './erase.js';
import type { Log } from './log.js';
import type { MetricsRecorder } from './metrics.js';
import { checksumOf } from './storage/checksum.js';
import { isDiskFull, StorageCorruptionError, StorageFullError } from './storage/errors.js';
import { createFullDiskState } from './storage/fullDisk.js';
import type { BoardRow, QueuedUpdate } from './storage/rows.js';
import { migrateSchema } from './storage/schema.js';
import type { Storage, StoredDocument } from './storage/types.js';

export { StorageCorruptionError, StorageFullError } from './storage/errors.js';
export type {
  BoardRecord,
  BoardStore,
  DocumentStore,
  Storage,
  StorageHealth,
  StoredDocument,
} from './storage/types.js';

export interface StorageOptions {
  dataDir: string;
  /** How long incoming updates wait to be committed together (ms). */
  batchMs?: number;
  /** While the disk is full, how often a small write is tried to learn whether space is back (ms). */
  fullRetryMs?: number;
  log?: Log;
  metrics?: Pick<MetricsRecorder, 'commitDone'>;
}

/** SQLite's largest page count: the default `max_page_count`. */
const NO_PAGE_LIMIT = 4294967294;

export function openStorage(options: StorageOptions): Storage {
  mkdirSync(options.dataDir, { recursive: true });
  const db = new Database(join(options.dataDir, 'board.sqlite'));
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before we relay its update (kill -9 and power cuts lose nothing relayed).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted rows and freed pages are overwritten with zeros: a deleted board leaves nothing readable (erase.ts).
  enableSecureDelete(db);
  try {
    migrateSchema(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const log = options.log ?? (() => {});
  const batchMs = options.batchMs ?? 4;
  const fullRetryMs = options.fullRetryMs ?? 1_000;
  const insertBoard = db.prepare(
    `INSERT INTO boards (id, title, created_at, facilitator_token_hash, participant_token_hash, viewer_token_hash)
     VALUES (@id, @title, @createdAt, @facilitator, @participant, @viewer)`,
  );
  const selectBoard = db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?');
  const upsertSnapshot = db.prepare(
    `INSERT INTO snapshots (board_id, doc, state, updated_at, checksum) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (board_id, doc) DO UPDATE
     SET state = excluded.state, updated_at = excluded.updated_at, checksum = excluded.checksum`,
  );
  const selectSnapshot = db.prepare<[string, string], { state: Buffer; checksum: string }>(
    'SELECT state, checksum FROM snapshots WHERE board_id = ? AND doc = ?',
  );
  const selectUpdates = db.prepare<[string, string], { seq: number; data: Buffer; checksum: string }>(
    'SELECT seq, data, checksum FROM updates WHERE board_id = ? AND doc = ? ORDER BY seq',
  );
  const insertUpdate = db.prepare('INSERT INTO updates (board_id, doc, data, checksum) VALUES (?, ?, ?, ?)');
  const deleteUpdatesUpTo = db.prepare('DELETE FROM updates WHERE board_id = ? AND doc = ? AND seq <= ?');
  const setArchivedAt = db.prepare('UPDATE boards SET archived_at = ? WHERE id = ?');
  const probeWrite = db.transaction(() => {
    db.prepare('INSERT INTO storage_probe (filler) VALUES (zeroblob(16384))').run();
    db.prepare('DELETE FROM storage_probe').run();
  });

  const toBytes = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

  let queue: QueuedUpdate[] = [];
  let timer: NodeJS.Timeout | null = null;
  /** When the last commit ended (performance.now()): batching pays only while commits follow each other. */
  let lastCommitAt = Number.NEGATIVE_INFINITY;
  let closed = false;
  // The full-disk state lives there only: rooms ask `isFull()` and hear `onSpaceAvailable`.
  const fullDisk = createFullDiskState({ retryMs: fullRetryMs, probe: probeWrite, log });
  const damaged = new Set<string>();

  const insertQueued = (entry: QueuedUpdate) =>
    Number(insertUpdate.run(entry.boardId, entry.doc, entry.update, checksumOf(entry.update)).lastInsertRowid);
  const commitQueue = db.transaction((entries: QueuedUpdate[]) => entries.map(insertQueued));
  const commitOne = db.transaction(insertQueued);

  /** Runs a write; a full disk becomes a StorageFullError and the full state, other errors pass through. */
  function write<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw isDiskFull(error) ? fullDisk.markFull(error) : error;
    }
  }

  function flush(): void {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (queue.length === 0) return;
    const entries = queue;
    queue = [];
    let seqs: number[];
    const started = performance.now();
    try {
      seqs = commitQueue(entries);
    } catch (error) {
      if (isDiskFull(error)) {
        const failure = fullDisk.markFull(error);
        for (const entry of entries) entry.reject(failure);
        return;
      }
      // Another error (a board deleted meanwhile, a locked file…): one entry at a time, so that only the
      // entries at fault fail and the other rooms of the batch keep working.
      for (const entry of entries) {
        try {
          entry.resolve(write(() => commitOne(entry)));
        } catch (single) {
          entry.reject(single instanceof Error ? single : new Error(String(single)));
        }
      }
      return;
    }
    lastCommitAt = performance.now();
    options.metrics?.commitDone(entries.length, lastCommitAt - started);
    entries.forEach((entry, index) => {
      entry.resolve(seqs[index]!);
    });
  }

  function corrupt(error: StorageCorruptionError): StorageCorruptionError {
    const name = error.doc === 'board' ? error.boardId : `${error.boardId}/settings`;
    if (!damaged.has(name)) log(`storage: ${error.message}`);
    damaged.add(name);
    return error;
  }

  /** The stored rows of a document, each verified; throws on the first damaged one. */
  function verifiedRows(boardId: string, doc: DocKind) {
    const snapshot = selectSnapshot.get(boardId, doc);
    if (snapshot && checksumOf(snapshot.state) !== snapshot.checksum) {
      throw corrupt(new StorageCorruptionError(boardId, doc, 'snapshots', null));
    }
    const rows = selectUpdates.all(boardId, doc);
    for (const row of rows) {
      if (checksumOf(row.data) !== row.checksum) {
        throw corrupt(new StorageCorruptionError(boardId, doc, 'updates', row.seq));
      }
    }
    return { snapshot, rows };
  }

  return {
    database: db,
    guardWrite(run) {
      // While full, other tables' writes are refused without trying, as appends are: nothing half-changes.
      if (fullDisk.isFull()) throw new StorageFullError();
      return write(run);
    },

    createBoard(board, documents) {
      write(() =>
        db.transaction(() => {
          insertBoard.run({
            id: board.id,
            title: board.title,
            createdAt: board.createdAt,
            ...board.tokenHashes,
          });
          const now = Date.now();
          upsertSnapshot.run(board.id, 'board', documents.board, now, checksumOf(documents.board));
          upsertSnapshot.run(board.id, 'settings', documents.settings, now, checksumOf(documents.settings));
        })(),
      );
    },

    getBoard(id) {
      const row = selectBoard.get(id);
      if (!row) return null;
      return {
        id: row.id,
        title: row.title,
        createdAt: row.created_at,
        tokenHashes: {
          facilitator: row.facilitator_token_hash,
          participant: row.participant_token_hash,
          viewer: row.viewer_token_hash,
        },
        archivedAt: row.archived_at,
      };
    },

    setArchived(id, archived) {
      return write(() => setArchivedAt.run(archived ? Date.now() : null, id).changes > 0);
    },

    createdAt(boardId) {
      return selectBoard.get(boardId)?.created_at ?? null;
    },

    isArchived(boardId) {
      return (selectBoard.get(boardId)?.archived_at ?? null) !== null;
    },

    deleteBoard(id) {
      // Queued updates of this board are committed first: afterwards they would fail their whole batch.
      flush();
      const deleted = write(() => eraseBoardRows(db, id));
      // The deleted rows' older page versions are still in the WAL until it is checkpointed and truncated.
      if (deleted) truncateWal(db, log, id);
      return deleted;
    },

    findDamage(id) {
      const found: StorageCorruptionError[] = [];
      for (const doc of ['board', 'settings'] as const) {
        try {
          db.transaction(() => verifiedRows(id, doc))();
        } catch (error) {
          if (!(error instanceof StorageCorruptionError)) throw error;
          found.push(error);
        }
      }
      return found;
    },

    loadDocument(boardId, doc) {
      // One read transaction, so the snapshot and the updates are from the same moment.
      return db.transaction((): StoredDocument => {
        const { snapshot, rows } = verifiedRows(boardId, doc);
        const updates = rows.map((row) => toBytes(row.data));
        if (snapshot) updates.unshift(toBytes(snapshot.state));
        return { updates, lastSeq: rows.at(-1)?.seq ?? 0, updateCount: rows.length };
      })();
    },

    appendUpdate(boardId, doc, update) {
      if (closed) return Promise.reject(new Error('storage is closed'));
      if (fullDisk.isFull()) return Promise.reject(new StorageFullError());
      return new Promise<number>((resolve, reject) => {
        queue.push({ boardId, doc, update, resolve, reject });
        // On a quiet board (no commit in the last four batch intervals) a lone keystroke is committed at
        // once; while people type, updates wait `batchMs` to share one transaction (one fsync).
        timer ??= setTimeout(flush, performance.now() - lastCommitAt > 4 * batchMs ? 0 : batchMs);
      });
    },

    compact(boardId, doc, snapshot, upToSeq) {
      db.transaction(() => {
        upsertSnapshot.run(boardId, doc, snapshot, Date.now(), checksumOf(snapshot));
        deleteUpdatesUpTo.run(boardId, doc, upToSeq);
      })();
    },

    flush,
    isFull: fullDisk.isFull,
    onSpaceAvailable: fullDisk.onSpaceAvailable,
    health: () => ({ full: fullDisk.isFull(), damaged: [...damaged] }),

    limitSize(extraPages) {
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${extraPages === null ? NO_PAGE_LIMIT : pages + Math.max(0, extraPages)}`);
    },

    close() {
      if (closed) return;
      flush();
      closed = true;
      fullDisk.close();
      db.close();
    },
  };
}
