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

/** This file's PostgreSQL, started on first use (often inside a test) and stopped after the file's tests. */
export function filePostgres(): Promise<TestPostgres> {
  postgres ??= startPostgres();
  return postgres;
}

// Registered when the module loads, at the file's level: a hook registered inside a test would never run.
afterAll(async () => {
  const started = postgres;
  postgres = null;
  if (started !== null) await (await started).stop();
});

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
