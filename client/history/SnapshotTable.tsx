import { useMemo } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { ROLE_KEYS } from '../i18n/roleKeys';
import type { SnapshotMeta } from './snapshotsApi';
import '../i18n/documentMessages';

/** The saved snapshots, newest first: name, time, who, automatic or manual, and what one can do with each. */
export function SnapshotTable({
  snapshots,
  canManage,
  onView,
  onRestore,
  onDelete,
}: {
  snapshots: readonly SnapshotMeta[];
  canManage: boolean;
  onView: (snapshot: SnapshotMeta) => void;
  onRestore: (snapshot: SnapshotMeta) => void;
  onDelete: (snapshot: SnapshotMeta) => void;
}) {
  const { t, lang } = useI18n();
  const format = useMemo(
    () => new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }),
    [lang],
  );
  return (
    <table className="snapshot-table" aria-label={t('snapshot.listLabel')}>
      <thead>
        <tr>
          <th scope="col">{t('snapshot.name')}</th>
          <th scope="col">{t('snapshot.when')}</th>
          <th scope="col">{t('snapshot.who')}</th>
          <th scope="col">{t('snapshot.kind')}</th>
          <th scope="col">{t('snapshot.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {snapshots.map((snapshot) => (
          <tr key={snapshot.id} data-snapshot-id={snapshot.id}>
            <th scope="row">{snapshot.name}</th>
            <td>{format.format(snapshot.createdAt)}</td>
            <td>
              {snapshot.createdBy
                ? (snapshot.createdBy.name ?? t(ROLE_KEYS[snapshot.createdBy.role]))
                : t('snapshot.byServer')}
            </td>
            <td>{snapshot.reason === 'meeting' ? t('snapshot.automatic') : t('snapshot.manual')}</td>
            <td className="snapshot-actions">
              <button
                type="button"
                onClick={() => onView(snapshot)}
                aria-label={t('snapshot.viewOf', { name: snapshot.name })}
              >
                {t('snapshot.view')}
              </button>
              {canManage && (
                <>
                  <button
                    type="button"
                    onClick={() => onRestore(snapshot)}
                    aria-label={t('snapshot.restoreOf', { name: snapshot.name })}
                  >
                    {t('snapshot.restore')}
                  </button>
                  <button
                    type="button"
                    onClick={() => onDelete(snapshot)}
                    aria-label={t('snapshot.deleteOf', { name: snapshot.name })}
                  >
                    {t('snapshot.delete')}
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
