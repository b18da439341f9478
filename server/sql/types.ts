/**
 * The one SQL interface every store is written against, with an SQLite (embedded default) and a PostgreSQL
 * implementation. Statements use `?` placeholders and the SQL both engines accept (`ON CONFLICT`, `RETURNING`,
 * partial indexes); the two schemas (server/storage/schema.ts with storeTables.ts, and postgresSchema.ts) define the same
 * tables with each engine's types. Every call is asynchronous, because PostgreSQL is.
 */

/** What a placeholder binds: blobs as bytes (BLOB / BYTEA), integers as numbers (INTEGER / BIGINT). */
export type SqlValue = string | number | null | Uint8Array;

export interface SqlStatement {
  sql: string;
  params?: readonly SqlValue[];
}

export interface SqlRunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/** Reads and writes; outside a transaction each statement commits by itself. */
export interface SqlExecutor {
  all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  get<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<SqlRunResult>;
}

export type SqlEngine = 'sqlite' | 'postgres';

export interface SqlDatabase extends SqlExecutor {
  readonly engine: SqlEngine;
  /**
   * Runs the statements in one transaction, in order, and gives each one's rows: all commit or none does. The
   * cheap path for work known in advance (a batch of appends, a compaction, a consistent read).
   */
  batch(statements: readonly SqlStatement[]): Promise<unknown[][]>;
  /**
   * Runs `work` in one transaction (read, decide, write): committed when it resolves, rolled back when it
   * throws. Nothing else runs on the SQLite connection meanwhile; on PostgreSQL it holds one pooled connection.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Runs a write the way storage runs its own: refused while the disk is full; a full disk becomes a StorageFullError. */
export type AsyncWriteGuard = <T>(run: () => Promise<T>) => Promise<T>;

/**
 * Runs `work` in one transaction: a new one on a database, or the caller's when `db` is already a transaction's
 * executor (a store bound to it, as inside an import). Inside, use only `tx`: on SQLite anything else waits for
 * the transaction to end, which is waiting for it.
 */
export function inTransaction<T>(db: SqlDatabase | SqlExecutor, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  return 'transaction' in db ? db.transaction(work) : work(db);
}
