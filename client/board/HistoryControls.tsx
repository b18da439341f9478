import { useEffect } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useBoard } from './hooks';
import { useBoardUi } from './ui';

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
  const { announce } = useBoardUi();
  const canUndo = useStore(session.history.canUndo);
  const canRedo = useStore(session.history.canRedo);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isComposing || event.keyCode === 229 || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (isTextField(event.target)) return;
      const key = event.key.toLowerCase();
      const redo = (key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey);
      const undo = key === 'z' && !event.shiftKey;
      if (!undo && !redo) return;
      event.preventDefault();
      if (undo && session.history.undo()) announce(t('history.undone'));
      if (redo && session.history.redo()) announce(t('history.redone'));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [session, announce, t]);

  return (
    <span className="history-controls">
      <button
        type="button"
        disabled={!canUndo}
        aria-keyshortcuts="Control+Z"
        onClick={() => session.history.undo() && announce(t('history.undone'))}
      >
        {t('history.undo')}
      </button>
      <button
        type="button"
        disabled={!canRedo}
        aria-keyshortcuts="Control+Shift+Z"
        onClick={() => session.history.redo() && announce(t('history.redone'))}
      >
        {t('history.redo')}
      </button>
    </span>
  );
}
