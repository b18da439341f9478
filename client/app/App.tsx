import { BoardPage } from '../board/BoardPage';
import { LandingPage } from '../landing/LandingPage';

/** Two pages: `/` (create or reopen a board) and `/b/<boardId>#token=…` (the board). */
export function App() {
  const match = /^\/b\/([^/]+)\/?$/.exec(window.location.pathname);
  const boardId = match?.[1] ? decodeURIComponent(match[1]) : null;
  if (boardId) {
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
    return <BoardPage boardId={boardId} token={token} />;
  }
  return <LandingPage />;
}
