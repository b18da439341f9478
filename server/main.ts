import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { archiveState } from './api/boardAdmin.js';
import { openAuditLog } from './audit.js';
import { auditSettingsChanges } from './auditSettings.js';
import { BoardLocks } from './boardLock.js';
import { openClientWriters } from './clientWriters.js';
import { ConfigError, readConfig } from './config.js';
import { ConnectionRegistry } from './connections.js';
import { DEFAULT_EXPORT_SETTINGS, type ExportSettings } from './export/exportConfig.js';
import { ExportWorkers } from './export/exportWorkers.js';
import { createRequestHandler } from './http.js';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
import { openLinkTokenStore } from './linkTokens.js';
import type { Log } from './log.js';
import { createMetrics, noMetrics } from './metrics.js';
import { openPeopleStore } from './people.js';
import { Rooms } from './rooms.js';
import { ServerStateMirror } from './serverStateMirror.js';
import { openSnapshotStore } from './snapshotStore.js';
import { Snapshots } from './snapshots.js';
import { openStorage, type Storage } from './storage.js';
import { createWebServer, TlsError, type TlsFiles } from './tls.js';
import { openVisitStore } from './visitStore.js';
import { Voting } from './voting.js';
import { openVotingStore } from './votingStore.js';
import { createWebsocketEndpoint } from './websocket.js';

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  dataDir: string;
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
  log?: Log;
  /** Limits per connection and per board; unset ones keep their default (server/limits.ts). */
  limits?: Partial<ServerLimits>;
  /** Serve HTTPS and wss:// with these PEM files (TLS_CERT, TLS_KEY); default plain HTTP. */
  tls?: TlsFiles | null;
  /** Export workers, queue, timeout and the import's size limit; unset ones keep their default. */
  exports?: Partial<ExportSettings>;
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

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((message: string) => console.log(message));
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const metrics = options.metrics ? createMetrics() : null;
  const recorder = metrics ?? noMetrics;
  const storage = openStorage({
    dataDir: options.dataDir,
    batchMs: options.batchMs,
    fullRetryMs: options.storageFullRetryMs,
    log,
    metrics: recorder,
  });
  const people = openPeopleStore(storage.database, storage.guardWrite);
  const rooms = new Rooms({
    store: storage,
    clientWriters: openClientWriters(storage.database, people, storage.guardWrite),
    unloadDelayMs: options.unloadDelayMs ?? 5_000,
    compactAfter: options.compactAfter ?? 500,
    log,
    metrics: recorder,
  });
  let port = options.port;
  const scheme = options.tls ? 'https' : 'http';
  const publicUrl = () => options.publicUrl?.replace(/\/+$/, '') || `${scheme}://localhost:${port}`;
  const audit = openAuditLog(storage.database, { guardWrite: storage.guardWrite, log });
  const connections = new ConnectionRegistry();
  const stateMirror = new ServerStateMirror(rooms, log);
  const locks = new BoardLocks(storage.database, stateMirror, connections, storage.guardWrite);
  stateMirror.add(archiveState(storage));
  const linkTokens = openLinkTokenStore(storage.database, storage.guardWrite);
  auditSettingsChanges(rooms, audit, people);
  const voting = new Voting({
    store: openVotingStore(storage.database, storage.guardWrite),
    rooms,
    connections,
    mirror: stateMirror,
    locks,
    isArchived: (boardId) => storage.isArchived(boardId),
  });
  const snapshotStore = openSnapshotStore(storage.database, storage.guardWrite);
  const snapshots = new Snapshots({ store: snapshotStore, rooms, boards: storage, log });
  const exportSettings: ExportSettings = { ...DEFAULT_EXPORT_SETTINGS, ...options.exports };
  const exportWorkers = new ExportWorkers(exportSettings, log);
  const handler = createRequestHandler({
    boards: storage,
    linkTokens,
    documents: storage,
    people,
    audit,
    locks,
    stateMirror,
    connections,
    rooms,
    voting,
    snapshots,
    snapshotStore,
    visits: openVisitStore(storage.database, storage.guardWrite),
    publicUrl,
    adminToken: options.adminToken || null,
    clientDir: options.clientDir ?? resolve('dist/client'),
    log,
    storageHealth: storage.health,
    maxBodyBytes: limits.maxBodyBytes,
    exportWorkers,
    maxImportBytes: exportSettings.maxImportBytes,
    metrics: metrics ? () => metrics.render({ roomsLoaded: () => rooms.size }) : null,
  });
  const websockets = createWebsocketEndpoint({
    boards: storage,
    people,
    connections,
    locks,
    rooms,
    log,
    limits,
    metrics: recorder,
  });
  const server = createWebServer(handler, options.tls);
  server.on('upgrade', (request, socket, head) => websockets.handleUpgrade(request, socket, head));
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `${scheme}://${shownHost}:${port}`;

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    closing ??= (async () => {
      const stopped = new Promise<void>((done) => server.close(() => done()));
      // Commit what is queued and let the rooms apply it, then close the connections and free the rooms.
      storage.flush();
      await new Promise((done) => setImmediate(done));
      websockets.close();
      server.closeAllConnections();
      await exportWorkers.close();
      storage.flush();
      await new Promise((done) => setImmediate(done));
      rooms.unloadAll();
      storage.close();
      await stopped;
    })();
    return closing;
  }

  return { url, port, storage, close };
}

async function runFromCommandLine(): Promise<void> {
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
  const running = await startServer({
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    publicUrl: config.publicUrl,
    adminToken: config.adminToken,
    batchMs: config.commitBatchMs,
    limits: config.limits,
    tls: config.tls,
    metrics: config.metrics,
    exports: config.exports,
  }).catch((error: unknown) => {
    if (!(error instanceof TlsError)) throw error;
    console.error(error.message);
    process.exit(2);
  });
  console.log(
    `listening on ${running.url} (links: ${config.publicUrl ?? `${config.tls ? 'https' : 'http'}://localhost:${running.port}`}, data: ${config.dataDir})`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: committing and closing`);
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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runFromCommandLine().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
