import type React from 'react';
import { useMemo, useRef } from 'react';
import { useActions } from '../actions/ActionsContext';
import { moveFocusAmongNotes } from './roving';

const noteOf = (target: EventTarget) =>
  target instanceof Element ? target.closest<HTMLElement>('li[data-note-id]') : null;

/**
 * The keyboard and mouse handlers of a list of notes, on the list itself (event delegation): a note adds no
 * handler of its own but dnd-kit's, so a lane of five hundred notes makes five hundred fewer closures per
 * handler. On a focused note: arrows, Home and End move among the notes; the actions' shortcuts (Enter edits,
 * Shift+F10 opens the menu...). On a 「…」 button: a click or ArrowDown / ArrowUp opens the menu.
 * `dragging`: a note is lifted, and the keys are dnd-kit's (arrows move it, Space or Enter drops, Escape cancels).
 */
export function useNoteListEvents(onNoteFocus: (noteId: string) => void, dragging: boolean) {
  const actions = useActions();
  const draggingNow = useRef(dragging);
  draggingNow.current = dragging;
  return useMemo(() => {
    const menuButtonOf = (target: EventTarget) =>
      target instanceof Element ? target.closest<HTMLButtonElement>('button.note-menu-button') : null;
    return {
      onFocus(event: React.FocusEvent<HTMLElement>) {
        const id = noteOf(event.target)?.dataset.noteId;
        if (id) onNoteFocus(id);
      },
      onClick(event: React.MouseEvent<HTMLElement>) {
        const button = menuButtonOf(event.target);
        const id = button && noteOf(button)?.dataset.noteId;
        if (button && id) actions.openMenu(id, button);
      },
      onKeyDown(event: React.KeyboardEvent<HTMLElement>) {
        if (draggingNow.current || event.defaultPrevented) return;
        const note = noteOf(event.target);
        const id = note?.dataset.noteId;
        if (!note || !id) return;
        const button = menuButtonOf(event.target);
        if (button) {
          if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
          event.preventDefault();
          actions.openMenu(id, button);
          return;
        }
        if (event.target !== note) return;
        if (moveFocusAmongNotes(event, note)) return;
        actions.onNoteKey(event, id, note.querySelector<HTMLElement>('button.note-menu-button'));
      },
    };
  }, [actions, onNoteFocus]);
}
