import { BoardPage } from '../board/BoardPage';
import { LandingPage } from '../landing/LandingPage';
import { takeBoardToken } from '../lib/boardToken';

/** Two pages: `/` (create or reopen a board) and `/b/<boardId>#token=…` (the board). */
export function App() {
  const match = /^\/b\/([^/]+)\/?$/.exec(window.location.pathname);
  const boardId = match?.[1] ? decodeURIComponent(match[1]) : null;
  if (boardId) {
    return <BoardPage boardId={boardId} token={takeBoardToken(boardId)} />;
  }
  return <LandingPage />;
}
