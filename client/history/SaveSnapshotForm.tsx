import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { SNAPSHOT_NAME_MAX } from '../../shared/limits';
import { useI18n } from '../i18n/I18nProvider';
import { isImeEnter } from '../ui/ime';
import '../i18n/documentMessages';

/** The facilitator names the board as it is now, e.g. 第2回終了時. An Enter that confirms an IME conversion never submits. */
export function SaveSnapshotForm({ onSave }: { onSave: (name: string) => Promise<boolean> }) {
  const { t } = useI18n();
  const inputId = useId();
  const errorId = useId();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return setProblem(t('snapshot.nameEmpty'));
    if (trimmed.length > SNAPSHOT_NAME_MAX) return setProblem(t('snapshot.nameTooLong', { max: SNAPSHOT_NAME_MAX }));
    setProblem(null);
    setBusy(true);
    const saved = await onSave(trimmed);
    setBusy(false);
    if (saved) setName('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter is handled here rather than by the form's implicit submission, which browsers treat differently
    // during an IME conversion: the Enter that confirms a conversion never saves.
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (!isImeEnter(event)) void submit();
  }

  return (
    <form className="snapshot-save" onSubmit={submit}>
      <label className="field" htmlFor={inputId}>
        <span>{t('snapshot.saveLabel')}</span>
      </label>
      <input
        id={inputId}
        value={name}
        placeholder={t('snapshot.savePlaceholder')}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={onKeyDown}
        aria-invalid={problem !== null}
        aria-describedby={problem ? errorId : undefined}
      />
      <button type="submit" className="primary" disabled={busy}>
        {t('snapshot.save')}
      </button>
      {problem && (
        <p id={errorId} className="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
