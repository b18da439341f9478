import { useI18n } from '../i18n/I18nProvider';
import type { Toast } from './ui';

/**
 * Messages after an action (with an undo where there is one). The container is a live region that exists
 * from the start, so screen readers announce each new message.
 */
export function Toasts({
  toasts,
  onDismiss,
  announcement,
}: {
  toasts: readonly Toast[];
  onDismiss: (id: number) => void;
  announcement: { text: string; serial: number };
}) {
  const { t } = useI18n();
  return (
    <>
      {/* Keyed by serial so the same words twice ("note added") are announced twice. */}
      <div className="visually-hidden" role="status" aria-live="polite">
        <span key={announcement.serial}>{announcement.text}</span>
      </div>
      <ToastList toasts={toasts} onDismiss={onDismiss} t={t} />
    </>
  );
}

function ToastList({
  toasts,
  onDismiss,
  t,
}: {
  toasts: readonly Toast[];
  onDismiss: (id: number) => void;
  t: ReturnType<typeof useI18n>['t'];
}) {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast ${toast.tone === 'error' ? 'toast-error' : ''}`}>
          <span>{toast.message}</span>
          {toast.action && (
            <button
              type="button"
              onClick={() => {
                toast.action?.run();
                onDismiss(toast.id);
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label={t('trash.close')}
            onClick={() => onDismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
