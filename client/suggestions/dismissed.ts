import type { SuggestedGroup } from './suggestionsApi';

/**
 * Suggestions this person dismissed (却下), for as long as this page is open: session state, never in the board
 * document (a colleague may still want that group). Keyed by the board and the suggestion's notes, so the same
 * group suggested again (after a new question) stays hidden, and a different group of some of its notes does not.
 */
const dismissed = new Set<string>();

export const suggestionKey = (boardId: string, group: Pick<SuggestedGroup, 'noteIds'>) =>
  `${boardId}:${[...group.noteIds].sort().join(',')}`;

export const isDismissed = (boardId: string, group: SuggestedGroup) => dismissed.has(suggestionKey(boardId, group));

export function dismiss(boardId: string, group: SuggestedGroup): void {
  dismissed.add(suggestionKey(boardId, group));
}
