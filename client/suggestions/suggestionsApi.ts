import { boardApi } from '../lib/api';

/** The lanes a suggestion looks at: one lane, or the pillar's three together. */
export type SuggestionLane = 'problem' | 'goal' | 'idea' | 'all';

/** A suggested group as the server answers it (docs/api.md "Suggestions"). */
export interface SuggestedGroup {
  noteIds: string[];
  title: string;
  terms: string[];
  score: number;
  /** Per note id, how the shared words are written in it (after NFKC and lower case). */
  highlights: Record<string, string[]>;
}

/** A note like the text being typed. */
export interface SimilarNote {
  id: string;
  score: number;
  terms: string[];
  highlights: string[];
}

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
