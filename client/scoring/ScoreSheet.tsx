import { useMemo } from 'react';
import type { PrivateScoringState, ScoringItem, ScoringRound } from '../../shared/records/scoring';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard, useSettings } from '../session/hooks';
import { groupByPillar } from '../voting/pillarGroups';
import { useVoteItems } from '../voting/useVoteItems';
import { ScoreRow } from './ScoreRow';

/** An item of the round as shown now: the label it has on the board today (the round's own when it is gone). */
export function useRoundItems(items: readonly ScoringItem[]): ScoringItem[] {
  const board = useVoteItems();
  return useMemo(() => {
    const now = new Map(board.map((item) => [item.id, item]));
    return items.map((item) => {
      const shown = now.get(item.itemId);
      return shown ? { ...item, label: shown.label, pillarId: shown.pillarId } : item;
    });
  }, [items, board]);
}

/** The open round's items by pillar, each with this person's own score; how many are scored so far. */
export function ScoreSheet({ round, own }: { round: ScoringRound; own: PrivateScoringState }) {
  const { t } = useI18n();
  const { role } = useBoard();
  const settings = useSettings();
  const items = useRoundItems(round.items);
  if (!own.canScore) {
    return <p className="vote-notice">{t(role === 'viewer' ? 'score.viewerNotice' : 'score.noPersonNotice')}</p>;
  }
  // Scores of the open round only: before the server told us of it, nothing is scored yet.
  const mine = own.round === round.number ? own.scores : {};
  const done = items.filter((item) => mine[item.itemId]).length;
  const groups = groupByPillar(items, settings.pillars, settings.archivedPillars);
  return (
    <section className="vote-ballot" aria-labelledby="score-sheet-heading">
      <h3 id="score-sheet-heading">{t('score.statusOpen', { number: round.number })}</h3>
      <p className="vote-remaining" aria-live="polite">
        {t('score.done', { done, total: items.length })}
      </p>
      {groups.map((group) => (
        <section
          key={group.pillarId ?? ''}
          className="vote-pillar"
          aria-label={t('vote.itemsOf', { pillar: group.title ?? t('vote.otherPillar') })}
        >
          <h4>{group.title ?? t('vote.otherPillar')}</h4>
          <ul className="score-items">
            {group.items.map((item) => (
              <ScoreRow key={item.itemId} round={round.number} item={item} mine={mine[item.itemId] ?? null} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
