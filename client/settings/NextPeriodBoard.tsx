import { useEffect, useId, useRef, useState } from 'react';
import { periodName } from '../../shared/periodText';
import { useI18n } from '../i18n/I18nProvider';
import { ApiError, type NextPeriodBoard as MadeBoard, planApi } from '../lib/api';
import { apiErrorMessage } from '../lib/apiErrorMessage';
import { useBoard, useSettings } from '../session/hooks';
import '../i18n/planCycleMessages';

/**
 * 「次期のボードを作る」 in ボードの設定, for a board in a plan period that has a next one: asked once more, then
 * the server makes the next board (docs/api.md) and archives this one. What it made stays shown here (this
 * board is read-only from then on): the link that opens it and the members' new links to hand out.
 */
export function NextPeriodBoard() {
  const { t, lang } = useI18n();
  const { session, archived } = useBoard();
  const { plan } = useSettings();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Kept in this tab's session storage: the links are shown once, and closing the dialog or reloading (the
  // board is archived by then) must not lose them.
  const storageKey = `board.nextPeriod.${session.boardId}`;
  const [made, setMade] = useState<MadeBoard | null>(() => readMade(storageKey));
  const confirmButton = useRef<HTMLButtonElement>(null);
  const createButton = useRef<HTMLButtonElement>(null);
  const madeHeading = useRef<HTMLParagraphElement>(null);
  const wasConfirming = useRef(false);
  // The focus follows the steps: to 作ってアーカイブする when asked, back to 次期のボードを作る when cancelled.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) createButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  if (!plan && !made) return null;
  if (plan?.final && !made) {
    return <p className="muted">{t('nextPeriod.final', { period: plan.period.name })}</p>;
  }
  if (archived && !made) return null;

  async function create() {
    setBusy(true);
    try {
      const result = await planApi(session.boardId, session.token).nextPeriod();
      sessionStorage.setItem(storageKey, JSON.stringify(result));
      setMade(result);
      setError(null);
      wasConfirming.current = false;
      requestAnimationFrame(() => madeHeading.current?.focus());
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.code === 'next-period-exists'
          ? t('nextPeriod.exists')
          : apiErrorMessage(t, failure),
      );
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="next-period">
      <h3 id={headingId}>{t('nextPeriod.heading')}</h3>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {made ? (
        <div role="status">
          <p ref={madeHeading} tabIndex={-1}>
            {t('nextPeriod.made', {
              period: made.period.name,
              years: periodName(made.period, lang),
              title: made.title,
            })}
          </p>
          <p>
            <a href={made.links.facilitator}>{t('nextPeriod.open')}</a>
          </p>
          {made.members.length > 0 && (
            <>
              <p>{t('nextPeriod.membersLinks')}</p>
              <ul className="next-period-members">
                {made.members.map((member) => (
                  <li key={member.link}>
                    <label className="field">
                      <span>{t('nextPeriod.memberLink', { name: member.name })}</span>
                      <input readOnly value={member.link} onFocus={(e) => e.currentTarget.select()} />
                    </label>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : (
        <>
          <p className="muted">{t('nextPeriod.explain')}</p>
          {confirming ? (
            <div className="dialog-actions">
              <p>{t('nextPeriod.confirm')}</p>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('settings.cancel')}
              </button>
              <button ref={confirmButton} type="button" className="primary" disabled={busy} onClick={create}>
                {t('nextPeriod.confirmButton')}
              </button>
            </div>
          ) : (
            <div className="dialog-actions">
              <button ref={createButton} type="button" onClick={() => setConfirming(true)}>
                {t('nextPeriod.create')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** The next board this tab made from this board, kept for the session (its links are shown only once). */
function readMade(key: string): MadeBoard | null {
  try {
    const stored = sessionStorage.getItem(key);
    return stored ? (JSON.parse(stored) as MadeBoard) : null;
  } catch {
    return null;
  }
}
