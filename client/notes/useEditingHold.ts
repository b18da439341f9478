import { useEffect, useRef } from 'react';
import { restoreNote } from '../../shared/ops/notes';
import type { Note } from '../../shared/records/note';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';

/**
 * 「この付箋は○○さんが削除しました」, or the sentence without a name when who did it is unknown, or when it was
 * this person (their board undo of the note's creation, made while its editor is open).
 */
export function deletedWhileEditingMessage(t: ReturnType<typeof useI18n>['t'], note: Note, selfId: string): string {
  if (note.deletedBy !== '' && note.deletedBy === selfId) return t('note.deletedWhileEditingSelf');
  return note.deletedByName
    ? t('note.deletedWhileEditing', { name: note.deletedByName })
    : t('note.deletedWhileEditingUnknown');
}

/**
 * Holds the note where it is (client/session/editingHold.ts) for as long as its editor is shown — not merely
 * while it is "the note being edited": a board locked or archived meanwhile hides the editor, and the note
 * must then go where it really is. When the editor closes on a note a colleague trashed meanwhile, the
 * person is told, with 元に戻す: what they wrote is in the trash with the note.
 */
export function useEditingHold(noteId: string) {
  const { t } = useI18n();
  const { session, identity } = useBoard();
  const ui = useBoardUi();
  // Read when the editor closes: a language switch must not release and take the hold again.
  const translate = useRef(t);
  translate.current = t;
  useEffect(() => {
    session.laneIndex.hold(noteId);
    return () => {
      session.laneIndex.release(noteId);
      const note = session.noteSnapshots.get(noteId);
      // Trashed by this person's own undo: its own message (with 元に戻す) already said so.
      if (!note || note.deletedAt === null || (note.deletedBy !== '' && note.deletedBy === identity.id)) return;
      const t = translate.current;
      const text = shorten(note.text);
      ui.notify({
        message: note.deletedByName
          ? t('note.deletedAfterEditing', { name: note.deletedByName, text })
          : t('note.deletedAfterEditingUnknown', { text }),
        action: {
          label: t('note.restoreDeleted'),
          run: () => restoreNote(session.boardDoc, noteId),
          focusAfter: noteId,
        },
      });
    };
  }, [session, noteId, ui, identity.id]);
}
