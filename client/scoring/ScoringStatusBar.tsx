import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { useRoundAnnouncements } from '../ui/useRoundCommands';

/**
 * While a scoring round is open (often for weeks, between meetings), a compact bar on every view: the round, how
 * many of its items this person has scored (or, for the facilitator, how many people have scored) and a way to
 * the score sheet. It also tells screen readers when a round opens, closes or is revealed.
 */
export function ScoringStatusBar() {
  const { t } = useI18n();
  const { session } = useBoard();
  const ui = useBoardUi();
  const rounds = useStore(session.scoringRounds);
  const own = useStore(session.ownScores);
  const view = useStore(ui.view);
  const latest = rounds.at(-1) ?? null;
  useRoundAnnouncements(latest, {
    open: (number) => t('score.announceOpened', { number }),
    closed: (number) => t('score.announceClosed', { number }),
    revealed: (number) => t('score.announceRevealed', { number }),
  });
  if (latest?.status !== 'open') return null;
  const done = own.round === latest.number ? latest.items.filter((item) => own.scores[item.itemId]).length : 0;
  return (
    <section className="vote-status-bar score-status-bar" aria-label={t('score.barOpen', { number: latest.number })}>
      <strong>{t('score.barOpen', { number: latest.number })}</strong>
      {own.canScore && <span>{t('score.barDone', { done, total: latest.items.length })}</span>}
      {own.scorers !== null && <span>{t('score.barProgress', { count: own.scorers })}</span>}
      {view !== 'scoring' && (
        <button type="button" onClick={() => ui.view.set('scoring')}>
          {t('score.goScore')}
        </button>
      )}
    </section>
  );
}
