import { useDraggable, useDroppable } from '@dnd-kit/core';
import { type RefObject, useLayoutEffect } from 'react';
import type { DropData } from './dnd/dropTarget';
import type { DragHandlers, NoteIndex } from './noteIndex';

/**
 * dnd-kit's hooks for a note, mounted only where they are needed: a note costs about forty hooks and a dozen
 * effects with them, five times the rest of the note. A drag starts only from the note under the pointer or
 * with the focus (`index.armed`: the list arms it on pointer-over and focus, before the press that lifts it),
 * so only those hold a draggable; while a drag is on, every note holds a droppable (dnd-kit registers and
 * measures them as they come). The note's element is shared through `element`; the instructions that
 * dnd-kit's draggables point to carry a fixed id (`DND_INSTRUCTIONS_ID`), so every note points to them always.
 */
export const DND_INSTRUCTIONS_ID = 'board-dnd-instructions';

export function NoteDragBinding({
  noteId,
  element,
  disabled,
  index,
}: {
  noteId: string;
  element: RefObject<HTMLElement | null>;
  disabled: boolean;
  index: NoteIndex;
}) {
  const { setNodeRef, setActivatorNodeRef, listeners } = useDraggable({ id: noteId, disabled });
  useLayoutEffect(() => {
    setNodeRef(element.current);
    setActivatorNodeRef(element.current);
  });
  useLayoutEffect(() => {
    if (!listeners) return;
    const handlers = listeners as DragHandlers;
    index.dragHandlers.set(noteId, handlers);
    return () => {
      if (index.dragHandlers.get(noteId) === handlers) index.dragHandlers.delete(noteId);
    };
  }, [index, noteId, listeners]);
  return null;
}

export function NoteDropBinding({
  noteId,
  element,
  data,
  lifted,
}: {
  noteId: string;
  element: RefObject<HTMLElement | null>;
  data: DropData;
  /** This note is the one dragged: it is not shown as a target over itself. */
  lifted: boolean;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: `note:${noteId}`, data });
  useLayoutEffect(() => setNodeRef(element.current));
  // An attribute React does not manage (the class list is the note's own).
  const over = isOver && !lifted;
  useLayoutEffect(() => {
    const target = element.current;
    if (!target) return;
    target.toggleAttribute('data-drop-over', over);
    return () => target.removeAttribute('data-drop-over');
  }, [element, over]);
  return null;
}
