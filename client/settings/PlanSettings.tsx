import { type FormEvent, useEffect, useId, useState } from 'react';
import { fiscalYearOf, formatFiscalYear, formatFiscalYearEn } from '../../shared/fiscalYear';
import { periodName } from '../../shared/periodText';
import { PLAN_DEFAULT_PERIOD_YEARS, PLAN_DEFAULT_YEARS, PLAN_MAX_YEARS, type PlanPeriod } from '../../shared/plan';
import { useI18n } from '../i18n/I18nProvider';
import { type PlanSummary, planApi } from '../lib/api';
import { apiErrorMessage } from '../lib/apiErrorMessage';
import { useBoard, useSettings } from '../session/hooks';
import { isImeEnter } from '../ui/ime';
import '../i18n/planCycleMessages';

/**
 * The board's plan (計画) in ボードの設定: which plan and period it is for, moving it to another period or out of
 * the plan; or, for a board in none, making a plan (the seed's 8 years in periods of 2) or joining one by its id.
 * The server decides (docs/api.md, Plans) and the settings document shows the result to everyone.
 */
export function PlanSettings() {
  const { t, lang } = useI18n();
  const { session } = useBoard();
  const { plan, period } = useSettings();
  const api = planApi(session.boardId, session.token);
  const headingId = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<PlanSummary | null>(null);

  // The plan's periods, to move the board between them: read again whenever the board's plan changes.
  const planKey = plan ? `${plan.id}:${plan.period.number}:${plan.name}` : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the plan shown (api is per render).
  useEffect(() => {
    if (!planKey) return setSummary(null);
    let live = true;
    api
      .read()
      .then((read) => live && setSummary(read))
      .catch(() => live && setSummary(null));
    return () => {
      live = false;
    };
  }, [planKey]);

  async function act(run: () => Promise<unknown>) {
    setBusy(true);
    try {
      await run();
      setError(null);
    } catch (failure) {
      setError(apiErrorMessage(t, failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="settings-plan">
      <h3 id={headingId}>{t('plan.heading')}</h3>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {plan ? (
        <>
          <p>
            {t('plan.member', {
              plan: plan.name,
              period: plan.period.name,
              years: periodName(plan.period, lang),
            })}
            {plan.workingGroup !== '' && ` ${t('plan.memberGroup', { group: plan.workingGroup })}`}
          </p>
          {summary?.joinKey && (
            <p className="muted">
              {t('plan.joinKeyToShare')} <code className="plan-id">{summary.joinKey}</code>
            </p>
          )}
          {summary && (
            <MovePeriodForm
              busy={busy}
              current={plan.period.number}
              periods={summary.periods}
              onMove={(number) => act(() => api.moveTo(plan.id, number, plan.workingGroup))}
            />
          )}
          <div className="dialog-actions">
            <button type="button" disabled={busy} onClick={() => act(api.leave)}>
              {t('plan.leave')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="muted">{t('plan.explain')}</p>
          <NewPlanForm
            busy={busy}
            firstYearDefault={period.first}
            onCreate={(input) => act(() => api.create({ ...input, year: period.first }))}
          />
          <JoinPlanForm
            busy={busy}
            onJoin={(joinKey, workingGroup) => act(() => api.join(joinKey, period.first, workingGroup))}
          />
        </>
      )}
    </section>
  );
}

/** 新しい計画を作る: name, first fiscal year, length and period length (the seed's 8 and 2 by default). */
function NewPlanForm({
  busy,
  firstYearDefault,
  onCreate,
}: {
  busy: boolean;
  firstYearDefault: number;
  onCreate: (input: { name: string; firstYear: number; years: number; periodYears: number }) => void;
}) {
  const { t, lang } = useI18n();
  const [name, setName] = useState('');
  const [firstYear, setFirstYear] = useState(firstYearDefault);
  const [years, setYears] = useState(PLAN_DEFAULT_YEARS);
  const [periodYears, setPeriodYears] = useState(PLAN_DEFAULT_PERIOD_YEARS);
  const current = fiscalYearOf(Date.now());
  const offered = new Set([firstYearDefault]);
  for (let year = current - 8; year <= current + 8; year++) offered.add(year);
  const yearName = lang === 'ja' ? formatFiscalYear : formatFiscalYearEn;
  function submit(event: FormEvent) {
    event.preventDefault();
    onCreate({ name, firstYear, years, periodYears });
  }
  return (
    <form className="settings-plan-form" onSubmit={submit} onKeyDown={(e) => isImeEnter(e) && e.preventDefault()}>
      <h4>{t('plan.create')}</h4>
      <label className="field">
        <span>{t('plan.name')}</span>
        <input value={name} required onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('plan.firstYear')}</span>
        <select value={firstYear} onChange={(e) => setFirstYear(Number(e.target.value))}>
          {[...offered]
            .sort((a, b) => a - b)
            .map((year) => (
              <option key={year} value={year}>
                {yearName(year)}
              </option>
            ))}
        </select>
      </label>
      <label className="field">
        <span>{t('plan.years')}</span>
        <input
          type="number"
          min={1}
          max={PLAN_MAX_YEARS}
          value={years}
          onChange={(e) => setYears(Number(e.target.value))}
        />
      </label>
      <label className="field">
        <span>{t('plan.periodYears')}</span>
        <input
          type="number"
          min={1}
          max={years}
          value={periodYears}
          onChange={(e) => setPeriodYears(Number(e.target.value))}
        />
      </label>
      <button type="submit" disabled={busy}>
        {t('plan.createSubmit')}
      </button>
    </form>
  );
}

/** 計画に加える: by the plan's join key, which a facilitator of one of its boards reads in their ボードの設定. */
function JoinPlanForm({ busy, onJoin }: { busy: boolean; onJoin: (joinKey: string, workingGroup: string) => void }) {
  const { t } = useI18n();
  const [planId, setPlanId] = useState('');
  const [workingGroup, setWorkingGroup] = useState('');
  return (
    <form
      className="settings-plan-form"
      onSubmit={(event) => {
        event.preventDefault();
        onJoin(planId.trim(), workingGroup.trim());
      }}
      onKeyDown={(e) => isImeEnter(e) && e.preventDefault()}
    >
      <h4>{t('plan.join')}</h4>
      <label className="field">
        <span>{t('plan.joinKey')}</span>
        <input value={planId} required onChange={(e) => setPlanId(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('plan.workingGroup')}</span>
        <input value={workingGroup} onChange={(e) => setWorkingGroup(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        {t('plan.joinSubmit')}
      </button>
    </form>
  );
}

/**
 * このボードの期: another period of the plan, chosen then applied with its button (a select that moved the board
 * on every arrow key would pass it through each period between).
 */
function MovePeriodForm({
  busy,
  current,
  periods,
  onMove,
}: {
  busy: boolean;
  current: number;
  periods: readonly PlanPeriod[];
  onMove: (number: number) => void;
}) {
  const { t, lang } = useI18n();
  const [chosen, setChosen] = useState(current);
  const id = useId();
  return (
    <div className="text-setting">
      <label className="field" htmlFor={id}>
        <span>{t('plan.periodOfBoard')}</span>
        <select id={id} value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
          {periods.map((p) => (
            <option key={p.number} value={p.number}>
              {t('plan.periodOption', { period: p.name, years: periodName(p, lang) })}
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={busy || chosen === current} onClick={() => onMove(chosen)}>
        {t('plan.moveToPeriod')}
      </button>
    </div>
  );
}
