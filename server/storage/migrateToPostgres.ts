import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DataDirInUseError, type DataDirLock, lockDataDir } from '../dataDirLock.js';
import { postgresDatabase } from '../sql/postgres.js';
import { migratePostgresSchema } from '../sql/postgresSchema.js';
import type { SqlExecutor, SqlValue } from '../sql/types.js';
import { BackupError } from './backup.js';
import { damagedStoredRows } from './checksum.js';
import { migrateSchema } from './schema.js';
import { createStoreTables } from './storeTables.js';

/**
 * Copies an SQLite data folder into an empty PostgreSQL database (`npm run migrate-to-postgres`): every table,
 * every row as it is (ids, sequence numbers, checksums, blobs), in one PostgreSQL transaction, then checks that
 * each table holds as many rows as SQLite's. The folder is locked meanwhile (no server may write it) and kept
 * (only brought to this version's schema first, as the server would): it stays the way back.
 */

/** Parents before children, so that every foreign key finds its row. */
const TABLES = [
  'boards',
  'snapshots',
  'updates',
  'people',
  'board_locks',
  'audit_log',
  'voting_rounds',
  'ballots',
  'named_snapshots',
  'snapshot_meeting_seen',
  'visits',
  'client_writers',
  'plans',
  'plan_periods',
  'plan_boards',
  'next_period_boards',
  'scoring_rounds',
  'scores',
  'digest_webhooks',
] as const;

/** Columns PostgreSQL numbers itself (GENERATED ALWAYS AS IDENTITY): copied as they are, then the counter moved on. */
const IDENTITY: Partial<Record<(typeof TABLES)[number], string>> = { updates: 'seq', audit_log: 'id' };

/** One INSERT carries at most this many rows, or this many bytes of blobs (a snapshot can be megabytes). */
const ROWS_PER_INSERT = 200;
const BYTES_PER_INSERT = 8 * 1024 * 1024;

export interface MigrationSummary {
  rows: Record<string, number>;
  boards: number;
}

export async function migrateToPostgres(dataDir: string, databaseUrl: string): Promise<MigrationSummary> {
  const file = join(dataDir, 'board.sqlite');
  if (!existsSync(file)) throw new BackupError(`no database in ${dataDir} (set DATA_DIR or --data)`);
  // A server writing the folder meanwhile would make the copy miss what it writes: refused while one runs.
  let lock: DataDirLock;
  try {
    lock = lockDataDir(dataDir, 'stop the server first, then migrate');
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new BackupError(error.message);
    throw error;
  }
  const sqlite = new Database(file, { readonly: false });
  const target = postgresDatabase({ url: databaseUrl, maxConnections: 2 });
  try {
    migrateSchema(sqlite); // an older folder is brought to this version first, as the server would
    createStoreTables(sqlite);
    const damaged = [...damagedStoredRows(sqlite)];
    if (damaged.length > 0) {
      throw new BackupError(
        `${damaged.length} stored rows do not match their checksum (board ${damaged[0]!.boardId}): restore the board from a backup first`,
      );
    }
    await migratePostgresSchema(target);
    return await target.transaction(async (tx) => {
      const existing = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM boards');
      if ((existing?.n ?? 0) > 0) {
        throw new BackupError('the PostgreSQL database already holds boards: migrate into an empty database');
      }
      const rows: Record<string, number> = {};
      for (const table of TABLES) rows[table] = await copyTable(sqlite, tx, table);
      for (const [table, column] of Object.entries(IDENTITY)) {
        await tx.run(
          `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), GREATEST((SELECT MAX(${column}) FROM ${table}), 1))`,
        );
      }
      for (const table of TABLES) {
        const copied = await tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
        if (copied?.n !== rows[table]) {
          throw new BackupError(
            `table ${table}: ${rows[table]} rows in SQLite but ${copied?.n} in PostgreSQL; nothing was kept`,
          );
        }
      }
      return { rows, boards: rows.boards ?? 0 };
    });
  } finally {
    sqlite.close();
    await target.close();
    lock.release();
  }
}

/** Copies one table's rows, the columns both schemas have, in batches; returns how many. */
async function copyTable(sqlite: Database.Database, tx: SqlExecutor, table: string): Promise<number> {
  const sqliteColumns = (
    sqlite.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]
  ).map((column) => column.name);
  const targetColumns = new Set(
    (
      await tx.all<{ column_name: string }>(
        'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?',
        [table],
      )
    ).map((column) => column.column_name),
  );
  const columns = sqliteColumns.filter((column) => targetColumns.has(column));
  const list = columns.map((column) => `"${column}"`).join(', ');
  const overriding = IDENTITY[table as keyof typeof IDENTITY] ? ' OVERRIDING SYSTEM VALUE' : '';
  let batch: SqlValue[][] = [];
  let bytes = 0;
  let count = 0;
  const insert = async () => {
    if (batch.length === 0) return;
    const placeholders = batch.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await tx.run(`INSERT INTO ${table} (${list})${overriding} VALUES ${placeholders}`, batch.flat());
    count += batch.length;
    batch = [];
    bytes = 0;
  };
  for (const row of sqlite.prepare(`SELECT ${list} FROM ${table}`).iterate() as Iterable<Record<string, SqlValue>>) {
    const values = columns.map((column) => row[column] ?? null);
    batch.push(values);
    for (const value of values) if (value instanceof Uint8Array) bytes += value.byteLength;
    if (batch.length >= ROWS_PER_INSERT || bytes >= BYTES_PER_INSERT) await insert();
  }
  await insert();
  return count;
}
