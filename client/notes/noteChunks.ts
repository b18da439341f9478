import type React from 'react';
import { useLayoutEffect, useRef, useState } from 'react';

/**
 * A lane's notes are laid out in chunks, each chunk a grid of its own that the browser skips
 * (`content-visibility: auto`) while it is far from the screen. Per note, that skipping costs the browser an
 * intersection check at every frame: on a board of 3,000 notes it was half of the frame that paints a colleague's
 * edit (docs/benchmarks.md); per chunk of about 24 it is 24 times less.
 */
export const NOTES_PER_CHUNK = 24;

/**
 * How many notes a chunk holds when the lane's grid has `columns` columns: about NOTES_PER_CHUNK, and a whole
 * number of rows, so a chunk ends on a full row and the grid reads as one (24 itself for 1, 2, 3, 4, 6, 8, 12).
 */
export function chunkSize(columns: number): number {
  const perRow = Math.max(1, Math.floor(columns));
  return perRow * Math.ceil(NOTES_PER_CHUNK / perRow);
}

export interface NoteChunk {
  /** Stable while the chunk lives: a note whose chunk keeps its key is not mounted again. */
  key: number;
  ids: string[];
}

/** The notes cut into chunks of `size`, in order. */
export function evenChunks(ids: readonly string[], size = NOTES_PER_CHUNK): NoteChunk[] {
  const chunks: NoteChunk[] = [];
  for (let i = 0; i < ids.length; i += size) chunks.push({ key: i / size, ids: ids.slice(i, i + size) });
  return chunks;
}

/**
 * The notes in the chunks they were in before (`previous`), as far as the order allows: React mounts a note again
 * when it changes chunk (a new parent), which would drop the focus and break an IME composition, so while someone
 * works in the lane a colleague's note added, deleted or moved must not move the others. The notes that keep their
 * chunk are the longest run, in the new order, whose old chunks never go back; every other note (new, or moved
 * past others) goes into the chunk of the kept note before it (the first chunk at the top).
 */
export function keptChunks(ids: readonly string[], previous: readonly NoteChunk[]): NoteChunk[] {
  if (previous.length === 0) return evenChunks(ids);
  const chunkOf = new Map<string, number>();
  previous.forEach((chunk, position) => {
    for (const id of chunk.ids) chunkOf.set(id, position);
  });
  const kept = longestNonDecreasing(ids.map((id) => chunkOf.get(id)));
  const members = previous.map(() => [] as string[]);
  let position = 0;
  ids.forEach((id, i) => {
    if (kept.has(i)) position = chunkOf.get(id)!;
    members[position]!.push(id);
  });
  return previous.map((chunk, i) => ({ key: chunk.key, ids: members[i]! })).filter((chunk) => chunk.ids.length > 0);
}

/** The indexes of a longest subsequence of the defined values that never decreases (patience sorting). */
function longestNonDecreasing(values: readonly (number | undefined)[]): Set<number> {
  const tails: number[] = []; // tails[k]: index of the smallest last value of a run of length k + 1
  const before = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    if (value === undefined) return;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (values[tails[middle]!]! <= value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) before[i] = tails[low - 1]!;
    tails[low] = i;
  });
  const run = new Set<number>();
  for (let i = tails.at(-1) ?? -1; i >= 0; i = before[i]!) run.add(i);
  return run;
}

/** The number of columns of a lane's grid, from its first chunk (null before it is laid out). */
function columnsOf(list: HTMLElement): number | null {
  const chunk = list.querySelector<HTMLElement>('.note-chunk');
  const tracks = chunk ? getComputedStyle(chunk).gridTemplateColumns : 'none';
  return tracks === 'none' || tracks === '' ? null : tracks.split(' ').length;
}

/**
 * The lane's chunks, and the props its list needs. Even chunks (sized to the grid's columns), except while the
 * focus is in the list or a note is being dragged: then the chunks keep their notes (`keptChunks`), and are made
 * even again once the person is done. A note or its 「…」 button that had the focus and was mounted again anyway
 * gets it back (an open editor takes it back itself, NoteEditor.tsx).
 */
export function useNoteChunks(ids: readonly string[], dragging: boolean) {
  const [focusWithin, setFocusWithin] = useState(false);
  const [columns, setColumns] = useState(2);
  const previous = useRef<NoteChunk[] | null>(null);
  const hold = focusWithin || dragging;
  const chunks = hold && previous.current ? keptChunks(ids, previous.current) : evenChunks(ids, chunkSize(columns));
  const list = useRef<HTMLDivElement>(null);
  const focused = useRef<{ element: HTMLElement; noteId: string; part: 'note' | 'menu' | 'other' } | null>(null);
  useLayoutEffect(() => {
    previous.current = chunks;
    // The focused note was mounted again: the focus went to the page; it goes back to the same note.
    const last = focused.current;
    if (!last || last.part === 'other' || last.element.isConnected || !list.current) return;
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    const note = list.current.querySelector<HTMLElement>(`li[data-note-id="${CSS.escape(last.noteId)}"]`);
    const target = last.part === 'note' ? note : note?.querySelector<HTMLElement>('button.note-menu-button');
    target?.focus({ preventScroll: true });
  });
  // The grid's columns follow the lane's width (window, density, overview).
  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const measure = () => {
      const counted = columnsOf(element);
      if (counted !== null) setColumns(counted);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const listProps = {
    ref: list,
    onFocusCapture(event: React.FocusEvent<HTMLElement>) {
      const note = event.target instanceof Element ? event.target.closest<HTMLElement>('li[data-note-id]') : null;
      if (note?.dataset.noteId) {
        const part =
          event.target === note ? 'note' : event.target.matches('button.note-menu-button') ? 'menu' : 'other';
        focused.current = { element: event.target, noteId: note.dataset.noteId, part };
      }
      setFocusWithin(true);
    },
    onBlurCapture(event: React.FocusEvent<HTMLElement>) {
      const next = event.relatedTarget;
      if (next instanceof Node && event.currentTarget.contains(next)) return;
      // The window lost the focus (another application, another tab): the element keeps it, so does the lane.
      if (!document.hasFocus()) return;
      const element = event.target;
      // The person went elsewhere (a click on the page's background included); a note removed with the focus
      // in it is not that: it is put back by the layout effect above, in the same commit.
      queueMicrotask(() => {
        if (element.isConnected && focused.current?.element === element) focused.current = null;
      });
      setFocusWithin(false);
    },
  };
  return { chunks, listProps };
}
