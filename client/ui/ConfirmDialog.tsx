import { useId } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useModalDialog } from './useModalDialog';

/** Asks before an action that cannot be taken back (a replaced link, a removed person, a lock). */
export function ConfirmDialog({
  message,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const dialog = useModalDialog();
  const messageId = useId();
  return (
    <dialog ref={dialog} className="dialog" role="alertdialog" aria-labelledby={messageId} onCancel={onCancel}>
      <p id={messageId}>{message}</p>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
