import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { TITLE_MAX } from '../../shared/limits';
import { resetPrioritizationLabel, setPrioritizationLabel } from '../../shared/ops/prioritization';
import { PRIORITIZATION_LABEL_KEYS } from '../../shared/records/prioritization';
import type { Result } from '../../shared/result';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { isImeEnter } from '../ui/ime';
import { useModalDialog } from '../ui/useModalDialog';
import { usePrioritizationLabels } from './usePrioritizing';

/**
 * The facilitator's labels: the two axes and the four quadrants (the period is the board's, in ボードの設定). Written to the
 * settings document, which the server lets only the facilitator change; everyone sees a change at once.
 */
export function LabelsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const dialog = useModalDialog();
  const titleId = useId();
  const label = usePrioritizationLabels();
  const [error, setError] = useState<string | null>(null);
  const report = (result: Result<unknown>) =>
    setError(result.ok ? null : t(`error.${result.error}`, { max: TITLE_MAX }));
  return (
    <dialog ref={dialog} className="dialog dialog-wide" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('matrix.labelsHeading')}</h2>
      <p className="muted">{t('matrix.labelsHelp')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {PRIORITIZATION_LABEL_KEYS.map((key) => (
        <LabelField
          key={key}
          field={t(`matrix.labelField.${key}`)}
          value={label(key)}
          onSave={(value) => report(setPrioritizationLabel(session.settingsDoc, key, value))}
          onReset={() => report(resetPrioritizationLabel(session.settingsDoc, key))}
        />
      ))}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('matrix.labelsClose')}
        </button>
      </div>
    </dialog>
  );
}

/**
 * One label: saved with its button or Enter, but never with the Enter that confirms an IME conversion.
 * A change from elsewhere replaces the field unless the person is editing it.
 */
function LabelField({
  field,
  value,
  onSave,
  onReset,
}: {
  field: string;
  value: string;
  onSave: (value: string) => void;
  onReset: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  const shownValue = useRef(value);
  useEffect(() => {
    setDraft((current) =>
      document.activeElement !== input.current || current === shownValue.current ? value : current,
    );
    shownValue.current = value;
  }, [value]);
  // Saving the label as shown changes nothing: in English the shown default is a translation, and storing it
  // would show English to everyone else.
  const save = () => {
    if (draft !== value) onSave(draft);
  };
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter' || isImeEnter(event)) return;
    event.preventDefault();
    save();
  }
  return (
    <div className="text-setting">
      <label className="field">
        <span>{field}</span>
        <input ref={input} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} />
      </label>
      <button type="button" aria-label={t('matrix.labelSaveOf', { field })} onClick={save}>
        {t('matrix.labelSave')}
      </button>
      <button type="button" aria-label={t('matrix.labelResetOf', { field })} onClick={onReset}>
        {t('matrix.labelReset')}
      </button>
    </div>
  );
}
