import { type FormEvent, useId, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useModalDialog } from '../ui/useModalDialog';

/** Asks for the display name once; the browser remembers it. Also used to change it later. */
export function NameDialog({
  initial = '',
  onSubmit,
  onCancel,
}: {
  initial?: string;
  onSubmit: (name: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const dialog = useModalDialog();
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const helpId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return setError(t('error.titleEmpty'));
    if (trimmed.length > 50) return setError(t('error.titleTooLong', { max: 50 }));
    onSubmit(trimmed);
  }

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        if (!onCancel) e.preventDefault();
        else onCancel();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>{t('name.dialogTitle')}</h2>
        <label className="field">
          <span>{t('name.label')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-describedby={helpId}
            aria-invalid={error !== null}
            autoComplete="nickname"
          />
        </label>
        <p id={helpId} className="muted">
          {t('name.help')}
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          {onCancel && (
            <button type="button" onClick={onCancel}>
              {t('move.cancel')}
            </button>
          )}
          <button type="submit" className="primary">
            {t(onCancel ? 'settings.save' : 'name.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
