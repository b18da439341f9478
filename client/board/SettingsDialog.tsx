import { nanoid } from 'nanoid';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { TITLE_MAX } from '../../shared/limits';
import {
  addPillar,
  archivePillar,
  movePillar,
  renamePillar,
  restorePillar,
  setBoardTitle,
  setLaneLabel,
} from '../../shared/ops/pillars';
import { LANE_KINDS } from '../../shared/records/lane';
import type { Result } from '../../shared/result';
import { useI18n } from '../i18n/I18nProvider';
import { BoardManagement } from './BoardManagement';
import { useBoard, useLaneLabelText, useSettings } from './hooks';
import { useModalDialog } from './useModalDialog';

/**
 * The facilitator's settings: board title, pillars (add, rename, reorder, archive), lane labels, and the
 * board's archive and delete.
 */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { archived } = useBoard();
  const dialog = useModalDialog();
  const titleId = useId();
  const [error, setError] = useState<string | null>(null);

  function report(result: Result<unknown>) {
    setError(result.ok ? null : t(`error.${result.error}`, { max: TITLE_MAX }));
  }

  return (
    <dialog ref={dialog} className="dialog dialog-wide" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('settings.heading')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!archived && <EditableSettings report={report} />}
      <BoardManagement />
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('settings.close')}
        </button>
      </div>
    </dialog>
  );
}

/** Title, pillars and lane labels: hidden while the board is archived (read-only for everyone). */
function EditableSettings({ report }: { report: (result: Result<unknown>) => void }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const settings = useSettings();
  const laneLabel = useLaneLabelText();
  const doc = session.settingsDoc;
  return (
    <>
      <TextSetting
        label={t('settings.boardTitle')}
        value={settings.title}
        onSave={(v) => report(setBoardTitle(doc, v))}
      />

      <h3>{t('settings.pillars')}</h3>
      <ol className="settings-pillars">
        {settings.pillars.map((pillar, index) => (
          <li key={pillar.id}>
            <TextSetting
              label={t('settings.pillarTitle', { title: pillar.title })}
              value={pillar.title}
              onSave={(v) => report(renamePillar(doc, pillar.id, v))}
            />
            <button
              type="button"
              disabled={index === 0}
              onClick={() => report(movePillar(doc, pillar.id, index - 1))}
              aria-label={t('settings.moveUp', { title: pillar.title })}
            >
              ↑
            </button>
            <button
              type="button"
              disabled={index === settings.pillars.length - 1}
              onClick={() => report(movePillar(doc, pillar.id, index + 1))}
              aria-label={t('settings.moveDown', { title: pillar.title })}
            >
              ↓
            </button>
            <button type="button" onClick={() => report(archivePillar(doc, pillar.id))}>
              {t('settings.archive', { title: pillar.title })}
            </button>
          </li>
        ))}
      </ol>
      <AddPillarForm onAdd={(title) => addPillar(doc, { id: nanoid(10), title })} onResult={report} />

      {settings.archivedPillars.length > 0 && (
        <>
          <h3>{t('settings.archived')}</h3>
          <ul className="settings-pillars">
            {settings.archivedPillars.map((pillar) => (
              <li key={pillar.id}>
                <span>{pillar.title}</span>
                <button type="button" onClick={() => report(restorePillar(doc, pillar.id))}>
                  {t('settings.restore', { title: pillar.title })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>{t('settings.laneLabels')}</h3>
      {LANE_KINDS.map((kind) => (
        <TextSetting
          key={kind}
          label={t('settings.laneLabel', { kind: t(`lane.${kind}`) })}
          value={laneLabel(kind, settings.laneLabels[kind])}
          onSave={(v) => report(setLaneLabel(doc, kind, v))}
        />
      ))}
    </>
  );
}

/**
 * A labelled text field saved with its button or Enter. Browsers do not submit a form on the Enter that
 * confirms an IME conversion (see the landing page's browser test).
 */
function TextSetting({ label, value, onSave }: { label: string; value: string; onSave: (value: string) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  const shownValue = useRef(value);
  // A change from elsewhere (another facilitator tab) replaces the field only if the person is not editing it.
  useEffect(() => {
    setDraft((current) =>
      document.activeElement !== input.current || current === shownValue.current ? value : current,
    );
    shownValue.current = value;
  }, [value]);
  function submit(event: FormEvent) {
    event.preventDefault();
    onSave(draft);
  }
  return (
    <form className="text-setting" onSubmit={submit}>
      <label className="field">
        <span>{label}</span>
        <input ref={input} value={draft} onChange={(e) => setDraft(e.target.value)} />
      </label>
      <button type="submit" aria-label={`${t('settings.save')}: ${label}`}>
        {t('settings.save')}
      </button>
    </form>
  );
}

function AddPillarForm({
  onAdd,
  onResult,
}: {
  onAdd: (title: string) => Result<string>;
  onResult: (r: Result<unknown>) => void;
}) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    const result = onAdd(title);
    onResult(result);
    if (result.ok) setTitle('');
  }
  return (
    <form className="text-setting" onSubmit={submit}>
      <label className="field">
        <span>{t('settings.newPillarTitle')}</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <button type="submit">{t('settings.addPillar')}</button>
    </form>
  );
}
