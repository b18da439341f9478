import { setSpotlight } from '../../shared/ops/liveFacilitation';
import { useI18n } from '../i18n/I18nProvider';
import { useStoreSelector } from '../lib/store';
import { useBoard } from '../session/hooks';

/** Whether this note or cluster is in the spotlight (re-renders only when that answer changes). */
export function useIsSpotlit(itemId: string): boolean {
  const { session } = useBoard();
  return useStoreSelector(session.settings, (s) => s.spotlight?.itemId === itemId);
}

/** The facilitator's 注目 switch on a note or cluster card: points everyone to it, or takes it away. */
export function SpotlightButton({ itemId, label }: { itemId: string; label: string }) {
  const { t } = useI18n();
  const { session, role, canEditSettings } = useBoard();
  const spotlit = useIsSpotlit(itemId);
  if (role !== 'facilitator' || !canEditSettings) return null;
  return (
    <button
      type="button"
      aria-pressed={spotlit}
      aria-label={t('spotlight.setLabel', { text: label })}
      onClick={() => setSpotlight(session.settingsDoc, spotlit ? null : itemId)}
    >
      {t('spotlight.set')}
    </button>
  );
}
