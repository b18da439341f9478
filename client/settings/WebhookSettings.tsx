import { type FormEvent, useEffect, useId, useState } from 'react';
import type { MessageKey } from '../../shared/i18n/ja';
import { useI18n } from '../i18n/I18nProvider';
import { ApiError, boardApi } from '../lib/api';
import { apiErrorMessage } from '../lib/apiErrorMessage';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import './webhook.css';

interface WebhookView {
  url: string;
  format: 'text' | 'markdown';
  weekday: number;
  time: string;
  nextRunAt: number;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  failures: number;
}

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

const REFUSALS: Record<string, MessageKey> = {
  'webhook-not-https': 'webhook.error.notHttps',
  'webhook-host-not-allowed': 'webhook.error.hostNotAllowed',
  'webhook-disabled': 'webhook.error.disabled',
  'webhook-invalid': 'webhook.error.invalid',
  'webhook-failed': 'webhook.error.failed',
};

/** A date and time in Japan, as the schedule is set. */
const inJapan = (time: number) =>
  new Date(time).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' });

/**
 * チャットへの定期送信 in ボードの設定 (the facilitator's): the digest posted every week to the group's chat through an
 * incoming webhook (Teams, Slack, Mattermost). Only to hosts the server's operator allows; off by default. The last
 * failure is shown with when it will be tried again.
 */
export function WebhookSettings() {
  const { t } = useI18n();
  const { session, token, role } = useBoard();
  const { announce } = useBoardUi();
  const ids = { heading: useId(), url: useId(), weekday: useId(), time: useId(), status: useId() };
  const [loaded, setLoaded] = useState<{ webhook: WebhookView | null; allowedHosts: string[] } | null>(null);
  const [url, setUrl] = useState('');
  const [weekday, setWeekday] = useState(1);
  const [time, setTime] = useState('09:00');
  const [format, setFormat] = useState<'text' | 'markdown'>('text');
  const [error, setError] = useState<string | null>(null);
  const api = <T,>(method: string, path = '', body?: unknown) =>
    boardApi<T>(session.boardId, token, method, `/webhook${path}`, body);

  // biome-ignore lint/correctness/useExhaustiveDependencies: read once when the settings open.
  useEffect(() => {
    if (role !== 'facilitator') return;
    api<{ webhook: WebhookView | null; allowedHosts: string[] }>('GET').then(
      (answer) => {
        setLoaded(answer);
        if (answer.webhook) {
          setUrl(answer.webhook.url);
          setWeekday(answer.webhook.weekday);
          setTime(answer.webhook.time);
          setFormat(answer.webhook.format);
        }
      },
      (failure: unknown) => setError(apiErrorMessage(t, failure)),
    );
  }, [session, token, role]);
  if (role !== 'facilitator' || !loaded) return null;

  const explain = (failure: unknown) => {
    const key = failure instanceof ApiError && failure.code ? REFUSALS[failure.code] : undefined;
    return key
      ? t(key, {
          hosts: loaded.allowedHosts.join(t('common.listSeparator')),
          reason: failure instanceof Error ? failure.message : '',
        })
      : apiErrorMessage(t, failure);
  };
  async function run(action: () => Promise<{ webhook: WebhookView | null }>, done: MessageKey) {
    try {
      const answer = await action();
      setLoaded((current) => current && { ...current, webhook: answer.webhook });
      setError(null);
      announce(t(done));
    } catch (failure) {
      setError(explain(failure));
      // A failed send is recorded by the server: show it with its next try.
      api<{ webhook: WebhookView | null; allowedHosts: string[] }>('GET').then(setLoaded, () => {});
    }
  }
  function save(event: FormEvent) {
    event.preventDefault();
    void run(() => api('PUT', '', { url: url.trim(), weekday, time, format }), 'webhook.saved');
  }

  const webhook = loaded.webhook;
  return (
    <section aria-labelledby={ids.heading} className="webhook-settings">
      <h3 id={ids.heading}>{t('webhook.heading')}</h3>
      {loaded.allowedHosts.length === 0 ? (
        <p className="muted">{t('webhook.off')}</p>
      ) : (
        <>
          <p className="muted">
            {t('webhook.explain', { hosts: loaded.allowedHosts.join(t('common.listSeparator')) })}
          </p>
          <form className="webhook-form" onSubmit={save}>
            <label htmlFor={ids.url}>{t('webhook.url')}</label>
            <input
              id={ids.url}
              type="url"
              required
              value={url}
              placeholder="https://"
              onChange={(event) => setUrl(event.target.value)}
            />
            <label htmlFor={ids.weekday}>{t('webhook.weekday')}</label>
            <select id={ids.weekday} value={weekday} onChange={(event) => setWeekday(Number(event.target.value))}>
              {WEEKDAYS.map((day) => (
                <option key={day} value={day}>
                  {t(`webhook.day.${day}`)}
                </option>
              ))}
            </select>
            <label htmlFor={ids.time}>{t('webhook.time')}</label>
            <input id={ids.time} type="time" required value={time} onChange={(event) => setTime(event.target.value)} />
            <label>
              <input
                type="checkbox"
                checked={format === 'markdown'}
                onChange={(e) => setFormat(e.target.checked ? 'markdown' : 'text')}
              />
              {t('webhook.markdown')}
            </label>
            <button type="submit">{t('webhook.save')}</button>
          </form>
          {webhook && (
            <div id={ids.status} className="webhook-status">
              <p>{t('webhook.next', { when: inJapan(webhook.nextRunAt) })}</p>
              {webhook.lastSuccessAt !== null && (
                <p>{t('webhook.lastSuccess', { when: inJapan(webhook.lastSuccessAt) })}</p>
              )}
              {webhook.lastError !== null && (
                <p className="error">
                  {t('webhook.lastError', { reason: webhook.lastError, when: inJapan(webhook.nextRunAt) })}
                </p>
              )}
              <button type="button" onClick={() => void run(() => api('POST', '/send'), 'webhook.sent')}>
                {t('webhook.sendNow')}
              </button>{' '}
              <button
                type="button"
                onClick={() =>
                  // The status and its buttons go: the focus goes to the address field.
                  void run(() => api('DELETE'), 'webhook.removed').then(() => document.getElementById(ids.url)?.focus())
                }
              >
                {t('webhook.remove')}
              </button>
            </div>
          )}
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
