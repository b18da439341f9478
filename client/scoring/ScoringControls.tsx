import { useId, useState } from 'react';
import type { ScoringRound, ScoringScope } from '../../shared/records/scoring';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { useRoundCommands } from '../ui/useRoundCommands';
import { scoreErrorMessage, scoringApi } from './scoringApi';

/**
 * The facilitator's side of a scoring round: open one over the shortlist or every item, see how many have scored
 * (never who or what), close it, reveal it. The server refuses all of this to anyone else.
 */
/** After the reveal, the focus goes to the results' heading. */
const focusResults = () => document.getElementById('score-results-heading')?.focus();

export function ScoringControls({ latest, scorers }: { latest: ScoringRound | null; scorers: number | null }) {
  const { t } = useI18n();
  const { session, token } = useBoard();
  const [scope, setScope] = useState<ScoringScope>('shortlist');
  const headingId = useId();
  const api = scoringApi(session.boardId, token);
  const { run, isBusy, closeButton, revealButton } = useRoundCommands(latest, {
    errorMessage: (error) => scoreErrorMessage(t, error),
    focusRevealed: focusResults,
  });

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
            aria-busy={isBusy(latest.number, 'closed')}
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
              aria-busy={isBusy(latest.number, 'revealed')}
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
            <button type="submit" aria-busy={isBusy(next, 'open')}>
              {t('score.openRound', { number: next })}
            </button>
          </form>
        </div>
      )}
    </section>
  );
}
