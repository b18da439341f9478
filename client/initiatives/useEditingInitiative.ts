import { useCallback, useEffect, useRef, useState } from 'react';
import type { Initiative } from '../../shared/records/initiative';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { refocus } from './InitiativeCard';

/**
 * Which initiative this person is editing, kept by the view (a card may remount when a colleague moves it).
 * When a colleague deletes it, the editor closes with a message — and the words typed but not written, if
 * any, shown in it with a copy button — and the focus goes to the view's heading; a later restore does not
 * reopen it.
 */
export function useEditingInitiative(live: readonly Initiative[], headingId: string) {
  const { t } = useI18n();
  const ui = useBoardUi();
  const { canEditBoard } = useBoard();
  const [editingId, setEditingId] = useState<string | null>(null);
  const unsaved = useRef<string[]>([]);
  const found = editingId === null ? undefined : live.find((i) => i.id === editingId);
  // Runs after the closed editor's fields cleaned up (and reported what they could not write).
  useEffect(() => {
    if (editingId === null || found) return;
    setEditingId(null);
    const lost = unsaved.current.join('\n');
    unsaved.current = [];
    const message = t('initiative.deletedWhileEditing');
    ui.notify({
      message: lost ? `${message} ${t('initiative.unsavedText', { text: lost })}` : message,
      tone: 'error',
      action: lost
        ? { label: t('initiative.copyUnsaved'), run: () => void navigator.clipboard?.writeText(lost).catch(() => {}) }
        : undefined,
    });
    document.getElementById(headingId)?.focus();
  }, [editingId, found, ui, t, headingId]);
  const onUnsaved = useCallback((text: string) => {
    unsaved.current.push(text);
  }, []);
  return {
    editing: canEditBoard ? found : undefined,
    edit: setEditingId,
    close: () => {
      // Back to its 編集 button, found anew: the card may have been remounted (moved by this person in the
      // editor, or by a colleague), and the button that opened the editor is then gone from the page.
      if (editingId !== null) refocus(editingId, '.initiative-edit');
      setEditingId(null);
    },
    onUnsaved,
  };
}
