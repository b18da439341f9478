import { createContext, useContext } from 'react';
import type { Store } from '../lib/store';
import type { BoardViewName } from './boardViews';
import type { MessageLog } from './useToasts';

/** Board-page session state that is not board data: toasts, the open dialog. Never stored in the Y.Doc. */
export interface Toast {
  id: number;
  message: string;
  /**
   * `focusAfter`: the id of the note, group or initiative the action brings back; pressed from the toast, the
   * focus goes to it (the toast leaves with the press).
   */
  action?: { label: string; run: () => void; focusAfter?: string };
  tone?: 'info' | 'error';
}

export interface BoardUi {
  /** A visible message, with an action (undo) where there is one; screen readers hear it too. */
  notify: (toast: Omit<Toast, 'id'>) => void;
  /** The recent messages (toasts close by themselves) and their actions while unused: the header's メッセージ. */
  messageLog: MessageLog;
  /** A confirmation only screen readers hear (a sighted person sees the change itself). */
  announce: (message: string) => void;
  openMoveDialog: (noteId: string) => void;
  /** The open view (board, matrix, results, shortlist): this tab's own, kept in the address. */
  view: Store<BoardViewName>;
  /**
   * The note this person is editing. Kept here, not in the note's component, so the editor survives the
   * note being moved to another lane by a colleague (its component is then mounted anew there).
   */
  editingNoteId: Store<string | null>;
  /** The caret of an editor that unmounted (its note moved), for the one that reopens; taken once. */
  keepCaret: (noteId: string, selection: [number, number]) => void;
  takeCaret: (noteId: string) => [number, number] | null;
  /** The initiative whose card takes the focus once the initiatives view shows it (one just made); taken once. */
  focusInitiative: Store<string | null>;
}

export const BoardUiContext = createContext<BoardUi | null>(null);

export function useBoardUi(): BoardUi {
  const value = useContext(BoardUiContext);
  if (!value) throw new Error('useBoardUi outside BoardView');
  return value;
}
