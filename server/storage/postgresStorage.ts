import type { Log } from '../log.js';
import { postgresDatabase } from '../sql/postgres.js';
import { migratePostgresSchema } from '../sql/postgresSchema.js';
import type { SqlExecutor } from '../sql/types.js';
import { type BoardStorageOptions, createBoardStorage } from './boardStorage.js';
import { isDatabaseUnreachable } from './errors.js';
import type { Storage } from './types.js';

export interface PostgresStorageOptions extends BoardStorageOptions {
  /** DATABASE_URL: `postgres://user:password@host:port/database`. */
  url: string;
  /** Pooled connections of this process; default 10. */
  maxConnections?: number;
  /** While PostgreSQL cannot be reached at start, how long between attempts (ms); default 1,000, doubling to 10 s. */
  connectRetryMs?: number;
  log?: Log;
}

/**
 * The boards and their documents in PostgreSQL, with the same guarantees as in SQLite: an append resolves once
 * committed (PostgreSQL's default `synchronous_commit = on` flushes the WAL at commit), a checksum on every
 * row, compaction in one transaction.
 */
export async function openPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  const log = options.log ?? (() => {});
  const sql = postgresDatabase({
    url: options.url,
    maxConnections: options.maxConnections,
    onIdleError: (error) => log(`storage: a pooled PostgreSQL connection failed: ${error.message}`),
  });
  try {
    await untilReachable(() => migratePostgresSchema(sql), options.url, log, options.connectRetryMs ?? 1_000);
  } catch (error) {
    await sql.close();
    throw error;
  }
  const boards = createBoardStorage(
    sql,
    {
      eraseBoard: (boardId) => sql.transaction((tx) => eraseBoardRows(tx, boardId)),
      probeWrite: async () => {
        await sql.batch([
          { sql: 'INSERT INTO storage_probe (filler) VALUES (?)', params: [new Uint8Array(16_384)] },
          { sql: 'DELETE FROM storage_probe' },
        ]);
      },
    },
    { ...options, log },
  );
  return {
    ...boards,
    engine: 'postgres',
    sql,
    limitSize() {
      throw new Error('limitSize simulates a full disk on SQLite only');
    },
    async close() {
      await boards.close();
      await sql.close();
    },
  };
}

/**
 * Deletes every row of the board: from every table with a `board_id` column, found from the catalog (so a table
 * added later is covered, as in SQLite's erase.ts), then the board itself. Rows that reference others are
 * deleted first; the rest cascade.
 */
async function eraseBoardRows(tx: SqlExecutor, boardId: string): Promise<boolean> {
  const tables = await tx.all<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND column_name = 'board_id' ORDER BY table_name`,
  );
  // Children before parents: ballots and scores before their rounds, everything before `boards`.
  const children = ['ballots', 'scores'];
  const ordered = tables
    .map((row) => row.table_name)
    .sort((a, b) => Number(children.includes(b)) - Number(children.includes(a)));
  for (const table of ordered) {
    await tx.run(`DELETE FROM "${table.replaceAll('"', '""')}" WHERE board_id = ?`, [boardId]);
  }
  return (await tx.run('DELETE FROM boards WHERE id = ?', [boardId])).changes > 0;
}

/**
 * Runs `attempt` until PostgreSQL answers: a server that cannot reach its database says so and waits, rather
 * than exiting or listening half-working. Any other error (a wrong password, no such database, a schema newer
 * than this server) is thrown at once: waiting would not fix it.
 */
async function untilReachable(attempt: () => Promise<void>, url: string, log: Log, firstWaitMs: number): Promise<void> {
  const where = describe(url);
  for (let wait = firstWaitMs; ; wait = Math.min(wait * 2, 10_000)) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (!isDatabaseUnreachable(error)) throw error;
      log(`storage: PostgreSQL at ${where} cannot be reached (${String(error)}); trying again in ${wait} ms`, {
        event: 'storage.unreachable',
        level: 'warn',
      });
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** host:port/database of a DATABASE_URL, never its password. */
export function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
