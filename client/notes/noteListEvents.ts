import type React from 'react';
import { useMemo, useRef } from 'react';
import { flushSync } from 'react-dom';
import { useActions } from '../ui/ActionsContext';
import type { NoteIndex } from './noteIndex';
import { moveFocusAmongNotes } from './roving';

const noteOf = (target: EventTarget) =>
  target instanceof Element ? target.closest<HTMLElement>('li[data-note-id]') : null;
const menuButtonOf = (target: EventTarget) =>
  target instanceof Element ? target.closest<HTMLButtonElement>('button.note-menu-button') : null;

interface NoteListOptions {
  onNoteFocus: (noteId: string) => void;
  /** A note is lifted: the keys are dnd-kit's (arrows move it, Space or Enter drops, Escape cancels). */
  dragging: boolean;
  index: NoteIndex;
  canEditBoard: boolean;
}

/**
 * The keyboard, pointer and mouse handlers of a list of notes, on the list itself (event delegation): a note
 * adds no handler of its own, so a lane of five hundred notes makes no closures per note.
 * - The pointer over a note, or the focus on it, arms it: its dnd-kit draggable is mounted (noteDrag.tsx)
 *   before the press that lifts it. Mouse and touch presses on a note's text, and keys on the note, go to it.
 * - On a focused note: arrows, Home and End move among the notes; the actions' shortcuts (Enter edits,
 *   Shift+F10 opens the menu...); Space lifts it.
 * - On a 「…」 button: a click or ArrowDown / ArrowUp opens the menu.
 */
export function useNoteListEvents({ onNoteFocus, dragging, index, canEditBoard }: NoteListOptions) {
  const actions = useActions();
  const draggingNow = useRef(dragging);
  draggingNow.current = dragging;
  return useMemo(() => {
    /** The armed note's press, passed to dnd-kit (which checks the activator and the sensor's constraints). */
    const toDrag = (event: React.SyntheticEvent, kind: 'onMouseDown' | 'onTouchStart' | 'onKeyDown') => {
      const id = noteOf(event.target)?.dataset.noteId;
      if (id) index.dragHandlers.get(id)?.[kind]?.(event);
    };
    const arm = (slot: 'pointer' | 'focus', target: EventTarget) => {
      const id = noteOf(target)?.dataset.noteId;
      // Never while a drag is on: the lifted note keeps its draggable until it is dropped.
      if (!id || !canEditBoard || draggingNow.current) return;
      // The pointer: at once, as the press that follows may come in the very next task (React renders a
      // pointer-over's update later). The focus is a discrete event: React renders it before the next key.
      if (slot === 'pointer') flushSync(() => index.arm(slot, id));
      else index.arm(slot, id);
    };
    return {
      onPointerOver(event: React.PointerEvent<HTMLElement>) {
        arm('pointer', event.target);
      },
      onFocus(event: React.FocusEvent<HTMLElement>) {
        const id = noteOf(event.target)?.dataset.noteId;
        if (!id) return;
        onNoteFocus(id);
        arm('focus', event.target);
      },
      onMouseDown(event: React.MouseEvent<HTMLElement>) {
        if (event.target instanceof Element && event.target.closest('.note-text')) toDrag(event, 'onMouseDown');
      },
      onTouchStart(event: React.TouchEvent<HTMLElement>) {
        if (event.target instanceof Element && event.target.closest('.note-text')) toDrag(event, 'onTouchStart');
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
        if (actions.onNoteKey(event, id, note.querySelector<HTMLElement>('button.note-menu-button'))) return;
        // Space lifts the note (dnd-kit's keyboard sensor, only on the note itself).
        toDrag(event, 'onKeyDown');
      },
    };
  }, [actions, onNoteFocus, index, canEditBoard]);
}
