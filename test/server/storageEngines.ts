import { afterAll } from 'vitest';
import type { SqlDatabase } from '../../server/sql/types.js';
import type { BoardStorage } from '../../server/storage/boardStorage.js';
import { openPostgresStorage } from '../../server/storage/postgresStorage.js';
import { openStorage } from '../../server/storage.js';
import { tempDataDir } from './helpers.js';
import { startPostgres, type TestPostgres } from './postgres.js';

/** One engine under test: how to open a fresh, empty board storage on it. */
export interface StorageEngine {
  name: 'sqlite' | 'postgres';
  open(options?: {
    batchMs?: number;
    fullRetryMs?: number;
    log?: (line: string) => void;
  }): Promise<BoardStorage & { sql: SqlDatabase; close(): Promise<void> }>;
}

let postgres: Promise<TestPostgres> | null = null;

/** This file's PostgreSQL, started on first use and stopped after the file's tests. */
export function filePostgres(): Promise<TestPostgres> {
  if (!postgres) {
    postgres = startPostgres();
    afterAll(async () => {
      await (await postgres!).stop();
      postgres = null;
    });
  }
  return postgres;
}

const cleanups: Array<() => void> = [];
afterAll(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** SQLite on a temporary data folder, and PostgreSQL on a new database of this file's server. */
export const STORAGE_ENGINES: StorageEngine[] = [
  {
    name: 'sqlite',
    async open(options = {}) {
      const data = tempDataDir();
      cleanups.push(data.remove);
      return openStorage({ dataDir: data.dir, ...options });
    },
  },
  {
    name: 'postgres',
    async open(options = {}) {
      const server = await filePostgres();
      return openPostgresStorage({ url: await server.createDatabase(), ...options });
    },
  },
];
