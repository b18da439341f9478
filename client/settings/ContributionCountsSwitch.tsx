import { useId } from 'react';
import { contributionCountsOnly, setContributionCountsOnly } from '../../shared/records/contributionPolicy';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { useSettingsFlag } from '../session/useSettingsFlag';
import { SettingSwitch } from '../ui/SettingSwitch';

/** 参加の状況 with counts only: the facilitator's choice not to see who has been quiet. */
export function ContributionCountsSwitch() {
  const { t } = useI18n();
  const { session, role } = useBoard();
  const countsOnly = useSettingsFlag(contributionCountsOnly);
  const headingId = useId();
  if (role !== 'facilitator') return null;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t('contribution.heading')}</h3>
      <SettingSwitch
        checked={countsOnly}
        onChange={(checked) => setContributionCountsOnly(session.settingsDoc, checked)}
        label={t('settings.contributionCountsOnly')}
        help={t('settings.contributionCountsOnlyHelp')}
        helpClassName="muted"
      />
    </section>
  );
}
