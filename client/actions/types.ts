import type { MessageKey, Translate } from '../../shared/i18n/index';
import type { BoardContextValue } from '../session/hooks';
import type { NoteTarget } from '../ui/ActionsContext';
import type { BoardUi } from '../ui/boardUi';
import type { DisplayMode } from '../ui/displayMode';

/** A key press that runs an action: `key` is KeyboardEvent.key (letters lower case). */
export interface Shortcut {
  key: string;
  /** Ctrl on Windows and Linux, ⌘ on a Mac. */
  mod?: boolean;
  /** How the help dialog and the palette show it (「Ctrl+K」, 「Delete」). */
  label: string;
}

/** The board-page openers an action may need (dialogs and the menu live in one place, ActionsHost). */
export interface ActionDialogs {
  openGroup: (noteId: string, pillarId: string) => void;
  openColor: (noteId: string) => void;
  openThread: (noteId: string) => void;
  openPalette: () => void;
  openHelp: () => void;
  /**
   * A board dialog: the facilitator's tools (ボードの設定, メンバーとリンク, 操作履歴, the lock's confirmation),
   * the meeting plan and the confirmation of moving on to the next meeting.
   */
  openBoardDialog: (kind: BoardDialogKind) => void;
  /** Focus to the note once the page shows the action's result (it may have moved to another lane). */
  focusNote: (noteId: string) => void;
  /** Focus to the next note of its list (else the previous one, else the lane): the note is about to go. */
  focusNeighbour: (noteId: string) => void;
}

/** The facilitator's dialogs, the meeting plan (everyone may read it) and the confirmations of moving on. */
export type BoardDialogKind =
  | 'settings'
  | 'people'
  | 'audit'
  | 'contributions'
  | 'digest'
  | 'lock'
  | 'meetingPlan'
  | 'nextMeeting'
  | 'finishMeeting'
  | 'suggestions';

/** Everything an action may read or call: who this person is on the board, the page's messages, the dialogs. */
export interface ActionEnv {
  board: BoardContextValue;
  ui: BoardUi;
  t: Translate;
  dialogs: ActionDialogs;
  /** This browser's density (一覧) and the overview (全体表示). */
  display: DisplayMode;
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
  /** The header menu that lists it (board actions only); every action is in the palette anyway. */
  menu?: 'facilitator';
}

export type NoteAction = ActionDefinition<NoteTarget>;
export type BoardAction = ActionDefinition<null>;
