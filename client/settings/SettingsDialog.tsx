import { nanoid } from 'nanoid';
import { type FormEvent, useId, useState } from 'react';
import { fiscalYearOf, formatFiscalYear, formatFiscalYearEn } from '../../shared/fiscalYear';
import { TITLE_MAX } from '../../shared/limits';
import { setBoardPeriod } from '../../shared/ops/period';
import {
  addPillar,
  archivePillar,
  movePillar,
  restorePillar,
  type SettingsTexts,
  saveSettingsTexts,
} from '../../shared/ops/pillars';
import { LANE_KINDS, type LaneKind } from '../../shared/records/lane';
import { checkPeriod, type FiscalPeriod } from '../../shared/records/period';
import type { Result } from '../../shared/result';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard, useLaneLabelText, useSettings } from '../session/hooks';
import { ParticipantSuggestionsSwitch } from '../suggestions/ParticipantSuggestionsSwitch';
import { isImeEnter } from '../ui/ime';
import { useModalDialog } from '../ui/useModalDialog';
import { BoardManagement } from './BoardManagement';
import { ContributionCountsSwitch } from './ContributionCountsSwitch';
import { NextPeriodBoard } from './NextPeriodBoard';
import { PlanSettings } from './PlanSettings';
import { WebhookSettings } from './WebhookSettings';

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
      {!archived && <EditableSettings report={report} setMessage={setError} />}
      {!archived && <PlanSettings />}
      {!archived && <ParticipantSuggestionsSwitch />}
      {!archived && <ContributionCountsSwitch />}
      {!archived && <WebhookSettings />}
      <NextPeriodBoard />
      <BoardManagement />
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('settings.close')}
        </button>
      </div>
    </dialog>
  );
}

/** The fiscal years offered for the period: five before the current one's to eight after, and the stored ones. */
function offeredPeriodYears(period: FiscalPeriod, now: number): number[] {
  const current = fiscalYearOf(now);
  const years = new Set([period.first, period.last]);
  for (let year = current - 5; year <= current + 8; year++) years.add(year);
  return [...years].sort((a, b) => a - b);
}

const PERIOD_ERRORS = {
  'period-invalid': 'error.periodInvalid',
  'period-reversed': 'error.periodReversed',
  'period-too-long': 'error.periodTooLong',
} as const;

/**
 * Title, period, pillars and lane labels: hidden while the board is archived (read-only for everyone). The texts are
 * one form with one 保存 (saved as one change); ordering, archiving and adding pillars act at once.
 */
function EditableSettings({
  report,
  setMessage,
}: {
  report: (result: Result<unknown>) => void;
  setMessage: (message: string | null) => void;
}) {
  const { t, lang } = useI18n();
  const { session } = useBoard();
  const settings = useSettings();
  const periodHelpId = useId();
  const laneLabel = useLaneLabelText();
  const doc = session.settingsDoc;
  const addFormId = useId();
  // Only the fields the person typed in: the others keep showing the board's current text, so a colleague's
  // change (another facilitator tab) shows at once where nobody is editing, and never overwrites typing.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [newPillar, setNewPillar] = useState('');
  const labels: Record<string, string> = {
    title: t('settings.boardTitle'),
    'period:first': t('settings.periodFirst'),
    'period:last': t('settings.periodLast'),
  };
  const current: Record<string, string> = {
    title: settings.title,
    'period:first': String(settings.period.first),
    'period:last': String(settings.period.last),
  };
  for (const pillar of settings.pillars) {
    labels[`pillar:${pillar.id}`] = t('settings.pillarTitle', { title: pillar.title });
    current[`pillar:${pillar.id}`] = pillar.title;
  }
  for (const kind of LANE_KINDS) {
    labels[`lane:${kind}`] = t('settings.laneLabel', { kind: t(`lane.${kind}`) });
    current[`lane:${kind}`] = laneLabel(kind, settings.laneLabels[kind]);
  }

  function field(key: string) {
    return (
      <label className="field" key={key}>
        <span>{labels[key]}</span>
        <input
          name={key}
          value={drafts[key] ?? current[key] ?? ''}
          onChange={(e) => {
            setSaved(false);
            setDrafts((d) => ({ ...d, [key]: e.target.value }));
          }}
        />
      </label>
    );
  }

  const fiscalYearName = lang === 'ja' ? formatFiscalYear : formatFiscalYearEn;
  function periodField(key: 'period:first' | 'period:last') {
    return (
      <label className="field" key={key}>
        <span>{labels[key]}</span>
        <select
          name={key}
          aria-describedby={periodHelpId}
          disabled={settings.plan !== null}
          value={drafts[key] ?? current[key]}
          onChange={(e) => {
            setSaved(false);
            setDrafts((d) => ({ ...d, [key]: e.target.value }));
          }}
        >
          {offeredPeriodYears(settings.period, Date.now()).map((year) => (
            <option key={year} value={year}>
              {fiscalYearName(year)}
            </option>
          ))}
        </select>
      </label>
    );
  }

  function addNewPillar(event: FormEvent) {
    event.preventDefault();
    const result = addPillar(doc, { id: nanoid(10), title: newPillar });
    report(result);
    if (result.ok) setNewPillar('');
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const refuse = (field: string, message: string) => {
      setSaved(false);
      setMessage(`${labels[field] ?? ''}: ${message}`);
      form.querySelector<HTMLElement>(`[name="${CSS.escape(field)}"]`)?.focus();
    };
    // Checked before anything is saved: a refused period leaves the texts unsaved too (one 保存, one outcome).
    const period = {
      first: Number(drafts['period:first'] ?? current['period:first']),
      last: Number(drafts['period:last'] ?? current['period:last']),
    };
    const periodProblem = checkPeriod(period);
    if (periodProblem) return refuse('period:last', t(PERIOD_ERRORS[periodProblem]));
    const texts: SettingsTexts = { pillarTitles: {}, laneLabels: {} };
    for (const [key, draft] of Object.entries(drafts)) {
      // Unchanged, or its pillar was archived meanwhile (no longer shown: not renamed behind the person's back).
      if (draft === current[key] || !(key in current)) continue;
      const [kind, id = ''] = key.split(':');
      if (kind === 'period') continue;
      if (kind === 'title') texts.title = draft;
      else if (kind === 'pillar') (texts.pillarTitles ?? {})[id] = draft;
      else if (kind === 'lane') (texts.laneLabels ?? {})[id as LaneKind] = draft;
    }
    const result = saveSettingsTexts(doc, texts);
    if (!result.ok) return refuse(result.field, t(`error.${result.error}`, { max: TITLE_MAX }));
    // In a plan the period is the plan's (its selects are disabled): nothing to save.
    const periodResult = settings.plan ? null : setBoardPeriod(doc, period);
    if (periodResult && !periodResult.ok) return refuse('period:last', t(`error.${periodResult.error}`));
    setMessage(null);
    setDrafts({});
    setSaved(true);
  }

  return (
    <>
      {/* The Enter that confirms an IME conversion must not save the half-typed text. */}
      <form onSubmit={submit} onKeyDown={(e) => e.key === 'Enter' && isImeEnter(e) && e.preventDefault()}>
        {field('title')}

        <fieldset className="settings-period">
          <legend>{t('settings.period')}</legend>
          <p id={periodHelpId} className="muted">
            {settings.plan
              ? t('settings.periodFromPlan', { plan: settings.plan.name, period: settings.plan.period.name })
              : t('settings.periodHelp')}
          </p>
          {periodField('period:first')}
          {periodField('period:last')}
        </fieldset>

        <h3>{t('settings.pillars')}</h3>
        <ol className="settings-pillars">
          {settings.pillars.map((pillar, index) => (
            <li key={pillar.id}>
              {field(`pillar:${pillar.id}`)}
              <div className="settings-pillar-actions">
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
              </div>
            </li>
          ))}
        </ol>
        {/* Shown with the pillars, but owned by the add form below (the `form` attribute): Enter there adds. */}
        <div className="text-setting">
          <label className="field">
            <span>{t('settings.newPillarTitle')}</span>
            <input
              form={addFormId}
              value={newPillar}
              onChange={(e) => setNewPillar(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && isImeEnter(e) && e.preventDefault()}
            />
          </label>
          <button type="submit" form={addFormId}>
            {t('settings.addPillar')}
          </button>
        </div>

        <h3>{t('settings.laneLabels')}</h3>
        {LANE_KINDS.map((kind) => field(`lane:${kind}`))}
        <div className="settings-save">
          {saved && <output>{t('settings.saved')}</output>}
          <button type="submit" className="primary">
            {t('settings.save')}
          </button>
        </div>
      </form>
      <form id={addFormId} hidden onSubmit={addNewPillar} />

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
    </>
  );
}
