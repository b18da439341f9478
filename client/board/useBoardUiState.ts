import { useEffect, useMemo, useState } from 'react';
import { createStore } from '../lib/store';
import type { BoardSession } from '../session/session';
import type { BoardUi } from '../ui/boardUi';
import { createViewStore } from '../ui/boardViews';
import { useToasts } from '../ui/useToasts';

/** The board page's session state (never in the documents): messages, the move dialog, the note being edited. */
export function useBoardUiState(session: BoardSession) {
  const { toasts, notify, dismiss, hold, log, announcement, announce } = useToasts();
  const [moveNoteId, setMoveNoteId] = useState<string | null>(null);
  const [editingNoteId] = useState(() => createStore<string | null>(null));
  const [carets] = useState(() => new Map<string, [number, number]>());
  const [view] = useState(createViewStore);
  const [focusInitiative] = useState(() => createStore<string | null>(null));
  const ui = useMemo<BoardUi>(
    () => ({
      notify,
      messageLog: log,
      announce,
      openMoveDialog: setMoveNoteId,
      view,
      editingNoteId,
      keepCaret: (noteId, selection) => carets.set(noteId, selection),
      takeCaret: (noteId) => {
        const caret = carets.get(noteId) ?? null;
        carets.delete(noteId);
        return caret;
      },
      focusInitiative,
    }),
    [notify, log, announce, view, editingNoteId, carets, focusInitiative],
  );
  // The note being edited left every lane and cluster (deleted, or its pillar archived): stop editing it, so
  // that an undo later does not reopen an editor that takes the focus from wherever the person is now.
  useEffect(
    () =>
      session.laneIndex.subscribe(() => {
        const id = editingNoteId.get();
        const shown = (lists: Iterable<readonly string[]>) => [...lists].some((ids) => ids.includes(id ?? ''));
        if (
          id &&
          !shown(session.laneIndex.get().lanes.values()) &&
          !shown(session.clusterIndex.get().members.values())
        ) {
          editingNoteId.set(null);
        }
      }),
    [session, editingNoteId],
  );
  return { ui, toasts, dismiss, hold, announcement, moveNoteId, closeMoveDialog: () => setMoveNoteId(null) };
}
