import type { CreatedBoard } from '../lib/api';
import { rememberBoard } from '../lib/recentBoards';
import { saveSharedLinkToken } from '../lib/sharedLinks';

/** A board this browser just created (new or imported): listed as recent, its three links kept for reloads. */
export function rememberCreatedBoard(board: CreatedBoard): void {
  rememberBoard({ id: board.id, title: board.title, role: 'facilitator', token: board.tokens.facilitator });
  for (const role of ['facilitator', 'participant', 'viewer'] as const) {
    saveSharedLinkToken(board.id, role, board.tokens[role]);
  }
}
