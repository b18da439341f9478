import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DocKind, Role } from '../shared/roles.js';
import type { MetricsRecorder } from './metrics.js';

export interface BoardRecord {
  id: string;
  title: string;
  createdAt: number;
  /** SHA-256 (hex) of each role's token; the tokens themselves are never stored. */
  tokenHashes: Record<Role, string>;
}

export interface StoredDocument {
  /** The compacted snapshot (if any) followed by the updates appended since, in order. */
  updates: Uint8Array[];
  /** Sequence number of the last stored update (0 when none), for compaction. */
  lastSeq: number;
  /** How many updates are stored beside the snapshot. */
  updateCount: number;
}

/** What the rooms need from persistence: injected, so the protocol and rooms never import SQLite. */
export interface DocumentStore {
  loadDocument(boardId: string, doc: DocKind): StoredDocument;
  /** Resolves with the update's sequence number once the transaction holding it is durably committed. */
  appendUpdate(boardId: string, doc: DocKind, update: Uint8Array): Promise<number>;
  /** Replaces the snapshot and every update up to `upToSeq` by `snapshot`, in one transaction. */
  compact(boardId: string, doc: DocKind, snapshot: Uint8Array, upToSeq: number): void;
  /** Commits whatever is queued now, synchronously. */
  flush(): void;
}

export interface BoardStore {
  createBoard(board: BoardRecord, documents: Record<DocKind, Uint8Array>): void;
  getBoard(id: string): BoardRecord | null;
}

export interface Storage extends DocumentStore, BoardStore {
  close(): void;
}

interface QueuedUpdate {
  boardId: string;
  doc: DocKind;
  update: Uint8Array;
  resolve: (seq: number) => void;
  reject: (error: Error) => void;
}

export interface StorageOptions {
  dataDir: string;
  /** How long incoming updates wait to be committed together (ms). */
  batchMs?: number;
  metrics?: Pick<MetricsRecorder, 'commitDone'>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  facilitator_token_hash TEXT NOT NULL,
  participant_token_hash TEXT NOT NULL,
  viewer_token_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshots (
  board_id TEXT NOT NULL REFERENCES boards(id),
  doc TEXT NOT NULL CHECK (doc IN ('board', 'settings')),
  state BLOB NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, doc)
);
CREATE TABLE IF NOT EXISTS updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL REFERENCES boards(id),
  doc TEXT NOT NULL CHECK (doc IN ('board', 'settings')),
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_by_doc ON updates (board_id, doc, seq);
`;

interface BoardRow {
  id: string;
  title: string;
  created_at: number;
  facilitator_token_hash: string;
  participant_token_hash: string;
  viewer_token_hash: string;
}

export function openStorage(options: StorageOptions): Storage {
  mkdirSync(options.dataDir, { recursive: true });
  const db = new Database(join(options.dataDir, 'board.sqlite'));
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before we relay its update (kill -9 and power cuts lose nothing relayed).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);

  const batchMs = options.batchMs ?? 4;
  const insertBoard = db.prepare(
    `INSERT INTO boards (id, title, created_at, facilitator_token_hash, participant_token_hash, viewer_token_hash)
     VALUES (@id, @title, @createdAt, @facilitator, @participant, @viewer)`,
  );
  const selectBoard = db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?');
  const upsertSnapshot = db.prepare(
    `INSERT INTO snapshots (board_id, doc, state, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (board_id, doc) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  );
  const selectSnapshot = db.prepare<[string, string], { state: Buffer }>(
    'SELECT state FROM snapshots WHERE board_id = ? AND doc = ?',
  );
  const selectUpdates = db.prepare<[string, string], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM updates WHERE board_id = ? AND doc = ? ORDER BY seq',
  );
  const insertUpdate = db.prepare('INSERT INTO updates (board_id, doc, data) VALUES (?, ?, ?)');
  const deleteUpdatesUpTo = db.prepare('DELETE FROM updates WHERE board_id = ? AND doc = ? AND seq <= ?');

  const toBytes = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

  let queue: QueuedUpdate[] = [];
  let timer: NodeJS.Timeout | null = null;
  /** When the last commit ended (performance.now()): batching pays only while commits follow each other. */
  let lastCommitAt = Number.NEGATIVE_INFINITY;
  let closed = false;

  const commitQueue = db.transaction((entries: QueuedUpdate[]) =>
    entries.map((entry) => Number(insertUpdate.run(entry.boardId, entry.doc, entry.update).lastInsertRowid)),
  );

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
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const entry of entries) entry.reject(failure);
      return;
    }
    lastCommitAt = performance.now();
    options.metrics?.commitDone(entries.length, lastCommitAt - started);
    entries.forEach((entry, index) => {
      entry.resolve(seqs[index]!);
    });
  }

  return {
    createBoard(board, documents) {
      db.transaction(() => {
        insertBoard.run({
          id: board.id,
          title: board.title,
          createdAt: board.createdAt,
          ...board.tokenHashes,
        });
        const now = Date.now();
        upsertSnapshot.run(board.id, 'board', documents.board, now);
        upsertSnapshot.run(board.id, 'settings', documents.settings, now);
      })();
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
      };
    },

    loadDocument(boardId, doc) {
      // One read transaction, so the snapshot and the updates are from the same moment.
      return db.transaction((): StoredDocument => {
        const snapshot = selectSnapshot.get(boardId, doc);
        const rows = selectUpdates.all(boardId, doc);
        const updates = rows.map((row) => toBytes(row.data));
        if (snapshot) updates.unshift(toBytes(snapshot.state));
        return { updates, lastSeq: rows.at(-1)?.seq ?? 0, updateCount: rows.length };
      })();
    },

    appendUpdate(boardId, doc, update) {
      if (closed) return Promise.reject(new Error('storage is closed'));
      return new Promise<number>((resolve, reject) => {
        queue.push({ boardId, doc, update, resolve, reject });
        // On a quiet board (no commit in the last four batch intervals) a lone keystroke is committed at
        // once; while people type, updates wait `batchMs` to share one transaction (one fsync).
        timer ??= setTimeout(flush, performance.now() - lastCommitAt > 4 * batchMs ? 0 : batchMs);
      });
    },

    compact(boardId, doc, snapshot, upToSeq) {
      db.transaction(() => {
        upsertSnapshot.run(boardId, doc, snapshot, Date.now());
        deleteUpdatesUpTo.run(boardId, doc, upToSeq);
      })();
    },

    flush,

    close() {
      if (closed) return;
      flush();
      closed = true;
      db.close();
    },
  };
}
