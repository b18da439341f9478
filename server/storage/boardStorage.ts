import type { DocKind } from '../../shared/roles.js';
import type { Log } from '../log.js';
import type { MetricsRecorder } from '../metrics.js';
import type { AsyncWriteGuard, SqlDatabase, SqlExecutor, SqlStatement } from '../sql/types.js';
import { checksumOf } from './checksum.js';
import { StorageCorruptionError, StorageFullError, StorageUnavailableError } from './errors.js';
import type { BoardRow, QueuedUpdate } from './rows.js';
import type { BoardRecord, BoardStore, DocumentStore, StorageHealth, StoredDocument } from './types.js';
import { createWriteOutage } from './writeOutage.js';

/** What differs between the engines beyond their SQL: erasure and the full-disk probe. */
export interface EngineHooks {
  /** Deletes every row of the board in one transaction (and what the engine keeps of them); true when it existed. */
  eraseBoard(boardId: string): Promise<boolean>;
  /** A small committed write: it succeeds once space is available again. */
  probeWrite(): Promise<void>;
}

/** Throws (a LeaseLostError) inside a write transaction when this process no longer owns one of the boards. */
export type Fence = (tx: SqlExecutor, boardIds: Iterable<string>) => Promise<void>;

export interface BoardStorageOptions {
  /** How long incoming updates wait to be committed together (ms). */
  batchMs?: number;
  /** While the disk is full, how often a small write is tried to learn whether space is back (ms). */
  fullRetryMs?: number;
  log?: Log;
  metrics?: Pick<MetricsRecorder, 'commitDone'>;
}

export interface BoardStorage extends Required<DocumentStore>, BoardStore {
  health(): StorageHealth;
  /** From now on, every write of a board's documents is fenced by `check` (several processes: leases.ts). */
  fenceWith(check: Fence): void;
  /** The same for the stores on the SQL interface: refused while the disk is full, a full disk noticed. */
  guard: AsyncWriteGuard;
  /** Commits what is queued, then refuses appends; the caller closes the database. */
  close(): Promise<void>;
}

const INSERT_UPDATE = 'INSERT INTO updates (board_id, doc, data, checksum) VALUES (?, ?, ?, ?) RETURNING seq';
const SELECT_BOARD = 'SELECT * FROM boards WHERE id = ?';
const SELECT_SNAPSHOT = 'SELECT state, checksum FROM snapshots WHERE board_id = ? AND doc = ?';
const SELECT_UPDATES = 'SELECT seq, data, checksum FROM updates WHERE board_id = ? AND doc = ? ORDER BY seq';
const UPSERT_SNAPSHOT = `INSERT INTO snapshots (board_id, doc, state, updated_at, checksum) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (board_id, doc) DO UPDATE
  SET state = excluded.state, updated_at = excluded.updated_at, checksum = excluded.checksum`;

const SET_ARCHIVED = 'UPDATE boards SET archived_at = ? WHERE id = ?';

type SnapshotRow = { state: Buffer; checksum: string };

/** A new board's row and its two documents' first snapshots. */
function newBoardStatements(board: BoardRecord, documents: Record<DocKind, Uint8Array>): SqlStatement[] {
  const now = Date.now();
  return [
    {
      sql: `INSERT INTO boards (id, title, created_at, facilitator_token_hash, participant_token_hash, viewer_token_hash)
            VALUES (?, ?, ?, ?, ?, ?)`,
      params: [
        board.id,
        board.title,
        board.createdAt,
        board.tokenHashes.facilitator,
        board.tokenHashes.participant,
        board.tokenHashes.viewer,
      ],
    },
    { sql: UPSERT_SNAPSHOT, params: [board.id, 'board', documents.board, now, checksumOf(documents.board)] },
    { sql: UPSERT_SNAPSHOT, params: [board.id, 'settings', documents.settings, now, checksumOf(documents.settings)] },
  ];
}
type UpdateRow = { seq: number; data: Buffer; checksum: string };

/**
 * The boards and their documents' snapshots and updates, over either engine: commit before relay (an append
 * resolves once its transaction is durably committed), a checksum on every row, compaction, and the full-disk
 * state. Appends wait `batchMs` to share one transaction; commits run one at a time, so sequence numbers follow
 * the order in which rooms apply them (a compaction up to a sequence number covers exactly what was applied).
 */
export function createBoardStorage(
  sql: SqlDatabase,
  hooks: EngineHooks,
  options: BoardStorageOptions = {},
): BoardStorage {
  const log = options.log ?? (() => {});
  const batchMs = options.batchMs ?? 4;
  let queue: QueuedUpdate[] = [];
  let timer: NodeJS.Timeout | null = null;
  /** The commit under way: the next waits for it. */
  let committing: Promise<void> | null = null;
  /** When the last commit ended (performance.now()): batching pays only while commits follow each other. */
  let lastCommitAt = Number.NEGATIVE_INFINITY;
  let closed = false;
  // Whether writes are refused for now (a full disk, an unreachable database) lives there only: rooms ask
  // `writeOutage()` and hear `onWritable`.
  const outage = createWriteOutage({ retryMs: options.fullRetryMs ?? 1_000, probe: hooks.probeWrite, log });
  const damaged = new Set<string>();

  /**
   * Runs a write; a full disk or an unreachable database becomes a StorageFullError or StorageUnavailableError
   * and the outage state, other errors pass through.
   */
  async function write<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw outage.classify(error);
    }
  }

  /** Writes are refused without trying while storage is full or unreachable, so nothing half-changes. */
  function refuseDuringOutage(): void {
    const refusal = outage.refusal();
    if (refusal) throw refusal;
  }

  const insertStatement = (entry: QueuedUpdate): SqlStatement => ({
    sql: INSERT_UPDATE,
    params: [entry.boardId, entry.doc, entry.update, checksumOf(entry.update)],
  });

  /** With several processes (leases.ts), checks inside the transaction that this process still owns the boards. */
  let fence: Fence | null = null;

  /** Runs the document writes of `boardIds` in one transaction, fenced when several processes share the database. */
  function documentWrites(boardIds: string[], statements: SqlStatement[]): Promise<unknown[][]> {
    const fenceNow = fence;
    if (!fenceNow) return sql.batch(statements);
    return sql.transaction(async (tx) => {
      await fenceNow(tx, boardIds);
      const results: unknown[][] = [];
      for (const statement of statements) results.push(await tx.all(statement.sql, statement.params));
      return results;
    });
  }

  async function commit(entries: QueuedUpdate[]): Promise<void> {
    const started = performance.now();
    let results: unknown[][];
    try {
      results = await documentWrites(
        entries.map((entry) => entry.boardId),
        entries.map(insertStatement),
      );
    } catch (error) {
      const failure = outage.classify(error);
      if (failure instanceof StorageFullError || failure instanceof StorageUnavailableError) {
        for (const entry of entries) entry.reject(failure);
        return;
      }
      // Another error (a board deleted meanwhile, a locked file…): one entry at a time, so that only the
      // entries at fault fail and the other rooms of the batch keep working.
      for (const entry of entries) {
        try {
          const [rows] = await write(() => documentWrites([entry.boardId], [insertStatement(entry)]));
          entry.resolve((rows![0] as { seq: number }).seq);
        } catch (single) {
          entry.reject(single instanceof Error ? single : new Error(String(single)));
        }
      }
      return;
    }
    lastCommitAt = performance.now();
    options.metrics?.commitDone(entries.length, lastCommitAt - started);
    entries.forEach((entry, index) => {
      entry.resolve((results[index]![0] as { seq: number }).seq);
    });
  }

  async function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    while (committing) await committing;
    if (queue.length === 0) return;
    const entries = queue;
    queue = [];
    const running = commit(entries).finally(() => {
      committing = null;
      if (queue.length > 0) schedule();
    });
    committing = running;
    await running;
  }

  function schedule(): void {
    if (timer || closed) return;
    // On a quiet board (no commit in the last four batch intervals) a lone keystroke is committed at once;
    // while people type, updates wait `batchMs` to share one transaction (one fsync).
    timer = setTimeout(() => void flush(), performance.now() - lastCommitAt > 4 * batchMs ? 0 : batchMs);
  }

  function corrupt(error: StorageCorruptionError): StorageCorruptionError {
    const name = error.doc === 'board' ? error.boardId : `${error.boardId}/settings`;
    if (!damaged.has(name)) log(`storage: ${error.message}`);
    damaged.add(name);
    return error;
  }

  /** The stored rows of a document, read in one transaction (the same moment) and each verified. */
  async function verifiedRows(boardId: string, doc: DocKind) {
    const [snapshots, updates] = (await sql.batch([
      { sql: SELECT_SNAPSHOT, params: [boardId, doc] },
      { sql: SELECT_UPDATES, params: [boardId, doc] },
    ])) as [SnapshotRow[], UpdateRow[]];
    const snapshot = snapshots[0];
    if (snapshot && checksumOf(snapshot.state) !== snapshot.checksum) {
      throw corrupt(new StorageCorruptionError(boardId, doc, 'snapshots', null));
    }
    for (const row of updates) {
      if (checksumOf(row.data) !== row.checksum) {
        throw corrupt(new StorageCorruptionError(boardId, doc, 'updates', row.seq));
      }
    }
    return { snapshot, rows: updates };
  }

  const boardRow = (id: string) => sql.get<BoardRow>(SELECT_BOARD, [id]);

  return {
    async createBoard(board, documents) {
      await write(() => sql.batch(newBoardStatements(board, documents)));
    },

    within: (tx) => ({
      async createBoard(board, documents) {
        refuseDuringOutage();
        for (const statement of newBoardStatements(board, documents))
          await write(() => tx.all(statement.sql, statement.params));
      },
      async setArchived(id, archived) {
        refuseDuringOutage();
        return (await write(() => tx.run(SET_ARCHIVED, [archived ? Date.now() : null, id]))).changes > 0;
      },
    }),

    async getBoard(id) {
      const row = await boardRow(id);
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

    async setArchived(id, archived) {
      const result = await write(() => sql.run(SET_ARCHIVED, [archived ? Date.now() : null, id]));
      return result.changes > 0;
    },

    createdAt: async (boardId) => (await boardRow(boardId))?.created_at ?? null,
    isArchived: async (boardId) => ((await boardRow(boardId))?.archived_at ?? null) !== null,

    async deleteBoard(id) {
      // Queued updates of this board are committed first: afterwards they would fail their whole batch.
      await flush();
      return write(() => hooks.eraseBoard(id));
    },

    async findDamage(id) {
      const found: StorageCorruptionError[] = [];
      for (const doc of ['board', 'settings'] as const) {
        try {
          await verifiedRows(id, doc);
        } catch (error) {
          if (!(error instanceof StorageCorruptionError)) throw error;
          found.push(error);
        }
      }
      return found;
    },

    async loadDocument(boardId, doc): Promise<StoredDocument> {
      const { snapshot, rows } = await verifiedRows(boardId, doc);
      const updates = rows.map((row) => toBytes(row.data));
      if (snapshot) updates.unshift(toBytes(snapshot.state));
      return { updates, lastSeq: rows.at(-1)?.seq ?? 0, updateCount: rows.length };
    },

    appendUpdate(boardId, doc, update) {
      if (closed) return Promise.reject(new Error('storage is closed'));
      const refusal = outage.refusal();
      if (refusal) return Promise.reject(refusal);
      return new Promise<number>((resolve, reject) => {
        queue.push({ boardId, doc, update, resolve, reject });
        if (!committing) schedule();
      });
    },

    async compact(boardId, doc, snapshot, upToSeq) {
      await documentWrites(
        [boardId],
        [
          { sql: UPSERT_SNAPSHOT, params: [boardId, doc, snapshot, Date.now(), checksumOf(snapshot)] },
          { sql: 'DELETE FROM updates WHERE board_id = ? AND doc = ? AND seq <= ?', params: [boardId, doc, upToSeq] },
        ],
      );
    },

    async guard(run) {
      refuseDuringOutage();
      return write(run);
    },

    fenceWith(check) {
      fence = check;
    },

    flush,
    writeOutage: outage.current,
    onWritable: outage.onWritable,
    health: () => ({ full: outage.isFull(), unavailable: outage.current() === 'unavailable', damaged: [...damaged] }),

    async close() {
      if (closed) return;
      await flush();
      closed = true;
      outage.close();
    },
  };
}

/** Rows give Buffers; the rooms take Uint8Arrays (the same bytes, not copied). */
function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
