import { useId, useState } from 'react';
import { restoreNote } from '../../shared/ops/notes';
import { useI18n } from '../i18n/I18nProvider';
import { useStoreSelector } from '../lib/store';
import { shorten } from './dnd/announcements';
import { useBoard } from './hooks';
import { useModalDialog } from './useModalDialog';

/** Deleted notes this person may restore: their own, or every note for the facilitator. */
function useRestorableIds(): readonly string[] {
  const { session, role, identity } = useBoard();
  const trash = useStoreSelector(session.laneIndex, (index) => index.trash);
  if (role === 'facilitator') return trash;
  return trash.filter((id) => session.noteSnapshots.get(id)?.author === identity.id);
}

export function TrashButton() {
  const { t } = useI18n();
  const ids = useRestorableIds();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {t('trash.open', { count: ids.length })}
      </button>
      {open && <TrashDialog ids={ids} onClose={() => setOpen(false)} />}
    </>
  );
}

function TrashDialog({ ids, onClose }: { ids: readonly string[]; onClose: () => void }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const dialog = useModalDialog();
  const titleId = useId();
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('trash.heading')}</h2>
      {ids.length === 0 ? (
        <p className="muted">{t('trash.empty')}</p>
      ) : (
        <ul className="trash-list">
          {ids.map((id) => {
            const text = shorten(session.noteSnapshots.get(id)?.text ?? '', 60);
            return (
              <li key={id}>
                <span>{text}</span>
                <button
                  type="button"
                  onClick={() => {
                    restoreNote(session.boardDoc, id);
                    // The restored entry leaves the list: keep focus in the dialog.
                    requestAnimationFrame(() => {
                      const next = dialog.current?.querySelector<HTMLElement>('.trash-list button');
                      (next ?? dialog.current?.querySelector<HTMLElement>('.dialog-actions button'))?.focus();
                    });
                  }}
                >
                  {t('trash.restore', { text })}
                </button>
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
    </dialog>
  );
}
