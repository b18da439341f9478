import { createContext, useContext } from 'react';

/**
 * How many notes of a pillar the board's first paint shows, its lanes in their order (課題, 達成目標, アイデア:
 * they are stacked in the pillar's column, so a full first lane fills the screen and the next ones start below
 * it). The rest come in the render that follows the first paint (a React transition, which yields to input): on
 * a board of thousands of notes the screen is filled with what it can show, sooner, and every note is in the
 * DOM a moment later (find-in-page and screen readers need them all; docs/benchmarks.md, `board-complete`).
 * A screen's worth: a note is at least 24 px tall in the compact density (one line per note, one per row in a
 * pillar's column), so the window's height over 24 px covers a column filled from the top, in any density.
 */
export function firstPaintNotesPerPillar(windowHeight = globalThis.innerHeight ?? 1080): number {
  return Math.min(96, Math.max(24, Math.ceil(windowHeight / 24)));
}

/** False only between the board's first paint and the render that adds the rest of every lane's notes. */
export const AllNotesShownContext = createContext(true);

/**
 * The notes of a lane the page shows now: all of them, or before the first paint what is left of the pillar's
 * first-paint budget after the lanes above it (`notesAbove`).
 */
export function useShownNotes(noteIds: readonly string[], notesAbove: number): readonly string[] {
  const allShown = useContext(AllNotesShownContext);
  const budget = Math.max(0, firstPaintNotesPerPillar() - notesAbove);
  return allShown || noteIds.length <= budget ? noteIds : noteIds.slice(0, budget);
}
