import type React from 'react';
import { createContext, useContext } from 'react';
import type { ReadStore } from '../lib/store';
import type { NoteTarget } from './types';

/** The note whose menu is open, with what the menu offered when it opened (kept if the note goes meanwhile). */
export interface OpenMenu {
  noteId: string;
  text: string;
  /** The note as it was when the menu opened: an action is refused if a colleague moved it meanwhile. */
  opened: NoteTarget;
  actionIds: readonly string[];
  /** The 「…」 button it opened from: the menu is placed under it. */
  button: HTMLElement;
}

export interface Actions {
  menu: ReadStore<OpenMenu | null>;
  openMenu: (noteId: string, button: HTMLElement) => void;
  /**
   * A key pressed on a focused note: its shortcut (Enter 編集, M 移動…, Delete 削除...) or Shift+F10 for the
   * menu. Returns true when the key was an action's.
   */
  onNoteKey: (event: React.KeyboardEvent, noteId: string, menuButton: HTMLElement | null) => boolean;
}

export const ActionsContext = createContext<Actions | null>(null);

export function useActions(): Actions {
  const value = useContext(ActionsContext);
  if (!value) throw new Error('useActions outside ActionsHost');
  return value;
}
