import type * as Y from 'yjs';
import { applyReceivedUpdate } from './applyReceived';
import type { FetchedState } from './earlyFetch';

/**
 * The origin of the board's state fetched over HTTP: it came from the server, so it is neither sent back nor
 * counted as this tab's change (serverChannel.ts), nor undoable (history.ts tracks this tab's changes only).
 */
export const PREFETCH_ORIGIN = Symbol('the board fetched over HTTP');

/**
 * Opening a board that this device keeps no copy of: the committed state of its two documents, fetched over HTTP
 * beside the join (earlyFetch.ts), is applied as soon as it is in. The session's sockets connect after it
 * (session.ts): their first step 1 then carries the fetched state, and their handshakes and the server's work for
 * them (loading the board's room, answering the sync) do not compete with the apply for the CPU (on a laptop that
 * also runs the server, as in the bench, that made the apply a third slower). The promise never rejects: a state
 * that did not come is left to the sockets.
 */
export async function applyFetchedBoard(
  fetched: Promise<FetchedState>,
  docs: { boardDoc: Y.Doc; settingsDoc: Y.Doc },
): Promise<void> {
  const { settings, board } = await fetched;
  try {
    // The settings first: the board's indexes place its notes by the pillars the settings hold.
    if (settings && !docs.settingsDoc.isDestroyed) applyReceivedUpdate(docs.settingsDoc, settings, PREFETCH_ORIGIN);
    if (board && !docs.boardDoc.isDestroyed) applyReceivedUpdate(docs.boardDoc, board, PREFETCH_ORIGIN);
  } catch (error) {
    console.warn('the board fetched ahead of its connection could not be applied', error);
  }
  performance.mark('board-prefetched');
}
