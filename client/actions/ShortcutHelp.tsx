import { useId } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useModalDialog } from '../ui/useModalDialog';
import { BOARD_ACTIONS, NOTE_ACTIONS } from './registry';

/** `?`: every shortcut, read from the same definitions that run them (so the list cannot drift). */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const dialog = useModalDialog();
  const titleId = useId();
  const rows = (list: readonly { id: string; labelKey: Parameters<typeof t>[0]; shortcut?: { label: string } }[]) =>
    list
      .filter((action) => action.shortcut)
      .map((action) => (
        <tr key={action.id}>
          <td>{t(action.labelKey)}</td>
          <td>
            <kbd>{action.shortcut?.label}</kbd>
          </td>
        </tr>
      ));
  return (
    <dialog ref={dialog} className="dialog shortcut-help" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('help.title')}</h2>
      <table>
        <caption>{t('help.note')}</caption>
        <tbody>
          {rows(NOTE_ACTIONS)}
          <tr>
            <td>{t('help.lift')}</td>
            <td>
              <kbd>Space</kbd>
            </td>
          </tr>
          <tr>
            <td>{t('help.menu')}</td>
            <td>
              <kbd>Shift+F10</kbd>
            </td>
          </tr>
          <tr>
            <td>{t('help.arrows')}</td>
            <td>
              <kbd>↑ ↓ ← →</kbd>
            </td>
          </tr>
        </tbody>
      </table>
      <table>
        <caption>{t('help.board')}</caption>
        <tbody>{rows(BOARD_ACTIONS)}</tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
