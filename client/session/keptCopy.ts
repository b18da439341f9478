import { readLocal } from '../lib/localStore';

/**
 * The mark that this device keeps a copy of a board: set once its offline copy opened (offlineCopy.ts), removed
 * with the copy. Apart, so that the page's first, small script (earlyFetch.ts) can read it.
 */
export const keptCopyKey = (boardId: string) => `board.copyKept.${boardId}`;

export const hasKeptCopy = (boardId: string): boolean => readLocal(keptCopyKey(boardId)) !== null;
