import type React from 'react';
import { useCallback, useState } from 'react';

/**
 * Roving tabindex over a list of notes: one Tab stop for the whole list (the note last focused, else the
 * first), so a lane of fifty notes costs the keyboard as much as a lane of one.
 */
export function useRovingNotes(noteIds: readonly string[]) {
  const [current, setCurrent] = useState<string | null>(null);
  const tabbableId = current !== null && noteIds.includes(current) ? current : (noteIds[0] ?? null);
  const onNoteFocus = useCallback((noteId: string) => setCurrent(noteId), []);
  return { tabbableId, onNoteFocus };
}

/** Arrow keys, Home and End on a focused note: the focus goes to another note of the same list. */
export function moveFocusAmongNotes(event: React.KeyboardEvent<HTMLElement>, note: HTMLElement): boolean {
  const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key];
  const edge = event.key === 'Home' || event.key === 'End';
  if (step === undefined && !edge) return false;
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return false;
  // The list's own notes (a lane's are in chunks, noteChunks.ts), not those of a group's card inside it.
  const list = note.closest('.note-list');
  const notes = list
    ? [...list.querySelectorAll<HTMLElement>(':scope > li[data-note-id], :scope > .note-chunk > li[data-note-id]')]
    : [note];
  const index = notes.indexOf(note);
  const next = edge ? notes[event.key === 'Home' ? 0 : notes.length - 1] : notes[index + (step ?? 0)];
  event.preventDefault();
  next?.focus();
  return true;
}
