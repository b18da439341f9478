import { BoardPage } from '../board/BoardPage';
import { LandingPage } from '../landing/lazyLanding';
import { takeBoardToken } from '../lib/boardToken';
import { boardIdFromPath } from '../session/earlyFetch';

/** Two pages: `/` (create or reopen a board) and `/b/<boardId>#token=…` (the board). */
export function App() {
  const boardId = boardIdFromPath(window.location.pathname);
  if (boardId) {
    return <BoardPage boardId={boardId} token={takeBoardToken(boardId)} />;
  }
  return <LandingPage />;
}
