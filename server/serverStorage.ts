import { join } from 'node:path';
import { type DataDirLock, lockDataDir } from './dataDirLock.js';
import { IntegrityChecks } from './integrityCheck.js';
import type { Log } from './log.js';
import type { MetricsRecorder } from './metrics.js';
import type { ServerOptions } from './serverOptions.js';
import { openPostgresStorage } from './storage/postgresStorage.js';
import type { Storage } from './storage/types.js';
import { openStorage } from './storage.js';

// Which engine the server stores on, and what comes with it: SQLite in the data folder (the embedded default,
// one process per folder, its file checked for damage on a schedule) or PostgreSQL (DATABASE_URL: several
// processes share it; docs/deploy/scaling.md).

/** A second server on an SQLite data folder is refused before the database is opened: never a second writer. */
export function lockStorage(options: ServerOptions): DataDirLock {
  return options.databaseUrl ? { release() {} } : lockDataDir(options.dataDir);
}

export async function openServerStorage(
  options: ServerOptions,
  log: Log,
  metrics: MetricsRecorder,
): Promise<{ storage: Storage; integrity: IntegrityChecks | null }> {
  const common = { batchMs: options.batchMs, fullRetryMs: options.storageFullRetryMs, log, metrics };
  if (options.databaseUrl) {
    // Row checksums are verified on every load as on SQLite; page-level checks are PostgreSQL's own
    // (data checksums, amcheck), outside the server.
    return { storage: await openPostgresStorage({ url: options.databaseUrl, ...common }), integrity: null };
  }
  const storage = openStorage({ dataDir: options.dataDir, ...common });
  // At start and on a schedule, in a worker thread: page-level damage and every row's checksum (/healthz).
  const integrity = new IntegrityChecks({
    file: join(options.dataDir, 'board.sqlite'),
    log,
    intervalMs: options.integrityCheckIntervalMs,
  });
  integrity.start();
  return { storage, integrity };
}
