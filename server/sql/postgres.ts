import pg from 'pg';
import { bindParams } from './bind.js';
import type { SqlDatabase, SqlExecutor, SqlRunResult, SqlValue } from './types.js';

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` (DATABASE_URL). */
  url: string;
  /** Pooled connections; default 10. */
  maxConnections?: number;
  /** How long a query waits for a free or new connection before failing (ms); default 5,000. */
  connectTimeoutMs?: number;
  /** Errors of idle pooled connections (the server went away): logged, the pool replaces them. */
  onIdleError?: (error: Error) => void;
}

// BIGINT (int8) and NUMERIC (what SUM of a BIGINT gives) arrive as strings by default: ours are timestamps in
// ms, sequence numbers and counts, all exact in a double, and SQLite gives them as numbers.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** The SQL interface over a pool of PostgreSQL connections. */
export function postgresDatabase(options: PostgresOptions): SqlDatabase {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    types,
  });
  // Without a listener an idle connection's error (PostgreSQL restarted) would end the process.
  pool.on('error', (error) => options.onIdleError?.(error));

  const executor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
    all: async <Row>(sql: string, params?: readonly SqlValue[]) =>
      (await client.query(numbered(sql), bindParams(params))).rows as Row[],
    get: async <Row>(sql: string, params?: readonly SqlValue[]) =>
      (await client.query(numbered(sql), bindParams(params))).rows[0] as Row | undefined,
    run: async (sql: string, params?: readonly SqlValue[]): Promise<SqlRunResult> => ({
      changes: (await client.query(numbered(sql), bindParams(params))).rowCount ?? 0,
    }),
  });

  async function transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    // The pool listens for errors of idle connections only: one checked out here that PostgreSQL drops between two
    // statements (it stopped) would otherwise emit an error nobody hears, and that ends the process. Heard here,
    // the next statement fails as it should and the connection is thrown away at the release.
    const dropped = (error: Error) => {
      broken = error;
    };
    client.on('error', dropped);
    try {
      await client.query('BEGIN');
      const result = await work(executor(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => {
        broken = rollback; // the connection is gone: the pool must not hand it out again
      });
      throw error;
    } finally {
      client.off('error', dropped);
      client.release(broken);
    }
  }

  return {
    engine: 'postgres',
    ...executor(pool),
    batch: (statements) =>
      transaction(async (tx) => {
        const results: unknown[][] = [];
        for (const statement of statements) results.push(await tx.all(statement.sql, statement.params));
        return results;
      }),
    transaction,
    close: () => pool.end(),
  };
}

const translated = new Map<string, string>();

/** `?` placeholders as PostgreSQL's `$1, $2…` (our statements have no `?` inside quotes). */
export function numbered(sql: string): string {
  let text = translated.get(sql);
  if (text === undefined) {
    let index = 0;
    text = sql.replace(/\?/g, () => `$${++index}`);
    translated.set(sql, text);
  }
  return text;
}
