import type React from 'react';
import { createContext, useContext } from 'react';
import type { LaneKind } from '../../shared/records/lane';
import type { ReadStore } from '../lib/store';
import type { DisplayMode } from './displayMode';

/** What a note action works on, read from the document when the action runs (never a stale copy). */
export interface NoteTarget {
  noteId: string;
  text: string;
  /** The cluster the note is shown in, or null when it is loose in its lane. */
  clusterId: string | null;
  /** The pillar the note (or its cluster) is in; null for a note with no place. */
  pillarId: string | null;
  /** Its lane (課題, 達成目標, アイデア); null for a note with no place. */
  lane: LaneKind | null;
}

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
  /** This browser's density and overview, for the page to show them. */
  display: DisplayMode;
}

export const ActionsContext = createContext<Actions | null>(null);

export function useActions(): Actions {
  const value = useContext(ActionsContext);
  if (!value) throw new Error('useActions outside ActionsHost');
  return value;
}
