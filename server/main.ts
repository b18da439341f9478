import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, readConfig } from './config.js';
import { createRequestHandler } from './http.js';
import { createMetrics, noMetrics } from './metrics.js';
import { Rooms } from './rooms.js';
import { openStorage } from './storage.js';
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
  /** Serve `GET /metrics`; default off. */
  metrics?: boolean;
  log?: (message: string) => void;
}

export interface RunningServer {
  /** `http://<host>:<port>` as listened on. */
  url: string;
  port: number;
  /** Stops accepting, commits what is queued, closes connections, compacts loaded rooms, closes the db. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((message: string) => console.log(message));
  const metrics = options.metrics ? createMetrics() : null;
  const recorder = metrics ?? noMetrics;
  const storage = openStorage({ dataDir: options.dataDir, batchMs: options.batchMs, metrics: recorder });
  const rooms = new Rooms({
    store: storage,
    unloadDelayMs: options.unloadDelayMs ?? 5_000,
    compactAfter: options.compactAfter ?? 500,
    log,
    metrics: recorder,
  });
  let port = options.port;
  const publicUrl = () => options.publicUrl?.replace(/\/+$/, '') || `http://localhost:${port}`;
  const handler = createRequestHandler({
    boards: storage,
    documents: storage,
    rooms,
    publicUrl,
    adminToken: options.adminToken || null,
    clientDir: options.clientDir ?? resolve('dist/client'),
    log,
    metrics: metrics ? () => metrics.render({ roomsLoaded: () => rooms.size }) : null,
  });
  const websockets = createWebsocketEndpoint({ boards: storage, rooms, log, metrics: recorder });
  const server = createServer(handler);
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
  const url = `http://${shownHost}:${port}`;

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    closing ??= (async () => {
      const stopped = new Promise<void>((done) => server.close(() => done()));
      // Commit what is queued and let the rooms apply it, then close the connections and free the rooms.
      storage.flush();
      await new Promise((done) => setImmediate(done));
      websockets.close();
      server.closeAllConnections();
      storage.flush();
      await new Promise((done) => setImmediate(done));
      rooms.unloadAll();
      storage.close();
      await stopped;
    })();
    return closing;
  }

  return { url, port, close };
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
    metrics: config.metrics,
  });
  console.log(
    `listening on ${running.url} (links: ${config.publicUrl ?? `http://localhost:${running.port}`}, data: ${config.dataDir})`,
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
