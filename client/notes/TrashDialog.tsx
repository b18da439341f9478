import { useId, useState } from 'react';
import { purgeNote, restoreNote } from '../../shared/ops/notes';
import { trashRights } from '../../shared/trash';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { useBoard } from '../session/hooks';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useModalDialog } from '../ui/useModalDialog';

/** The trash's list, opened by `TrashButton` and loaded when first opened (`lazyDialogs.ts`). */
export function TrashDialog({ ids, onClose }: { ids: readonly string[]; onClose: () => void }) {
  const { t } = useI18n();
  const { session, role } = useBoard();
  const rights = trashRights(role);
  const dialog = useModalDialog();
  const titleId = useId();
  const [purging, setPurging] = useState<string | null>(null);
  // The entry just restored or erased leaves the list: keep the focus in the dialog.
  const keepFocus = () =>
    requestAnimationFrame(() => {
      const next = dialog.current?.querySelector<HTMLElement>('.trash-list button');
      (next ?? dialog.current?.querySelector<HTMLElement>('.dialog-actions button'))?.focus();
    });
  const purgingText = purging === null ? '' : shorten(session.noteSnapshots.get(purging)?.text ?? '', 60);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('trash.heading')}</h2>
      {ids.length === 0 ? (
        <p className="muted">{t('trash.empty')}</p>
      ) : (
        <ul className="trash-list">
          {ids.map((id) => {
            const note = session.noteSnapshots.get(id);
            const text = shorten(note?.text ?? '', 60);
            return (
              <li key={id}>
                <span>{text}</span>{' '}
                <span className="muted">
                  {note?.deletedByName
                    ? t('trash.deletedBy', { name: note.deletedByName })
                    : t('trash.deletedByUnknown')}
                </span>
                <span className="trash-actions">
                  {rights.restore && (
                    <button
                      type="button"
                      onClick={() => {
                        restoreNote(session.boardDoc, id);
                        keepFocus();
                      }}
                    >
                      {t('trash.restore', { text })}
                    </button>
                  )}
                  {rights.purge && (
                    <button type="button" onClick={() => setPurging(id)}>
                      {t('trash.purge', { text })}
                    </button>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('trash.close')}
        </button>
      </div>
      {purging !== null && (
        <ConfirmDialog
          message={t('trash.purgeConfirm', { text: purgingText })}
          confirmLabel={t('trash.purgeConfirmButton')}
          onConfirm={() => {
            purgeNote(session.boardDoc, purging);
            setPurging(null);
            keepFocus();
          }}
          onCancel={() => setPurging(null)}
        />
      )}
    </dialog>
  );
}
