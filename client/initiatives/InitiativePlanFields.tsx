import { useId } from 'react';
import { formatFiscalYear, formatFiscalYearEn } from '../../shared/fiscalYear';
import { setInitiativeFiscalYears, setInitiativeStatus } from '../../shared/ops/initiatives';
import {
  INITIATIVE_STATUSES,
  type Initiative,
  type InitiativeStatus,
  PRIORITIES,
  type Priority,
} from '../../shared/records/initiative';
import { offeredFiscalYears } from '../../shared/records/period';
import type { Result } from '../../shared/result';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard, useSettings } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { useInitiativeActions } from './useInitiativeActions';

/**
 * 柱, 優先度 (a move to the end of that group), 実施時期 (checkboxes: the board's period's fiscal years) and 状態 of
 * one initiative.
 */
export function InitiativePlanFields({ initiative }: { initiative: Initiative }) {
  const { t, lang } = useI18n();
  const { session } = useBoard();
  const ui = useBoardUi();
  const settings = useSettings();
  const actions = useInitiativeActions();
  const ids = { pillar: useId(), priority: useId(), status: useId() };
  const place = initiative.place;
  const pillars = [...settings.pillars, ...settings.archivedPillars.filter((p) => p.id === place?.pillarId)];
  const report = (result: Result<unknown>) => {
    if (!result.ok) ui.notify({ message: t(`error.${result.error}`), tone: 'error' });
  };
  const years = offeredFiscalYears(settings.period, initiative.fiscalYears);
  const toggleYear = (year: number, on: boolean) => {
    const next = on ? [...initiative.fiscalYears, year] : initiative.fiscalYears.filter((y) => y !== year);
    report(setInitiativeFiscalYears(session.boardDoc, initiative.id, next));
  };
  return (
    <div className="initiative-plan-fields">
      <div className="field">
        <label htmlFor={ids.pillar}>{t('initiative.pillar')}</label>
        <select
          id={ids.pillar}
          value={place?.pillarId ?? ''}
          onChange={(e) =>
            actions.move(initiative, {
              pillarId: e.target.value,
              priority: place?.priority ?? 'medium',
              beforeId: null,
            })
          }
        >
          {!place && <option value="">{t('initiative.pillarUnknown')}</option>}
          {/* A pillar the settings do not know (another tool wrote it): shown as such, so that choosing any real
              pillar is a change (without it the select showed the first pillar as if chosen). */}
          {place && !pillars.some((p) => p.id === place.pillarId) && (
            <option value={place.pillarId}>{t('initiative.pillarMissing')}</option>
          )}
          {pillars.map((pillar) => (
            <option key={pillar.id} value={pillar.id}>
              {pillar.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.priority}>{t('initiative.priority')}</label>
        <select
          id={ids.priority}
          value={place?.priority ?? 'medium'}
          disabled={!place}
          onChange={(e) =>
            place && actions.move(initiative, { ...place, priority: e.target.value as Priority, beforeId: null })
          }
        >
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {t(`initiative.priority.${priority}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.status}>{t('initiative.status')}</label>
        <select
          id={ids.status}
          value={initiative.status}
          onChange={(e) =>
            report(setInitiativeStatus(session.boardDoc, initiative.id, e.target.value as InitiativeStatus))
          }
        >
          {INITIATIVE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`initiative.status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="initiative-years">
        <legend>{t('initiative.fiscalYears')}</legend>
        {years.map((year) => (
          <label key={year} className="initiative-year">
            <input
              type="checkbox"
              checked={initiative.fiscalYears.includes(year)}
              onChange={(e) => toggleYear(year, e.target.checked)}
            />
            {lang === 'ja' ? formatFiscalYear(year) : formatFiscalYearEn(year)}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
