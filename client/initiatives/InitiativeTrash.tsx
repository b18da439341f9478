import { useId, useState } from 'react';
import type { Initiative } from '../../shared/records/initiative';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { useModalDialog } from '../ui/useModalDialog';
import { useInitiativeActions } from './useInitiativeActions';

/** The initiatives' own trash: deleted ones are kept and anyone who can write the board may restore them. */
export function InitiativeTrashButton({ deleted }: { deleted: readonly Initiative[] }) {
  const { t } = useI18n();
  const { canEditBoard } = useBoard();
  const [open, setOpen] = useState(false);
  if (!canEditBoard) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {t('initiative.trash', { count: deleted.length })}
      </button>
      {open && <TrashDialog deleted={deleted} onClose={() => setOpen(false)} />}
    </>
  );
}

function TrashDialog({ deleted, onClose }: { deleted: readonly Initiative[]; onClose: () => void }) {
  const { t } = useI18n();
  const actions = useInitiativeActions();
  const dialog = useModalDialog();
  const titleId = useId();
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('initiative.trashHeading')}</h2>
      {deleted.length === 0 ? (
        <p className="muted">{t('initiative.trashEmpty')}</p>
      ) : (
        <ul className="trash-list">
          {deleted.map((initiative) => {
            const title = actions.titleOf(initiative);
            return (
              <li key={initiative.id}>
                <span>{title}</span>
                <button
                  type="button"
                  aria-label={t('initiative.restoreItem', { title })}
                  onClick={() => {
                    actions.restore(initiative);
                    requestAnimationFrame(() => {
                      const next = dialog.current?.querySelector<HTMLElement>('.trash-list button');
                      (next ?? dialog.current?.querySelector<HTMLElement>('.dialog-actions button'))?.focus();
                    });
                  }}
                >
                  {t('initiative.restore')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('initiative.close')}
        </button>
      </div>
    </dialog>
  );
}
