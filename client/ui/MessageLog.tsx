import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useBoardUi } from './boardUi';
import { IconButton } from './IconButton';
import { BellIcon } from './icons/headerIcons';

/**
 * The header's メッセージ: the recent messages of this tab, newest first, with their action (元に戻す) while it
 * is unused. Toasts close by themselves; what they said, and their undo, stay here. A disclosure, not a
 * dialog: it is read beside the board, and Escape closes it with the focus back on its button.
 */
export function MessageLogButton() {
  const { t, lang } = useI18n();
  const { messageLog } = useBoardUi();
  const messages = useStore(messageLog.messages);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const headingId = useId();
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  useEffect(() => {
    if (open) document.getElementById(headingId)?.focus();
  }, [open, headingId]);
  return (
    <div className="message-log">
      <IconButton
        ref={button}
        icon={<BellIcon />}
        tooltip={t('messages.open', { count: messages.length })}
        label={t('messages.open', { count: messages.length })}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
      >
        {messages.length > 0 && <span className="icon-dot" aria-hidden="true" />}
      </IconButton>
      {open && (
        <section
          id={panelId}
          className="message-log-panel"
          aria-labelledby={headingId}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
            }
          }}
        >
          <h2 id={headingId} tabIndex={-1}>
            {t('messages.heading')}
          </h2>
          {messages.length === 0 ? (
            <p>{t('messages.empty')}</p>
          ) : (
            <ul>
              {[...messages].reverse().map((message) => (
                <li key={message.id} className={message.tone === 'error' ? 'message-log-error' : undefined}>
                  <time dateTime={new Date(message.at).toISOString()}>
                    {new Date(message.at).toLocaleTimeString(lang === 'ja' ? 'ja-JP' : 'en-GB', {
                      hour: '2-digit',
                      minute: '2-digit',
                    })}
                  </time>
                  <span>{message.message}</span>
                  {message.action && (
                    <button
                      type="button"
                      onClick={() => {
                        messageLog.runAction(message.id);
                        // The button leaves with its use: the focus stays in the log.
                        document.getElementById(headingId)?.focus();
                      }}
                    >
                      {message.action.label}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <button type="button" onClick={close}>
            {t('trash.close')}
          </button>
        </section>
      )}
    </div>
  );
}
