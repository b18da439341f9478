import type { MessageKey, Translate } from '../../shared/i18n/index';
import type { LaneKind } from '../../shared/records/lane';
import type { BoardContextValue } from '../board/hooks';
import type { BoardUi } from '../board/ui';

/** A key press that runs an action: `key` is KeyboardEvent.key (letters lower case). */
export interface Shortcut {
  key: string;
  /** Ctrl on Windows and Linux, ⌘ on a Mac. */
  mod?: boolean;
  /** How the help dialog and the palette show it (「Ctrl+K」, 「Delete」). */
  label: string;
}

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

/** The board-page openers an action may need (dialogs and the menu live in one place, ActionsHost). */
export interface ActionDialogs {
  openGroup: (noteId: string, pillarId: string) => void;
  openColor: (noteId: string) => void;
  openThread: (noteId: string) => void;
  openPalette: () => void;
  openHelp: () => void;
  /** Focus to the note once the page shows the action's result (it may have moved to another lane). */
  focusNote: (noteId: string) => void;
  /** Focus to the next note of its list (else the previous one, else the lane): the note is about to go. */
  focusNeighbour: (noteId: string) => void;
}

/** Everything an action may read or call: who this person is on the board, the page's messages, the dialogs. */
export interface ActionEnv {
  board: BoardContextValue;
  ui: BoardUi;
  t: Translate;
  dialogs: ActionDialogs;
}

/**
 * One user action, defined once (excalidraw's `actions/`): the same definition fills the note's menu, the
 * keyboard shortcut, the shortcut help (`?`) and the command palette (Ctrl+K), so no action lacks a keyboard path.
 */
export interface ActionDefinition<Target> {
  id: string;
  labelKey: MessageKey;
  shortcut?: Shortcut;
  /** Whether it applies now: role, lock, the target's state. An action that does not apply is not offered. */
  predicate: (env: ActionEnv, target: Target) => boolean;
  /** For a switch (注目, いいね): whether it is on now (a menuitemcheckbox). */
  checked?: (env: ActionEnv, target: Target) => boolean;
  perform: (env: ActionEnv, target: Target) => void;
}

export type NoteAction = ActionDefinition<NoteTarget>;
export type BoardAction = ActionDefinition<null>;
