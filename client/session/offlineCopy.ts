import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { readLocal, writeLocal } from '../lib/localStore';
import { loadRecentBoards } from '../lib/recentBoards';
import { hasKeptCopy, keptCopyKey } from './keptCopy';

/** How long to wait for IndexedDB before connecting anyway (a browser that never answers must not block). */
const OPEN_TIMEOUT_MS = 3000;

const names = (boardId: string) => [`board:${boardId}`, `board:${boardId}/settings`] as const;

/**
 * This device's copy of a board's two documents in IndexedDB (y-indexeddb): the board opens and can be
 * edited without a connection, a reload while offline shows it, and changes made offline survive closing the
 * tab; they are sent the next time the board is open with a connection.
 */
export interface OfflineCopy {
  /** Transaction origins of the copy loading into the documents (not this tab's own changes). */
  readonly origins: readonly unknown[];
  /** Resolves once the stored copy is in the documents (or IndexedDB failed or took too long). */
  readonly ready: Promise<void>;
  /**
   * This device kept a copy of the board on an earlier visit (a mark in localStorage, read at once). Only then
   * is the copy worth waiting for before connecting: it may hold changes not sent yet, and the server then sends
   * only what the copy lacks. On a first visit the copy is empty and opening IndexedDB can take a few hundred
   * milliseconds: the connection does not wait (y-indexeddb stores what arrived meanwhile once it is open).
   */
  readonly kept: boolean;
  /** False when this browser keeps no copy (no IndexedDB, e.g. some private modes). */
  available(): boolean;
  destroy(): void;
}

/** A board's two documents, with this device's copy of them loading in. */
export interface BoardDocs {
  boardDoc: Y.Doc;
  settingsDoc: Y.Doc;
  offlineCopy: OfflineCopy;
  /** The board's state being fetched over HTTP into `boardDoc` (boardPrefetch.ts), when it was asked for. */
  prefetched?: Promise<void>;
}

/**
 * `openCopyAfter`: open the offline copy only once this resolves. On a first visit the board's fetched state goes
 * in first (earlyFetch.ts): opening IndexedDB meanwhile would take turns on the main thread while the page is
 * being shown, and the copy then stores the whole board once open (y-indexeddb keeps what the document held
 * before it opened), which it does as well after the first paint as before it.
 */
export function openBoardDocs(boardId: string, openCopyAfter?: Promise<unknown>): BoardDocs {
  const boardDoc = new Y.Doc();
  const settingsDoc = new Y.Doc();
  return { boardDoc, settingsDoc, offlineCopy: openOfflineCopy(boardId, boardDoc, settingsDoc, openCopyAfter) };
}

export function destroyDocs({ boardDoc, settingsDoc, offlineCopy }: BoardDocs): void {
  offlineCopy.destroy();
  boardDoc.destroy();
  settingsDoc.destroy();
}

export function openOfflineCopy(
  boardId: string,
  boardDoc: Y.Doc,
  settingsDoc: Y.Doc,
  openAfter: Promise<unknown> = Promise.resolve(),
): OfflineCopy {
  const [boardName, settingsName] = names(boardId);
  // Filled once the copy opens: PendingChanges reads it then (the copy's loading is not this tab's change).
  const persistences: IndexeddbPersistence[] = [];
  let ok = false;
  let destroyed = false;
  const kept = hasKeptCopy(boardId);
  const open = (): Promise<void> => {
    if (destroyed) return Promise.resolve();
    try {
      // One at a time: if the second cannot be made, the first is in the list and destroyed below.
      persistences.push(new IndexeddbPersistence(boardName, boardDoc));
      persistences.push(new IndexeddbPersistence(settingsName, settingsDoc));
    } catch (error) {
      for (const persistence of persistences.splice(0)) void persistence.destroy();
      console.warn('no offline copy of this board (IndexedDB unavailable)', error);
    }
    return Promise.all(persistences.map((p) => p.whenSynced)).then(
      () => {
        ok = persistences.length > 0 && !destroyed;
        if (ok) writeLocal(keptCopyKey(boardId), '1');
      },
      (error: unknown) => console.warn('the offline copy of this board could not be read', error),
    );
  };
  const loaded = openAfter.then(open, open);
  const timeout = openAfter.then(() => new Promise<void>((resolve) => setTimeout(resolve, OPEN_TIMEOUT_MS)));
  return {
    origins: persistences,
    ready: Promise.race([loaded, timeout]),
    kept,
    available: () => ok,
    destroy: () => {
      destroyed = true;
      for (const persistence of persistences) void persistence.destroy();
    },
  };
}

/** Where a session keeps its count of unconfirmed changes per document (client/session/session.ts). */
export const pendingCountKey = (boardId: string, doc: 'board' | 'settings') => `board.pending.${boardId}.${doc}`;

/**
 * Whether this device should drop its copy of a board after the server refused `token`. A deleted board (404):
 * yes. A refused link (401: replaced, or the person removed): only when nothing is waiting to be sent and no
 * other link of the board is remembered here — the copy is per board, not per link, and another link (the
 * facilitator's, say) may still open it, with changes of its own waiting in it.
 */
export function shouldDeleteOfflineCopy(boardId: string, token: string, status: number): boolean {
  if (status === 404) return true;
  if (status !== 401) return false;
  const waiting = (['board', 'settings'] as const).some(
    (doc) => Number.parseInt(readLocal(pendingCountKey(boardId, doc)) ?? '0', 10) > 0,
  );
  const otherLink = loadRecentBoards().some((board) => board.id === boardId && board.token !== token);
  return !waiting && !otherLink;
}

/**
 * Deletes this device's copy of a board: its link no longer opens it (replaced or the board deleted), so the
 * device should not keep what it can no longer see.
 */
export async function deleteOfflineCopy(boardId: string): Promise<void> {
  for (const key of [pendingCountKey(boardId, 'board'), pendingCountKey(boardId, 'settings'), keptCopyKey(boardId)]) {
    try {
      window.localStorage.removeItem(key);
    } catch {
      // nothing kept
    }
  }
  if (typeof indexedDB === 'undefined') return;
  await Promise.all(
    names(boardId).map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = () => resolve();
          request.onerror = () => resolve();
          request.onblocked = () => resolve();
        }),
    ),
  );
}
