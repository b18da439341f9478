import type * as Y from 'yjs';
import { applyReceivedUpdate } from './applyReceived';

/**
 * The origin of the board's state fetched over HTTP: it came from the server, so it is neither sent back nor
 * counted as this tab's change (serverChannel.ts), nor undoable (history.ts tracks this tab's changes only).
 */
export const PREFETCH_ORIGIN = Symbol('the board fetched over HTTP');

/**
 * How long the websockets wait for the server to answer the fetch before connecting anyway (and syncing it all
 * themselves), then for the bytes themselves (a big board on a slow link takes a while, and the sockets would have
 * to bring the same bytes).
 */
const ANSWER_TIMEOUT_MS = 15_000;
const BYTES_TIMEOUT_MS = 120_000;

/**
 * Opening a board that this device keeps no copy of: the committed state of its two documents is fetched over
 * HTTP at once (`GET /api/boards/<id>/state` and `/state/settings`, docs/api.md), beside the join, and applied;
 * the websockets connect once it is in (or failed), so their sync carries only what changed meanwhile.
 * `applyAfter`: what the apply waits for (it holds the main thread for a while on a big board); `beforeApply`: run
 * right before it, in the same task (the session connects there, see BoardSession.connectFirst). The promise never
 * rejects: anything wrong (a refused link, no network) leaves it to the websockets, which say what is wrong.
 */
export function prefetchBoard(
  boardId: string,
  token: string,
  docs: { boardDoc: Y.Doc; settingsDoc: Y.Doc },
  applyAfter: Promise<unknown>,
  beforeApply: () => void = () => {},
): Promise<void> {
  const fetchState = async (path: string) => {
    const abort = new AbortController();
    let timer = setTimeout(() => abort.abort(), ANSWER_TIMEOUT_MS);
    try {
      const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}${path}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: abort.signal,
      });
      clearTimeout(timer);
      timer = setTimeout(() => abort.abort(), BYTES_TIMEOUT_MS);
      return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
    } finally {
      clearTimeout(timer);
    }
  };
  const fetched = Promise.all([fetchState('/state/settings'), fetchState('/state')]).catch((error: unknown) => {
    console.warn('the board could not be fetched ahead of its connection', error);
    return [null, null] as const;
  });
  return fetched.then(async ([settings, board]) => {
    performance.mark('board-fetched'); // the load path's steps, for the bench (docs/benchmarks.md)
    // Even when nothing came: the sockets connect after this, once the offline copy is in (applyAfter).
    await applyAfter;
    // In the same task as the apply: a socket opened now can say nothing before the apply is done.
    beforeApply();
    try {
      // The settings first: the board's indexes place its notes by the pillars the settings hold.
      if (settings && !docs.settingsDoc.isDestroyed) applyReceivedUpdate(docs.settingsDoc, settings, PREFETCH_ORIGIN);
      if (board && !docs.boardDoc.isDestroyed) applyReceivedUpdate(docs.boardDoc, board, PREFETCH_ORIGIN);
    } catch (error) {
      console.warn('the board fetched ahead of its connection could not be applied', error);
    }
    performance.mark('board-prefetched');
  });
}
