import { useI18n } from '../i18n/I18nProvider';
import { useStoreSelector } from '../lib/store';
import { useBoard } from './hooks';

/** Who is here now: one coloured initial per person, their names for screen readers and on hover. */
export function PresenceList() {
  const { t } = useI18n();
  const { session } = useBoard();
  const peers = useStoreSelector(session.presence, (p) => p.peers);
  return (
    <section className="presence" aria-label={t('presence.heading')}>
      <span className="presence-count">{t('presence.count', { count: peers.length })}</span>
      <ul className="presence-list">
        {peers.map((peer) => {
          const name = peer.isSelf ? t('presence.you', { name: peer.name }) : peer.name;
          return (
            <li key={peer.clientId} title={name} style={{ background: peer.color }}>
              <span aria-hidden="true">{[...peer.name][0] ?? '?'}</span>
              <span className="visually-hidden">{name}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
