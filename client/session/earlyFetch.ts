import { keepAcceptedBoardToken, takeBoardToken } from '../lib/boardToken';
import { loadDisplayName } from '../lib/displayName';
import { type JoinStep, joinBoard } from './join';
import { hasKeptCopy } from './keptCopy';

/** A board's two documents' committed state as fetched over HTTP, each null when it did not come. */
export interface FetchedState {
  settings: Uint8Array | null;
  board: Uint8Array | null;
}

/** The requests a board's page starts first, for earlyBoard.ts to take on. */
export interface BoardFetches {
  boardId: string;
  token: string;
  name: string | null;
  join: Promise<JoinStep>;
  /** The board's state, on a first visit (no copy kept on this device); never rejects. */
  state: Promise<FetchedState> | null;
}

/**
 * How long to wait for the server to answer the state's request before leaving it to the websockets (which
 * then sync it all themselves), then for the bytes themselves (a big board on a slow link takes a while, and the
 * sockets would have to bring the same bytes).
 */
const ANSWER_TIMEOUT_MS = 15_000;
const BYTES_TIMEOUT_MS = 120_000;

let started: BoardFetches | null = null;

/** The board id of a board page's address (`/b/<boardId>`), or null on any other page. */
export function boardIdFromPath(pathname: string): string | null {
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/**
 * Opening a big board waits for the network twice: asking the server who this link is (one or two requests in a
 * row), and the board's bytes. Called by the page's first script (main.tsx), which is small, this starts both at
 * once on a board's address, while the app's own script is still on its way and being run (a tenth of a second
 * and more on a city hall's laptop); earlyBoard.ts takes them on (`takeBoardFetches`).
 *
 * The state is asked only when this device keeps no copy of the board: with a copy, the copy is shown and the
 * server sends what it lacks (session.ts).
 */
export function startBoardFetches(): void {
  const boardId = boardIdFromPath(window.location.pathname);
  if (!boardId) return;
  const token = takeBoardToken(boardId);
  const name = loadDisplayName();
  const join = joinBoard(boardId, token, name).then((step) => {
    // The server accepted the link: it leaves the address bar now, while the page is empty. Later, a change of
    // address makes the browser recompute the whole board's style (about 16 ms on a big board, before it shows).
    keepAcceptedBoardToken(boardId, token);
    return step;
  });
  // Handled by whoever takes it; until then a failure must not surface as unhandled.
  join.catch(() => {});
  const state = token && !hasKeptCopy(boardId) ? fetchBoardState(boardId, token) : null;
  started = { boardId, token, name, join, state };
}

/** What `startBoardFetches` started, once. */
export function takeBoardFetches(): BoardFetches | null {
  const fetches = started;
  started = null;
  return fetches;
}

/**
 * `GET /api/boards/<id>/state` and `/state/settings` (docs/api.md), at once. Never rejects: anything wrong (a
 * refused link, no network) leaves it to the websockets, which say what is wrong.
 */
export function fetchBoardState(boardId: string, token: string): Promise<FetchedState> {
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
  return Promise.all([fetchState('/state/settings'), fetchState('/state')]).then(
    ([settings, board]) => {
      performance.mark('board-fetched'); // the load path's steps, for the bench (docs/benchmarks.md)
      return { settings, board };
    },
    (error: unknown) => {
      console.warn('the board could not be fetched ahead of its connection', error);
      return { settings: null, board: null };
    },
  );
}
