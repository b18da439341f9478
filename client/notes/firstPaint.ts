import { createContext, useContext } from 'react';

/**
 * How many notes of a lane the board's first paint shows. A lane shows its first notes at once and the rest
 * in the render that follows the first paint (a React transition, which yields to input): on a board of
 * thousands of notes the screen is filled with what it can show, sooner, and every note is in the DOM a
 * moment later (find-in-page and screen readers need them all; docs/benchmarks.md, `board-complete`). 48
 * covers a lane filling the tallest screen in the compact density (one line per note).
 */
export const FIRST_PAINT_NOTES_PER_LANE = 48;

/** False only between the board's first paint and the render that adds the rest of every lane's notes. */
export const AllNotesShownContext = createContext(true);

/** The notes of a lane the page shows now: all of them, or the first ones before the first paint. */
export function useShownNotes(noteIds: readonly string[]): readonly string[] {
  const allShown = useContext(AllNotesShownContext);
  return allShown || noteIds.length <= FIRST_PAINT_NOTES_PER_LANE
    ? noteIds
    : noteIds.slice(0, FIRST_PAINT_NOTES_PER_LANE);
}
