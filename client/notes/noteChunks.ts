import type React from 'react';
import { useLayoutEffect, useRef, useState } from 'react';

/**
 * A lane's notes are laid out in chunks of this many, each chunk a grid of its own that the browser skips
 * (`content-visibility: auto`) while it is far from the screen. Per note, that skipping costs the browser an
 * intersection check at every frame: on a board of 3,000 notes it was half of the frame that paints a colleague's
 * edit (docs/benchmarks.md); per chunk it is 24 times less. 24 is a multiple of every column count a lane has
 * (1, 2, 3, 4, 6, 8, 12), so a chunk ends on a full row and the grid reads as one.
 */
export const NOTES_PER_CHUNK = 24;

export interface NoteChunk {
  /** Stable while the chunk lives: a note whose chunk keeps its key is not mounted again. */
  key: number;
  ids: string[];
}

/** The notes cut into chunks of NOTES_PER_CHUNK, in order. */
export function evenChunks(ids: readonly string[]): NoteChunk[] {
  const chunks: NoteChunk[] = [];
  for (let i = 0; i < ids.length; i += NOTES_PER_CHUNK) {
    chunks.push({ key: i / NOTES_PER_CHUNK, ids: ids.slice(i, i + NOTES_PER_CHUNK) });
  }
  return chunks;
}

/**
 * The notes in the chunks they were in before (`previous`): a note added goes into the chunk of the note before
 * it, a note removed leaves a gap, and no note changes chunk unless it moved past another chunk. React mounts a
 * note again when it changes chunk (a new parent), which would drop the focus and break an IME composition: while
 * someone works in the lane, a colleague's note added or deleted above must not do that.
 */
export function keptChunks(ids: readonly string[], previous: readonly NoteChunk[]): NoteChunk[] {
  if (previous.length === 0) return evenChunks(ids);
  const chunkOf = new Map<string, number>();
  previous.forEach((chunk, position) => {
    for (const id of chunk.ids) chunkOf.set(id, position);
  });
  const members = previous.map(() => [] as string[]);
  let position = 0;
  for (const id of ids) {
    const was = chunkOf.get(id);
    if (was !== undefined && was > position) position = was;
    members[position]!.push(id);
  }
  return previous.map((chunk, i) => ({ key: chunk.key, ids: members[i]! })).filter((chunk) => chunk.ids.length > 0);
}

/**
 * The lane's chunks, and the handlers its list needs. Even chunks, except while the focus is in the list or a
 * note is being dragged: then the chunks are kept (`keptChunks`), and made even again once the person is done.
 * A note mounted again anyway (it moved past a chunk) gets the focus back.
 */
export function useNoteChunks(ids: readonly string[], dragging: boolean) {
  const [focusWithin, setFocusWithin] = useState(false);
  const previous = useRef<NoteChunk[] | null>(null);
  const hold = focusWithin || dragging;
  const chunks = hold && previous.current ? keptChunks(ids, previous.current) : evenChunks(ids);
  const list = useRef<HTMLDivElement>(null);
  const focused = useRef<{ element: HTMLElement; noteId: string; onNote: boolean } | null>(null);
  useLayoutEffect(() => {
    previous.current = chunks;
    // The focused note was mounted again: the focus went to the page; it goes back to the same note.
    const last = focused.current;
    if (!last || last.element.isConnected || !list.current) return;
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    const note = list.current.querySelector<HTMLElement>(`li[data-note-id="${CSS.escape(last.noteId)}"]`);
    const target = last.onNote ? note : note?.querySelector<HTMLElement>('button.note-menu-button');
    target?.focus();
  });
  const listHandlers = {
    ref: list,
    onFocusCapture(event: React.FocusEvent<HTMLElement>) {
      const note = event.target instanceof Element ? event.target.closest<HTMLElement>('li[data-note-id]') : null;
      if (note?.dataset.noteId) {
        focused.current = { element: event.target, noteId: note.dataset.noteId, onNote: event.target === note };
      }
      setFocusWithin(true);
    },
    onBlurCapture(event: React.FocusEvent<HTMLElement>) {
      const next = event.relatedTarget;
      if (next instanceof Node && event.currentTarget.contains(next)) return;
      setFocusWithin(false);
    },
  };
  return { chunks, listHandlers };
}
