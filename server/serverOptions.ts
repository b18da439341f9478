import type { ExportSettings } from './export/exportConfig.js';
import type { ServerLimits } from './limits.js';
import type { Log, LogLevel } from './log.js';
import type { Storage } from './storage.js';
import type { TlsFiles } from './tls.js';
import type { WebhookSettings } from './webhooks/digestWebhooks.js';

// What `startServer` takes and gives back: the one contract shared by the command line, the tests, the bench
// and the tools, kept apart from the composition so it can be read without the wiring.

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL instead of SQLite in `dataDir` (DATABASE_URL); default null. */
  databaseUrl?: string | null;
  /**
   * With PostgreSQL, where the other server processes reach this one (CLUSTER_ADDRESS, e.g. http://10.0.0.5:8080);
   * default this process's own address on the loopback (processes on one machine).
   */
  clusterAddress?: string | null;
  /** How long a board's lease lasts without renewal (ms); default 15,000: a dead owner's boards move after it. */
  leaseTtlMs?: number;
  /** Where links point; default `http://localhost:<port>`. */
  publicUrl?: string | null;
  adminToken?: string | null;
  /** The built client; default `dist/client`. */
  clientDir?: string;
  /** How long a room stays loaded after its last connection left (ms); default 5,000. */
  unloadDelayMs?: number;
  /** Compact a document when more updates than this are stored beside its snapshot; default 500. */
  compactAfter?: number;
  /** How long incoming updates wait to be committed together (ms); default 4. */
  batchMs?: number;
  /** While the disk is full, how often storage is tried again (ms); default 1,000. */
  storageFullRetryMs?: number;
  /** Serve `GET /metrics`; default off. */
  metrics?: boolean;
  /** Where lines go; default JSON lines on standard output at `logLevel` (server/jsonLog.ts). */
  log?: Log;
  /** The least important level the default log writes (LOG_LEVEL); default info. */
  logLevel?: LogLevel;
  /** How often the database file's integrity is checked after the check at start (ms); 0: only at start. */
  integrityCheckIntervalMs?: number;
  /** Limits per connection and per board; unset ones keep their default (server/limits.ts). */
  limits?: Partial<ServerLimits>;
  /** Serve HTTPS and wss:// with these PEM files (TLS_CERT, TLS_KEY); default plain HTTP. */
  tls?: TlsFiles | null;
  /** Export workers, queue, timeout and the import's size limit; unset ones keep their default. */
  exports?: Partial<ExportSettings>;
  /** Reverse proxies whose X-Forwarded-For names the client (TRUST_PROXY); default none. */
  trustProxy?: readonly string[];
  /** The digest's webhooks: allowed hosts (none by default: nothing is sent), CA file; tests also set the clock. */
  webhooks?: Partial<WebhookSettings>;
}

export interface RunningServer {
  /** `http://<host>:<port>` as listened on. */
  url: string;
  port: number;
  /** The open database: health, and `limitSize` to simulate a full disk in tests and drills. */
  storage: Storage;
  /** Stops accepting, commits what is queued, closes connections, compacts loaded rooms, closes the db. */
  close(): Promise<void>;
}
