import { createContext, useContext } from 'react';

/** Board-page session state that is not board data: toasts, the open dialog. Never stored in the Y.Doc. */
export interface Toast {
  id: number;
  message: string;
  action?: { label: string; run: () => void };
  tone?: 'info' | 'error';
}

export interface BoardUi {
  notify: (toast: Omit<Toast, 'id'>) => void;
  openMoveDialog: (noteId: string) => void;
}

export const BoardUiContext = createContext<BoardUi | null>(null);

export function useBoardUi(): BoardUi {
  const value = useContext(BoardUiContext);
  if (!value) throw new Error('useBoardUi outside BoardView');
  return value;
}
