import { type FormEvent, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { ApiError, type CreatedBoard, importBoard } from '../lib/api';
import { apiErrorMessage } from '../lib/apiErrorMessage';
import { rememberCreatedBoard } from './rememberCreatedBoard';

/** The server's default limit (MAX_IMPORT_BYTES, docs/api.md): a bigger file is refused here without sending it. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * バックアップから新しいボードを作る: a JSON backup becomes a NEW board (the original is untouched), whose
 * links are then shown as for a board created here. Obviously wrong files are refused before sending; the
 * server's refusals are shown translated, and nothing is created.
 */
export function ImportBoardForm({ onCreated }: { onCreated: (board: CreatedBoard) => void }) {
  const { t } = useI18n();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const helpId = useId();

  function localProblem(chosen: File | undefined): string | null {
    if (!chosen) return t('import.noFile');
    const looksJson = chosen.name.toLowerCase().endsWith('.json') || chosen.type === 'application/json';
    if (!looksJson) return t('import.notJson', { name: chosen.name });
    if (chosen.size > IMPORT_MAX_BYTES) return t('import.tooLarge', { max: IMPORT_MAX_BYTES / 1024 / 1024 });
    return null;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    const problem = localProblem(chosen);
    if (problem || !chosen) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      const board = await importBoard(await chosen.text());
      rememberCreatedBoard(board);
      onCreated(board);
    } catch (failure) {
      setError(importErrorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  function importErrorMessage(failure: unknown): string {
    if (failure instanceof ApiError && failure.status === 413) return t('error.importTooLarge');
    // Creating a board, imported or not, needs ADMIN_TOKEN on a server that sets one.
    if (failure instanceof ApiError && failure.status === 401) return t('error.adminTokenNeeded');
    return apiErrorMessage(t, failure);
  }

  return (
    <section className="card" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('import.heading')}</h2>
      <p id={helpId} className="muted">
        {t('import.explain')}
      </p>
      <form onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('import.fileLabel')}</span>
          <input
            ref={file}
            type="file"
            accept=".json,application/json"
            onChange={() => setError(null)}
            aria-invalid={error !== null}
            aria-describedby={error ? `${helpId} ${errorId}` : helpId}
          />
        </label>
        {error && (
          <p id={errorId} className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t('import.importing') : t('import.submit')}
        </button>
      </form>
    </section>
  );
}
