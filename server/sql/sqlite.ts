import type Database from 'better-sqlite3';
import { bindParams } from './bind.js';
import type { SqlDatabase, SqlExecutor, SqlRunResult, SqlValue } from './types.js';

/**
 * The SQL interface over a better-sqlite3 connection. SQLite runs each statement synchronously, so a statement
 * or a `batch` is atomic by itself; an interactive `transaction` spans awaits, so while one is open every other
 * call waits for it (nothing from elsewhere lands inside it, nor is rolled back with it).
 */
export function sqliteDatabase(db: Database.Database): SqlDatabase {
  const prepared = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };

  const allNow = <Row>(sql: string, params: readonly SqlValue[] = []): Row[] => {
    const statement = prepare(sql);
    if (statement.reader) return statement.all(...bindParams(params)) as Row[];
    statement.run(...bindParams(params));
    return [];
  };
  const runNow = (sql: string, params: readonly SqlValue[] = []): SqlRunResult => {
    const statement = prepare(sql);
    // A statement with RETURNING is a reader: one row per changed row.
    if (statement.reader) return { changes: statement.all(...bindParams(params)).length };
    return { changes: statement.run(...bindParams(params)).changes };
  };
  const now: SqlExecutor = {
    all: async (sql, params) => allNow(sql, params),
    get: async <Row>(sql: string, params?: readonly SqlValue[]) => allNow<Row>(sql, params)[0],
    run: async (sql, params) => runNow(sql, params),
  };

  /**
   * The interactive transaction under way, if any: everything else waits for it. Each call checks it and then
   * runs without yielding (nothing awaited in between), so a call can never slip into a transaction begun
   * meanwhile, nor two transactions begin at once.
   */
  let open: Promise<unknown> | null = null;

  return {
    engine: 'sqlite',
    all: async <Row>(sql: string, params?: readonly SqlValue[]) => {
      while (open) await open.catch(() => {});
      return allNow<Row>(sql, params);
    },
    get: async <Row>(sql: string, params?: readonly SqlValue[]) => {
      while (open) await open.catch(() => {});
      return allNow<Row>(sql, params)[0];
    },
    run: async (sql, params) => {
      while (open) await open.catch(() => {});
      return runNow(sql, params);
    },
    async batch(statements) {
      while (open) await open.catch(() => {});
      return db.transaction(() => statements.map((statement) => allNow(statement.sql, statement.params)))();
    },
    async transaction(work) {
      while (open) await open.catch(() => {});
      // BEGIN runs now, before anything can yield; `open` is set before any other call can run.
      const running = (async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(now);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      })();
      open = running;
      try {
        return await running;
      } finally {
        if (open === running) open = null;
      }
    },
    async close() {
      while (open) await open.catch(() => {});
      if (db.open) db.close();
    },
  };
}
