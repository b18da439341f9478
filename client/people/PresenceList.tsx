import { useCallback } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { ROLE_KEYS } from '../i18n/roleKeys';
import { useStoreSelector } from '../lib/store';
import { useBoard } from '../session/hooks';
import type { Peer } from '../session/presence';

/** How a peer is named: the person's name, or the number the server gave a connection without a person. */
export function usePeerLabel(): (peer: Peer) => string {
  const { t } = useI18n();
  return useCallback(
    (peer: Peer) => {
      if (peer.name !== '') return peer.name;
      if (peer.role === 'viewer') {
        return peer.number === null ? t('presence.viewerUnnumbered') : t('presence.viewer', { number: peer.number });
      }
      return t('presence.linkUser', { role: t(ROLE_KEYS[peer.role]), number: peer.number ?? '' });
    },
    [t],
  );
}

/** Who is here now: one coloured initial per person (once, however many tabs), names for screen readers. */
export function PresenceList() {
  const { t } = useI18n();
  const { session } = useBoard();
  const label = usePeerLabel();
  const peers = useStoreSelector(session.presence, (p) => p.peers);
  return (
    <section className="presence" aria-label={t('presence.heading')}>
      <span className="presence-count">{t('presence.count', { count: peers.length })}</span>
      <ul className="presence-list">
        {peers.map((peer) => {
          const name = peer.isSelf ? t('presence.you', { name: label(peer) }) : label(peer);
          return (
            <li key={peer.clientId} title={name} style={{ background: peer.color }}>
              <span aria-hidden="true">{[...label(peer)][0] ?? '?'}</span>
              <span className="visually-hidden">{name}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
