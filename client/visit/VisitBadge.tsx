import { useI18n } from '../i18n/I18nProvider';
import '../comments/comments.css';

/**
 * 「新着」 or 「更新」 on a note (or a draft initiative's card) changed since this person's last visit, with a full
 * text for screen readers.
 */
export function VisitBadge({
  mark,
  kind = 'note',
}: {
  mark: 'added' | 'changed' | null;
  kind?: 'note' | 'initiative';
}) {
  const { t } = useI18n();
  if (!mark) return null;
  const label =
    kind === 'initiative'
      ? t(mark === 'added' ? 'visit.initiativeAddedLabel' : 'visit.initiativeChangedLabel')
      : t(mark === 'added' ? 'visit.addedLabel' : 'visit.changedLabel');
  return (
    <span className={`visit-badge visit-badge-${mark}`} title={label}>
      {t(mark === 'added' ? 'visit.added' : 'visit.changed')}
      <span className="visually-hidden"> {label}</span>
    </span>
  );
}
