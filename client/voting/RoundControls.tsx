import { useEffect, useId, useRef, useState } from 'react';
import { VOTE_BUDGET_DEFAULT, VOTE_BUDGET_MAX, type VotingRound } from '../../shared/records/voting';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { voteErrorMessage, votingApi } from './votingApi';

/**
 * The facilitator's side of a round: open one with a budget and an optional cap, see how many have voted
 * (never who or what), close it, reveal it. The server refuses all of this to anyone else.
 */
export function RoundControls({ latest, voters }: { latest: VotingRound | null; voters: number | null }) {
  const { t } = useI18n();
  const { session, token } = useBoard();
  const { notify } = useBoardUi();
  const [budget, setBudget] = useState(String(VOTE_BUDGET_DEFAULT));
  const [cap, setCap] = useState('');
  // The command under way, as `<round>:<status it leads to>`: only a second press of that same command is ignored.
  const [busy, setBusy] = useState<string | null>(null);
  const budgetId = useId();
  const capId = useId();
  const api = votingApi(session.boardId, token);

  // Where the focus goes once the round shows its new state: the control that replaces the one pressed
  // (締め切る after 始める, 結果を公開 after 締め切る) or, after 結果を公開, the revealed round's heading.
  const focusNext = useRef<{ round: number; status: VotingRound['status'] } | null>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const revealButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const wanted = focusNext.current;
    if (!wanted || latest?.number !== wanted.round || latest.status !== wanted.status) return;
    focusNext.current = null;
    if (wanted.status === 'open') closeButton.current?.focus();
    else if (wanted.status === 'closed') revealButton.current?.focus();
    else {
      const heading = document.querySelector<HTMLElement>(`[data-round-heading="${wanted.round}"]`);
      (heading ?? document.getElementById(`${budgetId}-heading`))?.focus();
    }
  }, [latest, budgetId]);

  // The buttons are not disabled while busy (a disabled button drops the focus to <body>): a second press of the
  // same command is ignored instead. The next command is not: the round's new state can arrive through the
  // document before the HTTP answer does, and then 結果を公開 is already there, focused, and may be pressed.
  async function run(action: () => Promise<unknown>, then: { round: number; status: VotingRound['status'] }) {
    const key = `${then.round}:${then.status}`;
    if (busy === key) return;
    setBusy(key);
    focusNext.current = then;
    try {
      await action();
    } catch (error) {
      focusNext.current = null;
      notify({ message: voteErrorMessage(t, error), tone: 'error' });
    } finally {
      setBusy((current) => (current === key ? null : current));
    }
  }

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
            aria-busy={busy === `${latest.number}:closed`}
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
              aria-busy={busy === `${latest.number}:revealed`}
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
            <button type="submit" aria-busy={busy === `${next}:open`}>
              {t('vote.openRound', { number: next })}
            </button>
          </form>
        </div>
      )}
    </section>
  );
}
