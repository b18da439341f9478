import type { GroupSuggestion, SimilarNote, SuggestionLane } from '../../shared/suggestions';
import { boardApi } from '../lib/api';

export type { SimilarNote, SuggestionLane } from '../../shared/suggestions';
/** A suggested group as the server answers it. */
export type SuggestedGroup = GroupSuggestion;

/** The server's suggestions (computed on the server, no outside service): groups of a pillar, similar notes. */
export function suggestionsApi(boardId: string, token: string) {
  return {
    groups: (pillarId: string, lane: SuggestionLane, granularity: number, signal?: AbortSignal) => {
      const query = new URLSearchParams({ pillarId, lane, granularity: String(granularity) });
      const path = `/suggestions/groups?${query}`;
      return boardApi<{ groups: SuggestedGroup[] }>(boardId, token, 'GET', path, undefined, signal).then(
        (answer) => answer.groups,
      );
    },
    similar: (pillarId: string, text: string, signal?: AbortSignal) =>
      boardApi<{ notes: SimilarNote[] }>(
        boardId,
        token,
        'POST',
        '/suggestions/similar',
        { pillarId, text },
        signal,
      ).then((answer) => answer.notes),
  };
}
