import { type FormEvent, useId, useState } from 'react';
import { TITLE_MAX } from '../../shared/limits';
import { useI18n } from '../i18n/I18nProvider';
import { ApiError, type CreatedBoard, createBoard } from '../lib/api';
import { apiErrorMessage } from '../lib/apiErrorMessage';
import { rememberCreatedBoard } from './rememberCreatedBoard';

export function CreateBoardForm({ onCreated }: { onCreated: (board: CreatedBoard) => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed === '') return setError(t('error.titleEmpty'));
    if (trimmed.length > TITLE_MAX) return setError(t('error.titleTooLong', { max: TITLE_MAX }));
    setBusy(true);
    setError(null);
    try {
      const board = await createBoard(trimmed);
      rememberCreatedBoard(board);
      onCreated(board);
    } catch (e) {
      // A refusal with a code (too many boards at once, another site) has its own translated message.
      if (e instanceof ApiError && e.code) return setError(apiErrorMessage(t, e));
      const reason = e instanceof ApiError ? e.message : t('error.network');
      setError(t('error.createFailed', { reason }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="create-heading">
      <h2 id="create-heading">{t('landing.create.heading')}</h2>
      <form onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('landing.create.titleLabel')}</span>
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={t('landing.create.titlePlaceholder')}
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
          />
        </label>
        {error && (
          <p id={errorId} className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('landing.create.creating') : t('landing.create.submit')}
        </button>
      </form>
    </section>
  );
}
