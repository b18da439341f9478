import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withAccessLog } from './accessLog.js';
import { archiveState } from './api/boardAdmin.js';
import { planState } from './api/plans.js';
import { openAuditLog } from './audit.js';
import { auditSettingsChanges } from './auditSettings.js';
import { BoardLocks } from './boardLock.js';
import { ClientAddresses } from './clientAddress.js';
import { openClientWriters } from './clientWriters.js';
import { Cluster } from './cluster/cluster.js';
import { runFromCommandLine } from './commandLine.js';
import { ConnectionRegistry } from './connections.js';
import { boardCreationMode, CreationGuard } from './creationGuard.js';
import type { DataDirLock } from './dataDirLock.js';
import { DEFAULT_EXPORT_SETTINGS, type ExportSettings } from './export/exportConfig.js';
import { ExportWorkers } from './export/exportWorkers.js';
import { createRequestHandler, SECURITY_HEADERS } from './http.js';
import { createJsonLog } from './jsonLog.js';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
import { openLinkTokenStore } from './linkTokens.js';
import type { Log } from './log.js';
import { createMetrics, type MetricsRecorder, noMetrics } from './metrics.js';
import { openPeopleStore } from './people.js';
import { openPlanStore } from './planStore.js';
import { RefusedLinks } from './refusedLinks.js';
import { Rooms } from './rooms.js';
import { Scoring } from './scoring.js';
import { openScoringStore } from './scoringStore.js';
import { answerClientError, STRICT_TRANSPORT_SECURITY, withTransportHeaders } from './securityHeaders.js';
import type { RunningServer, ServerOptions } from './serverOptions.js';
import { ServerStateMirror } from './serverStateMirror.js';
import { lockStorage, openServerStorage } from './serverStorage.js';
import { closeUnstarted, shutdownInOrder } from './shutdown.js';
import {
  destroyAfterClientError,
  guardBodyRate,
  serverTimeouts,
  UnauthenticatedConnections,
} from './slowConnections.js';
import { openSnapshotStore } from './snapshotStore.js';
import { Snapshots } from './snapshots.js';
import { SuggestionRateLimits } from './suggestions/rateLimits.js';
import { SuggestionWorker } from './suggestions/suggestionWorker.js';
import { createWebServer } from './tls.js';
import { openVisitStore } from './visitStore.js';
import { Voting } from './voting.js';
import { openVotingStore } from './votingStore.js';
import { DEFAULT_WEBHOOK_SETTINGS, DigestWebhooks } from './webhooks/digestWebhooks.js';
import { openWebhookStore } from './webhooks/webhookStore.js';
import { createWebsocketEndpoint } from './websocket.js';

export type { RunningServer, ServerOptions } from './serverOptions.js';

// The composition root: every service of the server is opened and wired to the others here, and only here
// (docs/architecture.md, "Server modules"); this file is also the production entry (`npm start`).

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? createJsonLog({ level: options.logLevel });
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const metrics = options.metrics ? createMetrics() : null;
  const recorder = metrics ?? noMetrics;
  const dataDirLock = lockStorage(options);
  try {
    return await startLocked(options, log, limits, metrics, recorder, dataDirLock);
  } catch (error) {
    dataDirLock.release();
    throw error;
  }
}

async function startLocked(
  options: ServerOptions,
  log: Log,
  limits: ServerLimits,
  metrics: ReturnType<typeof createMetrics> | null,
  recorder: MetricsRecorder,
  dataDirLock: DataDirLock,
): Promise<RunningServer> {
  const { storage, integrity } = await openServerStorage(options, log, recorder);
  const refusedLinks = new RefusedLinks(log);
  const limitRefusals = new RefusedLinks(log, undefined, 'security.limit', 'connection over a limit');
  const clientWriters = openClientWriters(storage.sql, storage.guard);
  const people = openPeopleStore(storage.sql, storage.guard, {
    onRevoked: (boardId, personIds) => clientWriters.revoked(boardId, personIds),
  });
  let port = options.port;
  const scheme = options.tls ? 'https' : 'http';
  // Several processes on one PostgreSQL: each board is served by the one holding its lease (cluster/).
  const cluster = options.databaseUrl
    ? new Cluster(storage, {
        databaseUrl: options.databaseUrl,
        address: () => options.clusterAddress ?? `${scheme}://${loopbackOr(options.host)}:${port}`,
        leaseTtlMs: options.leaseTtlMs,
        log,
      })
    : null;
  const rooms = new Rooms(
    {
      store: storage,
      clientWriters,
      unloadDelayMs: options.unloadDelayMs ?? 5_000,
      compactAfter: options.compactAfter ?? 500,
      log,
      metrics: recorder,
    },
    cluster?.leases ?? null,
  );
  const publicUrl = () => options.publicUrl?.replace(/\/+$/, '') || `${scheme}://localhost:${port}`;
  const audit = openAuditLog(storage.sql, { guard: storage.guard, log });
  const connections = new ConnectionRegistry();
  const stateMirror = new ServerStateMirror(rooms, log);
  const locks = new BoardLocks(storage.sql, stateMirror, (boardId) => rooms.writePolicyChanged(boardId), storage.guard);
  await locks.load();
  stateMirror.add(archiveState(storage));
  const plans = openPlanStore(storage.sql, storage.guard);
  stateMirror.add(planState(plans));
  const linkTokens = openLinkTokenStore(storage.sql, storage.guard);
  auditSettingsChanges(rooms, audit, people);
  const voting = new Voting({
    store: openVotingStore(storage.sql, storage.guard),
    rooms,
    connections,
    mirror: stateMirror,
    locks,
    isArchived: (boardId) => storage.isArchived(boardId),
    // Until the import moves onto one SQL transaction (server/api/import.ts).
    log,
  });
  const scoring = new Scoring({
    store: openScoringStore(storage.sql, storage.guard),
    rooms,
    connections,
    mirror: stateMirror,
    locks,
    isArchived: (boardId) => storage.isArchived(boardId),
    log,
  });
  const webhooks = new DigestWebhooks({
    store: openWebhookStore(storage.sql, storage.guard),
    rooms,
    settings: { ...DEFAULT_WEBHOOK_SETTINGS, ...options.webhooks },
    publicUrl,
    log,
  });
  const snapshotStore = openSnapshotStore(storage.sql, storage.guard);
  const snapshots = new Snapshots({ store: snapshotStore, rooms, boards: storage, log });
  const exportSettings: ExportSettings = { ...DEFAULT_EXPORT_SETTINGS, ...options.exports };
  const exportWorkers = new ExportWorkers(exportSettings, log);
  const suggestions = new SuggestionWorker(log);
  const addresses = new ClientAddresses(options.trustProxy);
  const handler = createRequestHandler({
    boards: storage,
    sql: storage.sql,
    linkTokens,
    documents: storage,
    people,
    audit,
    locks,
    stateMirror,
    connections,
    rooms,
    plans,
    voting,
    scoring,
    webhooks,
    snapshots,
    snapshotStore,
    visits: openVisitStore(storage.sql, storage.guard),
    publicUrl,
    adminToken: options.adminToken || null,
    clientDir: options.clientDir ?? resolve('dist/client'),
    log,
    storageHealth: storage.health,
    integrity: integrity ? () => integrity.report() : undefined,
    maxBodyBytes: limits.maxBodyBytes,
    exportWorkers,
    suggestions,
    suggestionLimits: new SuggestionRateLimits(),
    maxImportBytes: exportSettings.maxImportBytes,
    creation: new CreationGuard(limits, addresses, publicUrl, log),
    boardCreation: boardCreationMode(options.host, options.adminToken),
    metrics: metrics ? () => metrics.render({ roomsLoaded: () => rooms.size }) : null,
  });
  const websockets = createWebsocketEndpoint({
    boards: storage,
    people,
    nextBoardOf: (boardId) => plans.madeFrom(boardId),
    connections,
    locks,
    rooms,
    log,
    limits,
    metrics: recorder,
    addresses,
    onAdmitted: (request) => unauthenticated.admitted(request.socket as Socket),
    refusedLinks,
    limitRefusals,
  });
  await cluster?.start({ rooms, locks, stateMirror, addresses });
  // A board's requests go to the process that owns it, when another one does (cluster/router.ts).
  const routed: typeof handler = cluster ? (req, res) => cluster.request(req, res, () => handler(req, res)) : handler;
  const server = createWebServer(
    withTransportHeaders(withAccessLog(routed, log, refusedLinks, addresses), !!options.tls),
    options.tls,
    serverTimeouts(limits),
  );
  const unauthenticated = new UnauthenticatedConnections(limits, addresses, log);
  unauthenticated.attach(server);
  destroyAfterClientError(server, log);
  server.on('request', (request, response) => guardBodyRate(request, response, limits, addresses, log));
  server.on('upgrade', (request, socket, head) => {
    if (!cluster) return websockets.handleUpgrade(request, socket, head);
    cluster.upgrade(request, socket, head, {
      here: () => websockets.handleUpgrade(request, socket, head),
      // Passed to the board's owner, which counts it once admitted there.
      passed: () => unauthenticated.admitted(request.socket as Socket),
    });
  });
  // A request Node could not parse still gets the security headers (and HSTS over TLS) with its 400.
  const rawHeaders = options.tls
    ? { ...SECURITY_HEADERS, 'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY }
    : SECURITY_HEADERS;
  server.on('clientError', (error: Error & { code?: string }, socket) => {
    const address = 'remoteAddress' in socket ? String(socket.remoteAddress) : 'unknown';
    const status = answerClientError(error, socket, rawHeaders);
    log(`malformed request answered ${status}`, {
      event: 'http.client-error',
      level: 'info',
      status,
      code: error.code,
      address,
    });
  });

  const opened = { storage, websockets, refusedLinks, limitRefusals, integrity, exportWorkers, suggestions, webhooks };
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolveListen();
    });
  }).catch(async (error: unknown) => {
    await closeUnstarted(opened);
    throw error;
  });
  port = (server.address() as AddressInfo).port;
  await cluster?.listening();
  if (boardCreationMode(options.host, options.adminToken) === 'open-network') {
    log(
      `warning: HOST ${options.host} is reachable from the network and ADMIN_TOKEN is not set: anyone on the network can create and import boards. Set ADMIN_TOKEN to allow only those who hold it.`,
      { event: 'security.open-board-creation', level: 'warn' },
    );
  }
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `${scheme}://${shownHost}:${port}`;
  const close = shutdownInOrder({ ...opened, server, rooms, dataDirLock, cluster });
  // Listening, so the board's address is known: a digest missed while the server was down goes out now.
  webhooks.start();
  return { url, port, storage, close };
}

/** The address other processes on this machine reach a server listening on `host` by (any-address → loopback). */
function loopbackOr(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runFromCommandLine(startServer).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
