import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { useRoundAnnouncements } from '../ui/useRoundCommands';
import './voting.css';

/**
 * While a round is open, a compact bar on every view: the round, this person's remaining dots (or, for the
 * facilitator, how many have voted) and a way to the ballot. It also tells screen readers when a round opens,
 * closes or is revealed, and anyone when dots came back (their item was deleted), whichever view is open.
 */
export function VotingStatusBar() {
  const { t } = useI18n();
  const { session } = useBoard();
  const ui = useBoardUi();
  const rounds = useStore(session.votingRounds);
  const own = useStore(session.ownVote);
  const view = useStore(ui.view);
  const latest = rounds.at(-1) ?? null;
  useRoundAnnouncements(latest, {
    open: (number) => t('vote.announceOpened', { number }),
    closed: (number) => t('vote.announceClosed', { number }),
    revealed: (number) => t('vote.announceRevealed', { number }),
  });
  // Only while this round is open: dots given back in a finished round cannot be placed again.
  useReturnedDotsNotice(latest?.status === 'open' && own.round === latest.number ? own.returned : null);
  if (latest?.status !== 'open') return null;
  return (
    <section className="vote-status-bar" aria-label={t('vote.statusOpen', { number: latest.number })}>
      <strong>{t('vote.statusOpen', { number: latest.number })}</strong>
      {own.canVote && own.round === latest.number && (
        <span className="vote-status-remaining">
          {t('vote.remaining', { remaining: Math.max(0, latest.budget - own.used), budget: latest.budget })}
        </span>
      )}
      {own.voters !== null && <span>{t('vote.progress', { count: own.voters })}</span>}
      {view !== 'results' && (
        <button type="button" onClick={() => ui.view.set('results')}>
          {t('vote.goVote')}
        </button>
      )}
    </section>
  );
}

/** Tells the person when dots of theirs were given back (their item was deleted or merged); null: not now. */
function useReturnedDotsNotice(returned: number | null) {
  const { t } = useI18n();
  const { notify } = useBoardUi();
  // The first count seen (a page load, a round opening) is where we start, not news.
  const before = useRef<number | null>(null);
  useEffect(() => {
    if (returned !== null && before.current !== null && returned > before.current) {
      notify({ message: t('vote.returned', { count: returned - before.current }) });
    }
    before.current = returned;
  }, [returned, notify, t]);
}
