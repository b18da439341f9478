import type { MessageKey } from '../../shared/i18n/ja';
import type { InitiativeChangeField, InitiativesDiff } from '../../shared/initiativeDiff';
import { useI18n } from '../i18n/I18nProvider';
import '../i18n/documentMessages';

const FIELD_KEYS: Record<InitiativeChangeField, MessageKey> = {
  title: 'snapshot.initiativeField.title',
  text: 'snapshot.initiativeField.text',
  pillar: 'snapshot.field.pillar',
  priority: 'snapshot.initiativeField.priority',
  fiscalYears: 'snapshot.initiativeField.fiscalYears',
  status: 'snapshot.initiativeField.status',
};

export const initiativeChangeCount = (diff: InitiativesDiff) =>
  diff.added.length + diff.removed.length + diff.changed.length;

/** The draft initiatives' part of a snapshot comparison: added, removed and changed, by title. */
export function InitiativesDiffView({ diff }: { diff: InitiativesDiff }) {
  const { t } = useI18n();
  if (initiativeChangeCount(diff) === 0) return null;
  const heading = t('snapshot.initiatives');
  const untitled = (title: string) => title || t('snapshot.initiativeUntitled');
  return (
    <section className="snapshot-pillar" aria-label={heading}>
      <h3>{heading}</h3>
      {diff.added.length > 0 && (
        <List heading={t('snapshot.added')} kind="added">
          {diff.added.map((i) => (
            <li key={i.id}>{untitled(i.title)}</li>
          ))}
        </List>
      )}
      {diff.removed.length > 0 && (
        <List heading={t('snapshot.removed')} kind="removed">
          {diff.removed.map((i) => (
            <li key={i.id}>{untitled(i.title)}</li>
          ))}
        </List>
      )}
      {diff.changed.length > 0 && (
        <List heading={t('snapshot.changed')} kind="changed">
          {diff.changed.map((change) => (
            <li key={change.id}>
              <p className="snapshot-note-text">
                {change.fields.includes('title')
                  ? t('snapshot.initiativeRenamed', {
                      before: untitled(change.before.title),
                      after: untitled(change.after.title),
                    })
                  : untitled(change.after.title)}
              </p>
              <p className="snapshot-change-fields">
                {t('snapshot.changedFields', { fields: change.fields.map((f) => t(FIELD_KEYS[f])).join('、') })}
              </p>
            </li>
          ))}
        </List>
      )}
    </section>
  );
}

function List({ heading, kind, children }: { heading: string; kind: string; children: React.ReactNode }) {
  return (
    <div className={`snapshot-diff-${kind}`}>
      <h4>{heading}</h4>
      <ul aria-label={heading}>{children}</ul>
    </div>
  );
}
