import { useId } from 'react';
import { setMatrixPlacement } from '../../shared/records/matrixPlacement';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import type { ShownPlacement } from './useScorePlacement';

const MANUAL = 'manual';

/**
 * 配置: by hand, or at the medians of a revealed scoring round. The facilitator chooses it for everyone (it is in
 * the settings document); the others see what is shown. Nothing to choose before a scoring round is revealed.
 */
export function PlacementControl({ placement }: { placement: ShownPlacement }) {
  const { t } = useI18n();
  const { canEditSettings, session } = useBoard();
  const id = useId();
  if (placement.rounds.length === 0) return null;
  const shown = placement.round
    ? t('matrix.placementScores', { number: placement.round.number })
    : t('matrix.placementManual');
  if (!canEditSettings) {
    return placement.round ? (
      <span className="matrix-control">{t('matrix.placementShown', { placement: shown })}</span>
    ) : null;
  }
  return (
    <>
      <label className="matrix-control" htmlFor={id}>
        {t('matrix.placement')}
      </label>
      <select
        id={id}
        value={placement.round ? String(placement.round.number) : MANUAL}
        onChange={(event) => {
          const value = event.target.value;
          setMatrixPlacement(
            session.settingsDoc,
            value === MANUAL ? { mode: 'manual', round: null } : { mode: 'scores', round: Number(value) },
          );
        }}
      >
        <option value={MANUAL}>{t('matrix.placementManual')}</option>
        {placement.rounds.map((round) => (
          <option key={round.number} value={round.number}>
            {t('matrix.placementScores', { number: round.number })}
          </option>
        ))}
      </select>
    </>
  );
}
