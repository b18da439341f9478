import type { Me } from '../lib/api';
import { applyFetchedBoard } from './boardPrefetch';
import { takeBoardFetches } from './earlyFetch';
import type { JoinStep } from './join';
import { hasKeptCopy } from './keptCopy';
import { type BoardDocs, destroyDocs, openBoardDocs } from './offlineCopy';
import { BoardSession } from './session';

interface Early {
  boardId: string;
  token: string;
  name: string | null;
  join: Promise<JoinStep> | null;
  /** What the join answered, once it did. */
  answered: JoinStep | null;
  docs: BoardDocs | null;
  session: BoardSession | null;
}

let early: Early | null = null;
let showable: Promise<void> = Promise.resolve();

/**
 * Opening a big board is a chain of waits: the page's script, asking the server who this link is (one or two
 * requests), the board's bytes, applying them, opening this device's copy (IndexedDB), the websocket, React's
 * render. The page's first script started the join and the board's bytes (earlyFetch.ts); called by boot.tsx
 * before React renders anything, this takes them on:
 * - on a first visit (this device keeps no copy), the fetched bytes are applied as soon as they are in, and the
 *   offline copy opens once they are in and the page is idle (the board shown, or a second at most): opened
 *   sooner, IndexedDB's answers would take turns on the main thread while the board is being shown, and the copy
 *   stores the whole board when it opens either way (y-indexeddb keeps what the document held before it opened);
 * - with a copy, the copy is read first, and the session connects once it is in (session.ts);
 * - once the join answered, the session is made here and connects; BoardPage takes what was started here
 *   (`answeredEarlyJoin`, `takeEarlyJoin`, `takeEarlySession`) instead of starting it again.
 */
export function startBoardEarly(): void {
  const fetches = takeBoardFetches();
  if (!fetches) return;
  const { boardId, token, name } = fetches;
  const firstVisit = fetches.state !== null && !hasKeptCopy(boardId);
  let copyMayOpen = () => {};
  const docs = openBoardDocs(boardId, firstVisit ? new Promise<void>((open) => (copyMayOpen = open)) : undefined);
  const started: Early = { boardId, token, name, join: null, answered: null, docs, session: null };
  const join = fetches.join.then((step) => {
    started.answered = step;
    // Still not taken by a session BoardPage made itself: this one connects now, BoardPage takes it when shown.
    if (step.kind === 'joined' && started.docs && early === started) {
      const { me, token: personal } = step.joined;
      started.session = new BoardSession(boardId, personal, me, started.docs);
      started.docs = null;
    }
    return step;
  });
  started.join = join;
  showable = join.then(
    (step) => (step.kind === 'joined' && started.session ? untilLoaded(started.session) : undefined),
    () => undefined,
  );
  if (fetches.state && firstVisit) {
    docs.prefetched = applyFetchedBoard(fetches.state, docs);
    void docs.prefetched.then(whenIdle).then(copyMayOpen);
  }
  early = started;
}

/**
 * Resolves once the board started early can be shown (the join answered and the board is in its documents, from
 * the fetched state or this device's copy), or after `capMs`; at once when no board was started. boot.tsx renders
 * the page then: when the board comes in quickly, the page's first paint is the board, not a loading state shown
 * for a tenth of a second and painted over (two renders, two layouts). After `capMs` (a slow link) the page shows
 * that it is loading.
 */
export function earlyBoardShowable(capMs: number): Promise<void> {
  return Promise.race([showable, new Promise<void>((resolve) => setTimeout(resolve, capMs))]);
}

function untilLoaded(session: BoardSession): Promise<void> {
  return new Promise((resolve) => {
    if (session.loaded.get()) return resolve();
    const unsubscribe = session.loaded.subscribe(() => {
      if (!session.loaded.get()) return;
      unsubscribe();
      resolve();
    });
  });
}

/**
 * What the join started early for exactly this board, link and name answered, if it has (else null): BoardPage
 * starts from it, so that its first render can show the board. It still takes the join (`takeEarlyJoin`).
 */
export function answeredEarlyJoin(boardId: string, token: string, name: string | null): JoinStep | null {
  if (!early?.join || early.boardId !== boardId || early.token !== token || early.name !== name) return null;
  return early.answered;
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

/**
 * The session started early for this person (the `me` the early join answered), without taking it: for a first
 * render (which React may run more than once), so that it shows the board. `takeEarlySession` takes it.
 */
export function earlySession(me: Me, token: string): BoardSession | null {
  const session = early?.session;
  return session && session.me === me && session.token === token ? session : null;
}

/** The session started early for this person, once (the join stays for `takeEarlyJoin`: effects run in any order). */
export function takeEarlySession(me: Me, token: string): BoardSession | null {
  const session = earlySession(me, token);
  if (session && early) early.session = null;
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

/** Once the page has nothing else to do (the board shown), or after a second at the latest. */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 300);
  });
}
