import { useId } from 'react';
import { type PlanOverview, planVerificationSummary, type SummaryResult } from '../../shared/planOverview';
import { VERIFICATION_RESULTS } from '../../shared/records/continued';
import { useI18n } from '../i18n/I18nProvider';
import '../i18n/planCycleMessages';

const COLUMNS: readonly SummaryResult[] = [...VERIFICATION_RESULTS, 'unverified'];

/**
 * 計画全体の検証, on a board of the plan's last period (検証・次期策定): per pillar, how many of the plan's
 * initiatives ended in each 結果 (their latest verification), as the group drafts the next plan from it.
 */
export function WholePlanVerification({ overview, order }: { overview: PlanOverview; order: readonly string[] }) {
  const { t } = useI18n();
  const captionId = useId();
  // In this board's order of its pillars (a plan's boards keep the pillars' ids), unknown ones last.
  const rank = (id: string | null) => (id !== null && order.includes(id) ? order.indexOf(id) : order.length);
  const rows = planVerificationSummary(overview.lineages).sort((a, b) => rank(a.pillarId) - rank(b.pillarId));
  const label = (result: SummaryResult) =>
    result === 'unverified' ? t('continued.result.none') : t(`continued.result.${result}`);
  return (
    <section className="plan-whole" aria-labelledby={captionId}>
      <table className="plan-table">
        <caption id={captionId}>{t('planView.whole.caption', { plan: overview.plan.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('planView.whole.pillar')}</th>
            {COLUMNS.map((result) => (
              <th scope="col" key={result}>
                {label(result)}
              </th>
            ))}
            <th scope="col">{t('planView.whole.total')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.pillarId ?? ''}>
              <th scope="row">{row.pillarTitle || t('planView.pillarUnknown')}</th>
              {COLUMNS.map((result) => (
                <td key={result}>{row.counts[result]}</td>
              ))}
              <td>{row.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('planView.whole.explain')}</p>
    </section>
  );
}
