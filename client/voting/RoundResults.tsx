import { useId, useState } from 'react';
import type { BoardItem } from '../../shared/items';
import { rankTotals, type VotingRound } from '../../shared/records/voting';
import { useI18n } from '../i18n/I18nProvider';
import { CreateInitiativeButton } from '../initiatives/CreateInitiativeButton';
import { useLiveItems } from '../initiatives/useLiveItems';
import { useSettings } from '../session/hooks';
import { groupByPillar } from './pillarGroups';

/**
 * The revealed rounds: one shown (the latest by default), ranked overall and per pillar with ties shown as
 * ties, and optionally a second round beside it to compare.
 */
export function RoundResults({ rounds }: { rounds: readonly VotingRound[] }) {
  const { t } = useI18n();
  const revealed = rounds.filter((round) => round.status === 'revealed');
  const [chosen, setChosen] = useState<number | null>(null);
  const [compared, setCompared] = useState<number | null>(null);
  const showId = useId();
  const compareId = useId();
  if (revealed.length === 0) return <p className="vote-notice">{t('vote.noResults')}</p>;
  const shown = revealed.find((round) => round.number === chosen) ?? revealed.at(-1)!;
  const other = revealed.find((round) => round.number === compared && round.number !== shown.number) ?? null;
  return (
    <section className="vote-results" aria-labelledby={`${showId}-heading`}>
      <h3 id={`${showId}-heading`}>{t('vote.resultsHeading')}</h3>
      <div className="vote-results-pickers">
        <label htmlFor={showId}>{t('vote.showRound')}</label>
        <select id={showId} value={shown.number} onChange={(event) => setChosen(Number(event.target.value))}>
          {revealed.map((round) => (
            <option key={round.number} value={round.number}>
              {t('vote.roundName', { number: round.number })}
            </option>
          ))}
        </select>
        {revealed.length > 1 && (
          <>
            <label htmlFor={compareId}>{t('vote.compareWith')}</label>
            <select
              id={compareId}
              value={other?.number ?? ''}
              onChange={(event) => setCompared(event.target.value === '' ? null : Number(event.target.value))}
            >
              <option value="">{t('vote.compareNone')}</option>
              {revealed
                .filter((round) => round.number !== shown.number)
                .map((round) => (
                  <option key={round.number} value={round.number}>
                    {t('vote.roundName', { number: round.number })}
                  </option>
                ))}
            </select>
          </>
        )}
      </div>
      <div className={other ? 'vote-compare' : undefined}>
        <RankedRound round={shown} />
        {other && <RankedRound round={other} />}
      </div>
    </section>
  );
}

function RankedRound({ round }: { round: VotingRound }) {
  const { t } = useI18n();
  const settings = useSettings();
  const headingId = useId();
  const totals = round.totals ?? [];
  const groups = groupByPillar(totals, settings.pillars, settings.archivedPillars);
  const items = useLiveItems();
  return (
    <section className="vote-round" aria-labelledby={headingId}>
      {/* Focusable from code: where the focus goes after 結果を公開 (RoundControls). */}
      <h4 id={headingId} tabIndex={-1} data-round-heading={round.number}>
        {t('vote.resultsOf', { number: round.number, voters: round.voters ?? 0 })}
      </h4>
      {totals.length === 0 ? (
        <p>{t('vote.noDots')}</p>
      ) : (
        <>
          <RankedList title={t('vote.overall')} totals={totals} round={round.number} items={items} />
          {groups.map((group) => (
            <RankedList
              key={group.pillarId ?? ''}
              title={group.title ?? t('vote.otherPillar')}
              totals={group.items}
              round={round.number}
              items={items}
            />
          ))}
        </>
      )}
    </section>
  );
}

function RankedList({
  title,
  totals,
  round,
  items,
}: {
  title: string;
  totals: NonNullable<VotingRound['totals']>;
  round: number;
  items: ReadonlyMap<string, BoardItem>;
}) {
  const { t } = useI18n();
  const listId = useId();
  return (
    <div className="vote-ranking">
      <h5 id={listId}>{title}</h5>
      <ol aria-labelledby={listId}>
        {rankTotals(totals).map((entry) => {
          const item = items.get(entry.itemId);
          return (
            <li key={entry.itemId} className={entry.tied ? 'vote-tied' : undefined}>
              <span className="vote-rank">{t('vote.rank', { rank: entry.rank })}</span>
              {entry.tied && <span className="vote-tie-badge">{t('vote.tied')}</span>}
              <span className="vote-total-label">
                {entry.kind === 'cluster' && <span className="vote-cluster-badge">{t('vote.clusterBadge')}</span>}
                {entry.label}
              </span>
              <span className="vote-count">{t('vote.count', { count: entry.count })}</span>
              {item && <CreateInitiativeButton item={item} roundNumber={round} />}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
