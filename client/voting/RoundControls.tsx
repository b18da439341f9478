import { useCallback, useId, useState } from 'react';
import { VOTE_BUDGET_DEFAULT, VOTE_BUDGET_MAX, type VotingRound } from '../../shared/records/voting';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { useRoundCommands } from '../ui/useRoundCommands';
import { voteErrorMessage, votingApi } from './votingApi';

/**
 * The facilitator's side of a round: open one with a budget and an optional cap, see how many have voted
 * (never who or what), close it, reveal it. The server refuses all of this to anyone else.
 */
export function RoundControls({ latest, voters }: { latest: VotingRound | null; voters: number | null }) {
  const { t } = useI18n();
  const { session, token } = useBoard();
  const [budget, setBudget] = useState(String(VOTE_BUDGET_DEFAULT));
  const [cap, setCap] = useState('');
  const budgetId = useId();
  const capId = useId();
  const api = votingApi(session.boardId, token);
  // After 結果を公開, the focus goes to the revealed round's heading (or this panel's).
  const focusRevealed = useCallback(
    (round: number) => {
      const heading = document.querySelector<HTMLElement>(`[data-round-heading="${round}"]`);
      (heading ?? document.getElementById(`${budgetId}-heading`))?.focus();
    },
    [budgetId],
  );
  const { run, isBusy, closeButton, revealButton } = useRoundCommands(latest, {
    errorMessage: (error) => voteErrorMessage(t, error),
    focusRevealed,
  });

  const next = (latest?.number ?? 0) + 1;
  return (
    <section className="vote-controls" aria-labelledby={`${budgetId}-heading`}>
      <h3 id={`${budgetId}-heading`} tabIndex={-1}>
        {t('vote.facilitatorHeading')}
      </h3>
      {latest?.status === 'open' ? (
        <div className="vote-controls-row">
          <p aria-live="polite">{t('vote.progress', { count: voters ?? 0 })}</p>
          <button
            ref={closeButton}
            type="button"
            aria-busy={isBusy(latest.number, 'closed')}
            onClick={() => run(() => api.close(latest.number), { round: latest.number, status: 'closed' })}
          >
            {t('vote.closeRound', { number: latest.number })}
          </button>
        </div>
      ) : (
        <div className="vote-controls-row">
          {latest?.status === 'closed' && (
            <button
              ref={revealButton}
              type="button"
              aria-busy={isBusy(latest.number, 'revealed')}
              onClick={() => run(() => api.reveal(latest.number), { round: latest.number, status: 'revealed' })}
            >
              {t('vote.revealRound', { number: latest.number })}
            </button>
          )}
          <form
            className="vote-open-form"
            onSubmit={(event) => {
              event.preventDefault();
              run(() => api.open(Number(budget), cap.trim() === '' ? null : Number(cap)), {
                round: next,
                status: 'open',
              });
            }}
          >
            <label htmlFor={budgetId}>{t('vote.budget')}</label>
            <input
              id={budgetId}
              type="number"
              min={1}
              max={VOTE_BUDGET_MAX}
              required
              value={budget}
              onChange={(event) => setBudget(event.target.value)}
            />
            <label htmlFor={capId}>{t('vote.cap')}</label>
            <input
              id={capId}
              type="number"
              min={1}
              max={Number(budget) || VOTE_BUDGET_MAX}
              value={cap}
              onChange={(event) => setCap(event.target.value)}
            />
            <button type="submit" aria-busy={isBusy(next, 'open')}>
              {t('vote.openRound', { number: next })}
            </button>
          </form>
        </div>
      )}
    </section>
  );
}
