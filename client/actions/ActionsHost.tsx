import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { GroupDialog } from '../clusters/lazyDialogs';
import { CommentThreadDialog } from '../comments/lazyDialogs';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { createStore } from '../lib/store';
import { ColorDialog } from '../notes/ColorDialog';
import { useBoard } from '../session/hooks';
import { type Actions, ActionsContext, type OpenMenu } from '../ui/ActionsContext';
import { useBoardUi } from '../ui/boardUi';
import { createDisplayMode } from '../ui/displayMode';
import { ActionEnvContext } from './ActionEnvContext';
import { BoardDialogs } from './BoardDialogs';
import { focusNeighbourOf, focusNoteSoon } from './focus';
import { CommandPalette, ShortcutHelp } from './lazyDialogs';
import { NoteMenu } from './NoteMenu';
import { availableNoteActions, BOARD_ACTIONS, isTyping, matchesShortcut, NOTE_ACTIONS, noteTargetOf } from './registry';
import './actions.css';
import type { ActionEnv, BoardDialogKind } from './types';

type OpenDialog =
  | { kind: 'group'; noteId: string; pillarId: string }
  | { kind: 'color'; noteId: string }
  | { kind: 'thread'; noteId: string; text: string }
  | { kind: 'palette'; noteId: string | null }
  | { kind: 'help' }
  | { kind: 'board'; which: BoardDialogKind };

/**
 * Where the board's actions run: the note menu, the dialogs the actions open, the command palette (Ctrl+K), the
 * shortcut help (`?`) and the board-wide shortcuts. One place, so a note renders only a 「…」 button and the
 * menu exists only while it is open.
 */
export function ActionsHost({ children }: { children: ReactNode }) {
  const board = useBoard();
  const ui = useBoardUi();
  const { t } = useI18n();
  const [menu] = useState(() => createStore<OpenMenu | null>(null));
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [display] = useState(createDisplayMode);
  /** The note that last had the focus: the palette offers its actions. */
  const lastNote = useRef<string | null>(null);

  const env = useMemo<ActionEnv>(
    () => ({
      board,
      ui,
      t,
      dialogs: {
        openGroup: (noteId, pillarId) => setDialog({ kind: 'group', noteId, pillarId }),
        openColor: (noteId) => setDialog({ kind: 'color', noteId }),
        openThread: (noteId) =>
          setDialog({ kind: 'thread', noteId, text: board.session.noteSnapshots.get(noteId)?.text ?? '' }),
        openPalette: () => setDialog({ kind: 'palette', noteId: lastNote.current }),
        openHelp: () => setDialog({ kind: 'help' }),
        openBoardDialog: (which) => setDialog({ kind: 'board', which }),
        focusNote: focusNoteSoon,
        focusNeighbour: focusNeighbourOf,
      },
      display,
    }),
    [board, ui, t, display],
  );
  const envRef = useRef(env);
  envRef.current = env;

  const openMenu = useCallback(
    (noteId: string, button: HTMLElement) => {
      const target = noteTargetOf(envRef.current, noteId);
      if (!target) return;
      const actionIds = availableNoteActions(envRef.current, target).map((action) => action.id);
      menu.set({ noteId, text: target.text, opened: target, actionIds, button });
    },
    [menu],
  );

  const actions = useMemo<Actions>(
    () => ({
      menu,
      openMenu,
      display,
      onNoteKey: (event, noteId, menuButton) => {
        // Only on the note itself (the list of notes passes its keys here), never in a field inside it.
        const onNote = event.target instanceof HTMLElement && event.target.dataset.noteId === noteId;
        if (!onNote || isTyping(event.nativeEvent)) return false;
        if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') {
          event.preventDefault();
          if (menuButton) openMenu(noteId, menuButton);
          return true;
        }
        const action = NOTE_ACTIONS.find((candidate) => matchesShortcut(event.nativeEvent, candidate.shortcut));
        const target = action && noteTargetOf(envRef.current, noteId);
        if (!action || !target || !action.predicate(envRef.current, target)) return false;
        event.preventDefault();
        action.perform(envRef.current, target);
        return true;
      },
    }),
    [menu, openMenu, display],
  );

  // Board-wide shortcuts (Ctrl+K, ?): never while typing or composing, nor inside an open dialog or menu.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event)) return;
      if (event.target instanceof Element && event.target.closest('dialog, [role="menu"]')) return;
      const action = BOARD_ACTIONS.find((candidate) => matchesShortcut(event, candidate.shortcut));
      if (!action?.predicate(envRef.current, null)) return;
      event.preventDefault();
      action.perform(envRef.current, null);
    };
    const onFocusIn = (event: FocusEvent) => {
      if (!(event.target instanceof Element)) return;
      if (event.target.closest('dialog, [role="menu"]')) return;
      lastNote.current = event.target.closest<HTMLElement>('li[data-note-id]')?.dataset.noteId ?? null;
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, []);

  const currentEnv = useCallback(() => envRef.current, []);
  const close = () => setDialog(null);
  return (
    <ActionsContext.Provider value={actions}>
      <ActionEnvContext.Provider value={currentEnv}>
        {children}
        <NoteMenu menu={menu} env={env} />
        {dialog?.kind === 'group' && board.canEditBoard && (
          <GroupDialog noteId={dialog.noteId} pillarId={dialog.pillarId} onClose={close} />
        )}
        {dialog?.kind === 'color' && board.canEditBoard && <ColorDialog noteId={dialog.noteId} onClose={close} />}
        {dialog?.kind === 'thread' && (
          <CommentThreadDialog targetId={dialog.noteId} kind="note" label={shorten(dialog.text, 30)} onClose={close} />
        )}
        {dialog?.kind === 'palette' && <CommandPalette env={env} noteId={dialog.noteId} onClose={close} />}
        {dialog?.kind === 'help' && <ShortcutHelp onClose={close} />}
        {dialog?.kind === 'board' && <BoardDialogs which={dialog.which} env={env} onClose={close} />}
      </ActionEnvContext.Provider>
    </ActionsContext.Provider>
  );
}
