import { useI18n } from '../i18n/I18nProvider';
import { useBoard, useSettings } from '../session/hooks';

/** Tells everyone the board is locked, and by whom. */
export function LockBanner() {
  const { t } = useI18n();
  const { role } = useBoard();
  const lock = useSettings().lock;
  if (!lock) return null;
  const by = lock.lockedBy ? t('lock.by', { name: lock.lockedBy }) : '';
  return (
    <p className="banner banner-lock" role="status">
      {role === 'facilitator' ? t('lock.bannerFacilitator') : t('lock.bannerParticipant')}
      {by}
    </p>
  );
}
