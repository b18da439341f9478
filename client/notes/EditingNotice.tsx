import { restoreNote } from '../../shared/ops/notes';
import { trashRights } from '../../shared/trash';
import { useI18n } from '../i18n/I18nProvider';
import { useStoreSelector } from '../lib/store';
import { useBoard, useNote } from '../session/hooks';
import { deletedWhileEditingMessage } from './useEditingHold';

/**
 * What a colleague did to the note being edited, shown in its editor (which stays open, see editingHold.ts):
 * trashed — 「この付箋は○○さんが削除しました」 with 元に戻す, while the typing goes on into the note in the
 * trash, so restoring it brings back every word —, or moved elsewhere.
 */
export function EditingNotice({ noteId, onRestored }: { noteId: string; onRestored: () => void }) {
  const { t } = useI18n();
  const { session, role, identity } = useBoard();
  const note = useNote(noteId);
  const moved = useStoreSelector(session.laneIndex, (index) => index.held?.noteId === noteId && index.heldMoved);
  if (note?.deletedAt != null) {
    return (
      <div className="note-editor-notice" role="alert">
        <span>{deletedWhileEditingMessage(t, note, identity.id)}</span>
        {trashRights(role).restore && (
          <button
            type="button"
            onClick={() => {
              restoreNote(session.boardDoc, noteId);
              onRestored();
            }}
          >
            {t('note.restoreDeleted')}
          </button>
        )}
      </div>
    );
  }
  if (!moved) return null;
  return (
    <p className="note-editor-notice" role="status">
      {t('note.movedWhileEditing')}
    </p>
  );
}
