import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useBoard } from '../session/hooks';

/** Connected / reconnecting / offline, in words and colour, announced when it changes. */
export function ConnectionBadge() {
  const { t } = useI18n();
  const { session } = useBoard();
  const state = useStore(session.connection);
  const text = t(`connection.${state}`);
  return (
    <>
      <span
        className={`connection connection-${state}`}
        role="status"
        aria-label={t('connection.label', { state: text })}
      >
        <span className="connection-dot" aria-hidden="true" />
        {text}
      </span>
      <SaveState connected={state === 'connected'} />
    </>
  );
}

/**
 * Whether this tab's changes are stored: "N changes waiting" until the server confirms them (it says so for
 * every change it stored), then "saved". Nothing is claimed while disconnected with nothing waiting.
 */
function SaveState({ connected }: { connected: boolean }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const waiting = useStore(session.pending.board.count) + useStore(session.pending.settings.count);
  const text = waiting > 0 ? t('connection.waiting', { count: waiting }) : connected ? t('connection.saved') : null;
  if (!text) return null;
  // A status anyone can look up (by role and name), but not read out: it changes with every keystroke.
  return (
    <span
      className={waiting > 0 ? 'save-state save-waiting' : 'save-state'}
      role="status"
      aria-live="off"
      aria-label={t('connection.saveLabel', { state: text })}
    >
      {text}
    </span>
  );
}
