import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';

/** 「取組案: …」 on a note that fed an initiative (titles one per line, from useFedTitles). */
export function InitiativeBadge({ titles }: { titles: string }) {
  const { t } = useI18n();
  return (
    <span className="note-initiative-badge">
      {titles
        .split('\n')
        .map((title) => t('initiative.boardBadge', { title: shorten(title || t('initiative.untitled'), 24) }))
        .join(t('initiative.badgeSeparator'))}
    </span>
  );
}
