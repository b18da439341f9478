import { useId } from 'react';
import { periodName } from '../../shared/periodText';
import type { Lineage, PlanOverview } from '../../shared/planOverview';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard, useSettings } from '../session/hooks';
import { LineageTable } from './LineageTable';
import { boardLinkOf, usePlanOverview } from './usePlanOverview';
import './plan.css';
import '../i18n/planCycleMessages';
import { WholePlanVerification } from './WholePlanVerification';

/**
 * 「計画」: the plan the board belongs to, across its periods (issue 17, the plan view). The boards of the plan
 * (linked where this browser holds a link), then one table per pillar: every initiative, when it started, its
 * status per period and its KPI's target → actual. Read-only; printed as it is shown (plan.css).
 */
export function PlanView() {
  const { t } = useI18n();
  const { state, reload } = usePlanOverview();
  if (state.kind === 'loading') {
    return (
      <p className="page-message" role="status">
        {t('planView.loading')}
      </p>
    );
  }
  if (state.kind === 'failed') {
    return (
      <div className="plan-view">
        <p className="banner banner-error" role="alert">
          {t('planView.failed', { reason: state.message })}
        </p>
        <button type="button" onClick={reload}>
          {t('planView.retry')}
        </button>
      </div>
    );
  }
  return <PlanOverviewContent overview={state.overview} />;
}

function PlanOverviewContent({ overview }: { overview: PlanOverview }) {
  const { t } = useI18n();
  const headingId = useId();
  const settings = useSettings();
  const order = settings.pillars.map((pillar) => pillar.id);
  // The plan's last period verifies the whole plan (検証・次期策定): its boards show the summary first.
  const isFinal = settings.plan?.final === true;
  const pillars = lineagesByPillar(overview.lineages, order, t('planView.pillarUnknown'));
  return (
    <section className="plan-view" aria-labelledby={headingId}>
      <div className="plan-view-top">
        <h2 id={headingId}>{t('planView.heading', { plan: overview.plan.name })}</h2>
        <button type="button" className="plan-print" onClick={() => window.print()}>
          {t('planView.print')}
        </button>
      </div>
      <p className="muted">{t('planView.explain')}</p>
      <PlanBoards overview={overview} />
      {isFinal && <WholePlanVerification overview={overview} order={order} />}
      {pillars.length === 0 ? (
        <p className="muted">{t('planView.empty')}</p>
      ) : (
        pillars.map(([pillar, lineages]) => (
          <LineageTable key={pillar} pillar={pillar} lineages={lineages} overview={overview} />
        ))
      )}
    </section>
  );
}

/** The boards of the plan by period: a link where this browser can open one, else the title alone. */
function PlanBoards({ overview }: { overview: PlanOverview }) {
  const { t, lang } = useI18n();
  const { session, token } = useBoard();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="plan-boards">
      <h3 id={headingId}>{t('planView.boards')}</h3>
      <ul>
        {overview.boards.map((board) => {
          const link = boardLinkOf(board, { boardId: session.boardId, token });
          const current = board.boardId === session.boardId;
          return (
            <li key={board.boardId} aria-current={current ? 'page' : undefined}>
              <span className="plan-board-period">
                {t('planView.boardPeriod', { period: board.period.name, years: periodName(board.period, lang) })}
              </span>{' '}
              {link ? <a href={link}>{board.title}</a> : <span>{board.title}</span>}
              {board.workingGroup !== '' && <span> {t('plan.memberGroup', { group: board.workingGroup })}</span>}
              <span className="muted">
                {current && t('planView.boardCurrent')}
                {board.archived && t('planView.boardArchived')}
                {!current && !link && t('planView.boardNoLink')}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The lineages by pillar, in this board's order of its pillars (a plan's boards keep the pillars' ids), unknown last. */
function lineagesByPillar(lineages: readonly Lineage[], order: string[], unknown: string): [string, Lineage[]][] {
  const groups = new Map<string, { title: string; lineages: Lineage[] }>();
  for (const lineage of lineages) {
    const key = lineage.pillarId ?? '';
    const group = groups.get(key) ?? { title: lineage.pillarTitle || unknown, lineages: [] };
    group.lineages.push(lineage);
    groups.set(key, group);
  }
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([, group]) => [group.title, group.lineages]);
}
