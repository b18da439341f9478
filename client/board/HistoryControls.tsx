import { useCallback, useEffect, useRef } from 'react';
import { restoreInitiative } from '../../shared/ops/initiatives';
import { restoreNote } from '../../shared/ops/notes';
import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { focusNextControl } from '../ui/focusNext';
import { IconButton } from '../ui/IconButton';
import { RedoIcon, UndoIcon } from '../ui/icons/headerIcons';

/** Where the browser's own undo applies (a text field's typing), the board's shortcuts stay out of the way. */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT' ||
    target.tagName === 'INPUT'
  );
}

/** 元に戻す / やり直す buttons, and Ctrl+Z, Ctrl+Shift+Z (and Ctrl+Y) anywhere on the board outside a text field. */
export function HistoryControls() {
  const { t } = useI18n();
  const { session } = useBoard();
  const { announce, notify } = useBoardUi();

  // Undoing the creation of a note moves it to the trash (never erased: colleagues may have built on it).
  const runUndo = useCallback(() => {
    const outcome = session.history.undo();
    if (outcome.kind === 'undone') announce(t('history.undone'));
    if (outcome.kind === 'trashed') {
      notify({
        message:
          outcome.noteIds.length > 0
            ? t('history.trashed', { count: outcome.noteIds.length })
            : t('history.trashedInitiatives', { count: outcome.initiativeIds.length }),
        action: {
          label: t('note.undo'),
          run: () => {
            for (const id of outcome.noteIds) restoreNote(session.boardDoc, id);
            for (const id of outcome.initiativeIds) restoreInitiative(session.boardDoc, id);
          },
          focusAfter: outcome.noteIds[0] ?? outcome.initiativeIds[0],
        },
      });
    }
  }, [session, announce, notify, t]);
  const canUndo = useStore(session.history.canUndo);
  const canRedo = useStore(session.history.canRedo);
  const undoButton = useRef<HTMLButtonElement>(null);
  const redoButton = useRef<HTMLButtonElement>(null);
  /**
   * A button pressed until nothing is left to do is disabled, and a disabled button drops the focus to the
   * page: once the page shows the result, the focus goes to the other button if it became usable, else on.
   */
  const keepFocusAfter = (button: HTMLButtonElement | null) =>
    requestAnimationFrame(() => {
      const focused = document.activeElement;
      if (!button?.disabled || (focused !== button && focused !== document.body)) return;
      const other = button === undoButton.current ? redoButton.current : undoButton.current;
      if (other && !other.disabled) other.focus();
      else if (button.parentElement) focusNextControl(button.parentElement);
    });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isComposing || event.keyCode === 229 || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (isTextField(event.target)) return;
      const key = event.key.toLowerCase();
      const redo = (key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey);
      const undo = key === 'z' && !event.shiftKey;
      if (!undo && !redo) return;
      event.preventDefault();
      if (undo) runUndo();
      if (redo && session.history.redo()) announce(t('history.redone'));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [session, announce, runUndo, t]);

  return (
    <span className="history-controls">
      <IconButton
        ref={undoButton}
        icon={<UndoIcon />}
        tooltip={t('history.undo')}
        label={t('history.undo')}
        disabled={!canUndo}
        aria-keyshortcuts="Control+Z"
        onClick={() => {
          keepFocusAfter(undoButton.current);
          runUndo();
        }}
      />
      <IconButton
        ref={redoButton}
        icon={<RedoIcon />}
        tooltip={t('history.redo')}
        label={t('history.redo')}
        disabled={!canRedo}
        aria-keyshortcuts="Control+Shift+Z"
        onClick={() => {
          keepFocusAfter(redoButton.current);
          if (session.history.redo()) announce(t('history.redone'));
        }}
      />
    </span>
  );
}
