import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { type BoardCreationMode, fetchServerInfo } from '../lib/api';

/**
 * Tells whoever opens the landing page that this server lets anyone on the network create boards (a LAN
 * address without ADMIN_TOKEN), so the operator sees it where boards are made, not only in the log.
 */
export function OpenCreationNotice() {
  const { t } = useI18n();
  const [mode, setMode] = useState<BoardCreationMode | null>(null);
  useEffect(() => {
    let current = true;
    fetchServerInfo().then(
      (info) => current && setMode(info.boardCreation),
      // Offline or an older server: nothing to say.
      () => {},
    );
    return () => {
      current = false;
    };
  }, []);
  if (mode !== 'open-network') return null;
  return (
    <p className="banner banner-lock" role="note">
      {t('landing.openCreation.notice')}
    </p>
  );
}
