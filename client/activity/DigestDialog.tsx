import { useEffect, useId, useMemo, useState } from 'react';
import { buildDigest, type DigestFormat } from '../../shared/digest';
import { japanDate } from '../../shared/records/meetingTask';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { useModalDialog } from '../ui/useModalDialog';
import './contributions.css';

const WEEK_MS = 7 * 86_400_000;

/**
 * 「まとめを作成」: what changed since a date, in plain text or Markdown, to copy into the group's chat (shared/digest.ts).
 * The board's address carries no token: each member opens it with their own link.
 */
export function DigestDialog({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const { session } = useBoard();
  const { announce, notify } = useBoardUi();
  const dialog = useModalDialog();
  const ids = { heading: useId(), since: useId(), text: useId() };
  const [since, setSince] = useState(() => japanDate(Date.now() - WEEK_MS));
  const [format, setFormat] = useState<DigestFormat>('text');
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const onUpdate = () => setVersion((v) => v + 1);
    session.boardDoc.on('update', onUpdate);
    return () => session.boardDoc.off('update', onUpdate);
  }, [session]);
  const start = Date.parse(`${since}T00:00:00+09:00`);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the board document's content.
  const digest = useMemo(
    () =>
      buildDigest(session.boardDoc, session.settingsDoc, {
        t,
        lang,
        since: Number.isNaN(start) ? 0 : start,
        now: Date.now(),
        boardUrl: `${window.location.origin}/b/${session.boardId}`,
        format,
      }),
    [session, t, lang, start, format, version],
  );

  async function copy() {
    try {
      await navigator.clipboard.writeText(digest.text);
      announce(t('digest.copied'));
      notify({ message: t('digest.copied') });
    } catch {
      // No clipboard (an http page, a denied permission): the text is selected for Ctrl+C.
      const field = document.getElementById(ids.text) as HTMLTextAreaElement | null;
      field?.focus();
      field?.select();
      notify({ message: t('digest.copyFailed'), tone: 'error' });
    }
  }

  return (
    <dialog ref={dialog} className="dialog dialog-wide digest" aria-labelledby={ids.heading} onCancel={onClose}>
      <h2 id={ids.heading}>{t('digest.heading')}</h2>
      <p>{t('digest.explain')}</p>
      <div className="contribution-since">
        <label htmlFor={ids.since}>{t('digest.since')}</label>
        <input id={ids.since} type="date" value={since} required onChange={(event) => setSince(event.target.value)} />
      </div>
      <fieldset className="digest-format">
        <legend>{t('digest.format')}</legend>
        {(['text', 'markdown'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name={`${ids.heading}-format`}
              checked={format === value}
              onChange={() => setFormat(value)}
            />
            {t(value === 'text' ? 'digest.formatText' : 'digest.formatMarkdown')}
          </label>
        ))}
      </fieldset>
      <label htmlFor={ids.text}>{t('digest.textLabel')}</label>
      <textarea id={ids.text} className="digest-text" readOnly rows={14} value={digest.text} />
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={copy}>
          {t('digest.copy')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
