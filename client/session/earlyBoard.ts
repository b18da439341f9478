import type { Me } from '../lib/api';
import { takeBoardToken } from '../lib/boardToken';
import { loadDisplayName } from '../lib/identity';
import { prefetchBoard } from './boardPrefetch';
import { type JoinStep, joinBoard } from './join';
import { type BoardDocs, destroyDocs, openBoardDocs } from './offlineCopy';
import { BoardSession } from './session';

/** The board id of a board page's address (`/b/<boardId>`), or null on any other page. */
export function boardIdFromPath(pathname: string): string | null {
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

interface Early {
  boardId: string;
  token: string;
  name: string | null;
  join: Promise<JoinStep> | null;
  docs: BoardDocs | null;
  session: BoardSession | null;
}

let early: Early | null = null;

/**
 * Opening a big board is a chain of waits: the page's script, React's first render, asking the server who this
 * link is (one or two requests), opening this device's copy (IndexedDB), the websocket, then the board's bytes.
 * Called by main.tsx before React renders anything, this starts the join and the offline copy at once, side by
 * side, and connects as soon as both are done, so the board streams in while React renders the page's shell.
 * BoardPage then takes what was started here (`takeEarlyJoin`, `takeEarlySession`) instead of starting it again.
 */
export function startBoardEarly(): void {
  const boardId = boardIdFromPath(window.location.pathname);
  if (!boardId) return;
  const token = takeBoardToken(boardId);
  const name = loadDisplayName();
  const docs = openBoardDocs(boardId);
  const started: Early = { boardId, token, name, join: null, docs, session: null };
  const join = joinBoard(boardId, token, name).then((step) => {
    // Still not taken by a session BoardPage made itself: this one connects now, BoardPage takes it when shown.
    if (step.kind === 'joined' && started.docs && early === started) {
      const { me, token: personal } = step.joined;
      started.session = new BoardSession(boardId, personal, me, started.docs);
      started.docs = null;
    }
    return step;
  });
  started.join = join;
  // No copy on this device: the board's bytes are fetched now, beside the join (boardPrefetch.ts). Applying
  // them takes the main thread for a while: after the join's requests (the next one waits on the first's answer)
  // and once IndexedDB is open (else y-indexeddb encodes the whole board again to store it).
  if (token && !docs.offlineCopy.kept) {
    const applyAfter = Promise.allSettled([join, docs.offlineCopy.ready]);
    docs.prefetched = prefetchBoard(boardId, token, docs, applyAfter, () => started.session?.connectFirst());
  }
  early = started;
}

/**
 * The join started early for exactly this board, link and name, once. Anything else (the person gave their name
 * first) joins again: what was started early is closed.
 */
export function takeEarlyJoin(boardId: string, token: string, name: string | null): Promise<JoinStep> | null {
  if (!early) return null;
  if (early.boardId !== boardId || early.token !== token || early.name !== name || !early.join) {
    discardEarlyBoard();
    return null;
  }
  const { join } = early;
  early.join = null;
  return join;
}

/** The session started early for this person (the `me` the early join answered), once. */
export function takeEarlySession(me: Me, token: string): BoardSession | null {
  const session = early?.session;
  if (!session || session.me !== me || session.token !== token) return null;
  early = null;
  return session;
}

/** The documents opened early for this board (no session took them yet), once. */
export function takeEarlyDocs(boardId: string): BoardDocs | null {
  if (early?.boardId !== boardId || !early.docs) return null;
  const { docs } = early;
  early.docs = null;
  return docs;
}

/** Closes what was started early and not taken (the board did not open): its offline copy may be deleted next. */
export function discardEarlyBoard(): void {
  if (!early) return;
  if (early.docs) destroyDocs(early.docs);
  early.session?.destroy();
  early = null;
}
