import { useId } from 'react';
import { setParticipantSuggestions } from '../../shared/records/suggestionPolicy';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { useParticipantSuggestions } from './useSuggestionPolicy';

/** The facilitator's permission for participants to accept and edit suggested groups (live for everyone). */
export function ParticipantSuggestionsSwitch() {
  const { t } = useI18n();
  const { session, role, canEditSettings } = useBoard();
  const allowed = useParticipantSuggestions();
  const headingId = useId();
  const helpId = useId();
  if (role !== 'facilitator') return null;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t('suggest.settingsHeading')}</h3>
      <label className="checkbox-field">
        <input
          type="checkbox"
          checked={allowed}
          disabled={!canEditSettings}
          aria-describedby={helpId}
          onChange={(event) => setParticipantSuggestions(session.settingsDoc, event.target.checked)}
        />
        <span>{t('suggest.participantsAllowed')}</span>
      </label>
      <p id={helpId} className="muted">
        {t('suggest.participantsHelp')}
      </p>
    </section>
  );
}
