import { useEffect, useId, useRef, useState } from 'react';
import type { ScoringRound, ScoringScope } from '../../shared/records/scoring';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { scoreErrorMessage, scoringApi } from './scoringApi';

/**
 * The facilitator's side of a scoring round: open one over the shortlist or every item, see how many have scored
 * (never who or what), close it, reveal it. The server refuses all of this to anyone else.
 */
export function ScoringControls({ latest, scorers }: { latest: ScoringRound | null; scorers: number | null }) {
  const { t } = useI18n();
  const { session, token } = useBoard();
  const { notify } = useBoardUi();
  const [scope, setScope] = useState<ScoringScope>('shortlist');
  const [busy, setBusy] = useState<string | null>(null);
  const headingId = useId();
  const api = scoringApi(session.boardId, token);

  // The focus goes to the control that replaces the one pressed once the round shows its new state (as voting's).
  const focusNext = useRef<{ round: number; status: ScoringRound['status'] } | null>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const revealButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const wanted = focusNext.current;
    if (!wanted || latest?.number !== wanted.round || latest.status !== wanted.status) return;
    focusNext.current = null;
    if (wanted.status === 'open') closeButton.current?.focus();
    else if (wanted.status === 'closed') revealButton.current?.focus();
    else document.getElementById('score-results-heading')?.focus();
  }, [latest]);

  // Not disabled while busy (a disabled button drops the focus): a second press of the same command is ignored.
  async function run(action: () => Promise<unknown>, then: { round: number; status: ScoringRound['status'] }) {
    const key = `${then.round}:${then.status}`;
    if (busy === key) return;
    setBusy(key);
    focusNext.current = then;
    try {
      await action();
    } catch (error) {
      focusNext.current = null;
      notify({ message: scoreErrorMessage(t, error), tone: 'error' });
    } finally {
      setBusy((current) => (current === key ? null : current));
    }
  }

  const next = (latest?.number ?? 0) + 1;
  return (
    <section className="vote-controls" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('score.facilitatorHeading')}</h3>
      {latest?.status === 'open' ? (
        <div className="vote-controls-row">
          <p aria-live="polite">{t('score.progress', { count: scorers ?? 0 })}</p>
          <button
            ref={closeButton}
            type="button"
            aria-busy={busy === `${latest.number}:closed`}
            onClick={() => run(() => api.close(latest.number), { round: latest.number, status: 'closed' })}
          >
            {t('score.closeRound', { number: latest.number })}
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
              {t('score.revealRound', { number: latest.number })}
            </button>
          )}
          <form
            className="vote-open-form"
            onSubmit={(event) => {
              event.preventDefault();
              run(() => api.open(scope), { round: next, status: 'open' });
            }}
          >
            <fieldset className="score-scope">
              <legend>{t('score.scope')}</legend>
              {(['shortlist', 'all'] as const).map((value) => (
                <label key={value}>
                  <input
                    type="radio"
                    name={`${headingId}-scope`}
                    value={value}
                    checked={scope === value}
                    onChange={() => setScope(value)}
                  />
                  {t(value === 'shortlist' ? 'score.scopeShortlist' : 'score.scopeAll')}
                </label>
              ))}
            </fieldset>
            <button type="submit" aria-busy={busy === `${next}:open`}>
              {t('score.openRound', { number: next })}
            </button>
          </form>
        </div>
      )}
    </section>
  );
}
