import { ConfigError, readConfig } from './config.js';
import { DataDirInUseError } from './dataDirLock.js';
import { createJsonLog } from './jsonLog.js';
import type { RunningServer, ServerOptions } from './serverOptions.js';
import { describe } from './storage/postgresStorage.js';
import { TlsError } from './tls.js';

// The production entry's own work (`npm start` runs server/main.ts): the environment read into options, a
// clear message and exit code 2 for what an operator must fix, the listening line, and a clean stop on a
// signal. The composition is passed in, so this module does not import the entry that runs it.

/** Starts the server from the environment (server/config.ts) and stops it on SIGTERM or SIGINT. */
export async function runFromCommandLine(
  startServer: (options: ServerOptions) => Promise<RunningServer>,
): Promise<void> {
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const log = createJsonLog({ level: config.logLevel });
  const running = await startServer({
    log,
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    clusterAddress: config.clusterAddress,
    leaseTtlMs: config.leaseTtlMs,
    publicUrl: config.publicUrl,
    adminToken: config.adminToken,
    batchMs: config.commitBatchMs,
    limits: config.limits,
    tls: config.tls,
    metrics: config.metrics,
    exports: config.exports,
    webhooks: config.webhooks,
    trustProxy: config.trustProxy,
  }).catch((error: unknown) => {
    if (!(error instanceof TlsError) && !(error instanceof DataDirInUseError)) throw error;
    console.error(error.message);
    process.exit(2);
  });
  const links = config.publicUrl ?? `${config.tls ? 'https' : 'http'}://localhost:${running.port}`;
  // Written whatever LOG_LEVEL: scripts, the tests and the bench wait for `listening on <url>` (a JSON line).
  createJsonLog({ level: 'debug' })(
    `listening on ${running.url} (links: ${links}, data: ${config.databaseUrl ? `PostgreSQL ${describe(config.databaseUrl)}` : config.dataDir})`,
    {
      event: 'server.listening',
      url: running.url,
      links,
      dataDir: config.dataDir,
      logLevel: config.logLevel,
    },
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: committing and closing`, { event: 'server.stopping', signal });
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
