import { loadRecentBoards } from './recentBoards';

const ROLE_RANK = { facilitator: 0, participant: 1, viewer: 2 } as const;

/**
 * The link token of the board this page shows. It arrives in the URL fragment (`#token=…`, never sent to
 * the server in a request line or a referrer) and is then taken out of the address bar, so a screen shared
 * in a meeting does not show it; it is kept for this tab (reload) in sessionStorage, and a bookmark without
 * it falls back to the token this browser remembered for that board.
 */
export function takeBoardToken(boardId: string): string {
  const key = `board.token.${boardId}`;
  const fromUrl = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromUrl) {
    try {
      window.sessionStorage.setItem(key, fromUrl);
    } catch {
      // private mode: the token stays in the address bar instead
      return fromUrl;
    }
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return fromUrl;
  }
  let fromTab: string | null = null;
  try {
    fromTab = window.sessionStorage.getItem(key);
  } catch {
    fromTab = null;
  }
  if (fromTab) return fromTab;
  const remembered = loadRecentBoards()
    .filter((b) => b.id === boardId)
    .sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role])[0];
  return remembered?.token ?? '';
}
