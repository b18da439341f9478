import { useId } from 'react';
import { setParticipantSuggestions } from '../../shared/records/suggestionPolicy';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { SettingSwitch } from '../ui/SettingSwitch';
import { useParticipantSuggestions } from './useSuggestionPolicy';

/** The facilitator's permission for participants to accept and edit suggested groups (live for everyone). */
export function ParticipantSuggestionsSwitch() {
  const { t } = useI18n();
  const { session, role } = useBoard();
  const allowed = useParticipantSuggestions();
  const headingId = useId();
  if (role !== 'facilitator') return null;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t('suggest.settingsHeading')}</h3>
      <SettingSwitch
        checked={allowed}
        onChange={(checked) => setParticipantSuggestions(session.settingsDoc, checked)}
        label={t('suggest.participantsAllowed')}
        help={t('suggest.participantsHelp')}
        helpClassName="muted"
      />
    </section>
  );
}
