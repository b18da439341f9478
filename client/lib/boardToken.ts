import { loadRecentBoards, rememberBoard } from './recentBoards';

const ROLE_RANK = { facilitator: 0, participant: 1, viewer: 2 } as const;

/**
 * The link token of the board this page shows. It arrives in the URL fragment (`#token=…`, never sent to
 * the server in a request line or a referrer) and is then taken out of the address bar, so a screen shared
 * in a meeting does not show it; it is kept for this tab (reload) in sessionStorage, and a bookmark without
 * it falls back to the token this browser remembered for that board.
 */
export function takeBoardToken(boardId: string): string {
  const fromUrl = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromUrl) return fromUrl;
  let fromTab: string | null = null;
  try {
    fromTab = window.sessionStorage.getItem(tabKey(boardId));
  } catch {
    fromTab = null;
  }
  if (fromTab) return fromTab;
  const remembered = loadRecentBoards()
    .filter((b) => b.id === boardId)
    .sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role])[0];
  return remembered?.token ?? '';
}

const tabKey = (boardId: string) => `board.token.${boardId}`;

/**
 * Called once the server accepted the token: keep it for this tab and take it out of the address bar.
 * (A token the server refused is never kept, so a mistyped link cannot hide a good remembered one.)
 */
export function keepAcceptedBoardToken(boardId: string, token: string): void {
  try {
    window.sessionStorage.setItem(tabKey(boardId), token);
  } catch {
    return; // private mode: the token stays in the address bar, or a reload would lose the board
  }
  // Only this token: another link of the board pasted meanwhile stays, for its reload (boot.tsx).
  if (new URLSearchParams(window.location.hash.slice(1)).get('token') === token) {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
}

/** A token the server refused: forget it for this tab. */
export function forgetBoardToken(boardId: string): void {
  try {
    window.sessionStorage.removeItem(tabKey(boardId));
  } catch {
    // nothing kept
  }
}

/**
 * The facilitator replaced a shared link this browser may have opened the board with: the tab and the recent
 * boards list follow to the new token, so a reload or the landing page still opens the board.
 */
export function replaceRememberedToken(boardId: string, oldToken: string, newToken: string): void {
  try {
    if (window.sessionStorage.getItem(tabKey(boardId)) === oldToken) {
      window.sessionStorage.setItem(tabKey(boardId), newToken);
    }
  } catch {
    // nothing kept for this tab
  }
  for (const board of loadRecentBoards()) {
    if (board.id === boardId && board.token === oldToken) rememberBoard({ ...board, token: newToken });
  }
}
