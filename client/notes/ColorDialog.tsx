import { useId } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { useNote } from '../session/hooks';
import { useModalDialog } from '../ui/useModalDialog';
import { NoteColorSelect } from './NoteColorSelect';

/** 「色…」 from a note's menu: the colour choice without opening the note's editor. */
export function ColorDialog({ noteId, onClose }: { noteId: string; onClose: () => void }) {
  const { t } = useI18n();
  const note = useNote(noteId);
  const dialog = useModalDialog();
  const titleId = useId();
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('color.dialogTitle')}</h2>
      {note && note.deletedAt === null ? (
        <>
          <p className="muted">{shorten(note.text, 80)}</p>
          <NoteColorSelect noteId={noteId} color={note.color} />
        </>
      ) : (
        <p role="alert">{t('action.targetGone')}</p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
