import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useBoard } from './hooks';

/** Connected / reconnecting / offline, in words and colour, announced when it changes. */
export function ConnectionBadge() {
  const { t } = useI18n();
  const { session } = useBoard();
  const state = useStore(session.connection);
  const text = t(`connection.${state}`);
  return (
    <span
      className={`connection connection-${state}`}
      role="status"
      aria-label={t('connection.label', { state: text })}
    >
      <span className="connection-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
