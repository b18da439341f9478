import type { Server } from 'node:http';
import type { Cluster } from './cluster/cluster.js';
import type { DataDirLock } from './dataDirLock.js';
import type { ExportWorkers } from './export/exportWorkers.js';
import type { IntegrityChecks } from './integrityCheck.js';
import type { RefusedLinks } from './refusedLinks.js';
import type { Rooms } from './rooms.js';
import type { Storage } from './storage.js';
import type { SuggestionWorker } from './suggestions/suggestionWorker.js';

// Stopping is where durability is won or lost: what is queued must be committed and applied before the
// connections close and the rooms compact, and the data folder's lock must be released last, on a closed
// database. The order lives here, apart from the wiring in main.ts.

/** What the server opened before it listens. */
export interface OpenedServices {
  storage: Storage;
  websockets: { close(): void };
  refusedLinks: RefusedLinks;
  limitRefusals: RefusedLinks;
  /** The SQLite file's scheduled check; none on PostgreSQL. */
  integrity: IntegrityChecks | null;
  exportWorkers: ExportWorkers;
  suggestions: SuggestionWorker;
  /** The digest's scheduled posts: stopped before the database closes (a send under way ends first). */
  webhooks: { stop(): Promise<void> };
}

/** Not listening (port taken): close what was opened, so the data folder's lock is released on a closed db. */
export async function closeUnstarted(opened: OpenedServices): Promise<void> {
  const { storage, websockets, refusedLinks, limitRefusals, integrity, exportWorkers, suggestions } = opened;
  await opened.webhooks.stop();
  websockets.close();
  refusedLinks.close();
  limitRefusals.close();
  integrity?.close();
  await exportWorkers.close();
  await suggestions.close();
  await storage.close();
}

/**
 * The running server's `close`: stops accepting, commits what is queued, closes connections, compacts loaded
 * rooms, closes the db. Called again, it answers the same stop.
 */
export function shutdownInOrder(
  running: OpenedServices & { server: Server; rooms: Rooms; dataDirLock: DataDirLock; cluster: Cluster | null },
): () => Promise<void> {
  const { server, storage, websockets, refusedLinks, limitRefusals, integrity, exportWorkers, rooms, dataDirLock } =
    running;
  const { suggestions } = running;
  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    closing ??= (async () => {
      const stopped = new Promise<void>((done) => server.close(() => done()));
      // Commit what is queued and let the rooms apply it, then close the connections and free the rooms.
      await storage.flush();
      await new Promise((done) => setImmediate(done));
      websockets.close();
      server.closeAllConnections();
      refusedLinks.close();
      limitRefusals.close();
      integrity?.close();
      await running.webhooks.stop();
      await exportWorkers.close();
      await suggestions.close();
      await storage.flush();
      await new Promise((done) => setImmediate(done));
      await rooms.unloadAll();
      // Compactions written (fenced by the leases): the boards may move to another process now.
      await running.cluster?.stop();
      await storage.close();
      await stopped;
      dataDirLock.release();
    })();
    return closing;
  }
  return close;
}
