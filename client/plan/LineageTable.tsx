import { periodName } from '../../shared/periodText';
import type { PlanPeriod } from '../../shared/plan';
import type { Lineage, LineagePeriod, LineageTrend, PlanOverview } from '../../shared/planOverview';
import { useI18n } from '../i18n/I18nProvider';
import '../i18n/planCycleMessages';

/**
 * One pillar's initiatives across the plan's periods: a row per initiative (its title is the row header), when
 * it started, a column per period with its status there, and its KPI trend. A real table (caption, th scope),
 * so a screen reader names the initiative and the period of every cell.
 */
export function LineageTable({
  pillar,
  lineages,
  overview,
}: {
  pillar: string;
  lineages: readonly Lineage[];
  overview: PlanOverview;
}) {
  const { t, lang } = useI18n();
  const periods = overview.plan.periods;
  const nameOf = (number: number) => periods.find((p) => p.number === number)?.name ?? String(number);
  return (
    <div className="plan-table-wrap">
      <table className="plan-table">
        <caption>{t('planView.caption', { pillar, count: lineages.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('planView.colInitiative')}</th>
            <th scope="col">{t('planView.colStarted')}</th>
            {periods.map((period) => (
              <th key={period.number} scope="col" aria-current={period.number === overview.periodNumber || undefined}>
                <PeriodHeading period={period} years={periodName(period, lang)} />
              </th>
            ))}
            <th scope="col">{t('planView.colKpi')}</th>
          </tr>
        </thead>
        <tbody>
          {lineages.map((lineage) => (
            <tr key={lineage.id}>
              <th scope="row">{lineage.title}</th>
              <td>{nameOf(lineage.started)}</td>
              {periods.map((period) => (
                <td key={period.number}>
                  <PeriodCell cell={lineage.periods.find((p) => p.periodNumber === period.number) ?? null} />
                </td>
              ))}
              <td>
                <Trend trend={lineage.trend} nameOf={nameOf} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PeriodHeading({ period, years }: { period: PlanPeriod; years: string }) {
  return (
    <>
      {period.name}
      <span className="plan-years">{years}</span>
    </>
  );
}

/** What the initiative was in one period: its status, or its arrival from the last period and its verification. */
function PeriodCell({ cell }: { cell: LineagePeriod | null }) {
  const { t } = useI18n();
  if (!cell) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t('planView.none')}</span>
      </>
    );
  }
  return (
    <ul className="plan-cell">
      {cell.status && <li>{t(`initiative.status.${cell.status}`)}</li>}
      {cell.continued && <li>{t('planView.continued')}</li>}
      {cell.continued && (
        <li className={cell.result ? `plan-result plan-result-${cell.result}` : 'muted'}>
          {cell.result
            ? t('planView.result', { result: t(`continued.result.${cell.result}`) })
            : t('continued.result.none')}
        </li>
      )}
    </ul>
  );
}

/** The KPI of each period's work: 「第1期: 目標 50手続き → 実績 42手続き」. */
function Trend({ trend, nameOf }: { trend: readonly LineageTrend[]; nameOf: (number: number) => string }) {
  const { t } = useI18n();
  const shown = trend.filter((entry) => entry.target !== '' || entry.actual !== '');
  if (shown.length === 0) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t('planView.none')}</span>
      </>
    );
  }
  return (
    <ul className="plan-cell">
      {shown.map((entry) => (
        <li key={entry.periodNumber}>
          {t('planView.trend', {
            period: nameOf(entry.periodNumber),
            target: entry.target || t('planView.noValue'),
            actual: entry.actual || t('planView.noValue'),
          })}
          {entry.actualNotNumeric && <strong className="plan-check"> {t('planView.needsCheck')}</strong>}
        </li>
      ))}
    </ul>
  );
}
