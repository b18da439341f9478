import { createContext, useContext } from 'react';
import { useBoard } from '../session/hooks';
import { ActionsContext } from '../ui/ActionsContext';
import type { Density } from '../ui/displayMode';

/** The least a board's notes start below the window's top: the header, the view bar, a pillar's and a lane's title. */
const BOARD_TOP_MIN_PX = 150;
/**
 * The least a row of notes takes (a one-line note and the gap below it) and the narrowest a note gets (its grid's
 * minimum, styles.css and display.css), in each density.
 */
const NOTE_ROW_MIN_PX = { notes: 56, compact: 28 } as const;
const NOTE_MIN_WIDTH_PX = { notes: 168, compact: 288 } as const;
/** Below this width the pillars are stacked, one above the other (styles.css, `max-width: 40rem`). */
const STACKED_BELOW_PX = 640;

/**
 * How many notes of a pillar the board's first paint shows, its lanes in their order (課題, 達成目標, アイデア:
 * they are stacked in the pillar's column, so a full first lane fills the screen and the next ones start below
 * it). The rest come in the render that follows the first paint (a React transition, which yields to input): on
 * a board of thousands of notes the screen is filled with what it can show, sooner, and every note is in the
 * DOM a moment later (find-in-page and screen readers need them all; docs/benchmarks.md, `board-complete`).
 * A screen's worth in this window and density, counted generously: rows of the shortest notes (one line) from
 * the board's highest possible top to the window's bottom, times the most notes a row of a pillar's column
 * holds (the shown pillars share the width; each note is at least its grid's minimum wide). 1400×900, three
 * pillars: 28.
 */
export function firstPaintNotesPerPillar(
  density: Density = 'notes',
  windowWidth = globalThis.innerWidth ?? 1920,
  windowHeight = globalThis.innerHeight ?? 1080,
  pillars = 3,
): number {
  const rows = Math.ceil(Math.max(0, windowHeight - BOARD_TOP_MIN_PX) / NOTE_ROW_MIN_PX[density]);
  // Side by side, the pillars share the width (more than three scroll sideways, each as wide as a third at most);
  // in a narrow window they are stacked, each as wide as the window (styles.css, 40rem).
  const sharing = windowWidth <= STACKED_BELOW_PX ? 1 : Math.min(3, Math.max(1, pillars));
  const columns = Math.max(1, Math.floor(windowWidth / sharing / NOTE_MIN_WIDTH_PX[density]));
  return Math.min(96, Math.max(12, rows * columns));
}

/** False only between the board's first paint and the render that adds the rest of every lane's notes. */
export const AllNotesShownContext = createContext(true);

/**
 * The notes of a lane the page shows now: all of them, or before the first paint what is left of the pillar's
 * first-paint budget after the lanes above it (`notesAbove`).
 */
export function useShownNotes(noteIds: readonly string[], notesAbove: number): readonly string[] {
  const allShown = useContext(AllNotesShownContext);
  // Read, not subscribed: they matter for the first paint only (the density is kept per browser, displayMode.ts).
  const density = useContext(ActionsContext)?.display.density.get();
  const pillars = useBoard().session.settings.get().pillars.length;
  if (allShown) return noteIds;
  const budget = Math.max(0, firstPaintNotesPerPillar(density, undefined, undefined, pillars) - notesAbove);
  return noteIds.length <= budget ? noteIds : noteIds.slice(0, budget);
}
