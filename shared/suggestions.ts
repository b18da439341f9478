/**
 * The answers of the suggestions API (docs/api.md "Suggestions"), as the server computes them
 * (server/suggestions/) and the page reads them (client/suggestions/).
 */

/** The lanes a suggestion looks at: one lane, or the pillar's three together. */
export type SuggestionLane = 'problem' | 'goal' | 'idea' | 'all';

/** A suggested group of notes. */
export interface GroupSuggestion {
  noteIds: string[];
  /** Its most characteristic words, joined by ・. */
  title: string;
  /** The words its notes share, most characteristic first (the reason shown beside the suggestion). */
  terms: string[];
  /** How alike its notes are: the average similarity of its last merge, 0..1. */
  score: number;
  /** Per note id, how the shared words are written in it (its text after NFKC, lower case), to highlight them. */
  highlights: Record<string, string[]>;
}

/** A note like the text being typed. */
export interface SimilarNote {
  id: string;
  score: number;
  terms: string[];
  /** How the shared words are written in the note (its text after NFKC, lower case), to highlight them. */
  highlights: string[];
}
