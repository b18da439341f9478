import { useEffect, useRef } from 'react';
import { restoreNote } from '../../shared/ops/notes';
import type { Note } from '../../shared/records/note';
import { useI18n } from '../i18n/I18nProvider';
import type { Store } from '../lib/store';
import { shorten } from './dnd/announcements';
import type { BoardSession } from './session';
import type { BoardUi } from './ui';

/** 「この付箋は○○さんが削除しました」, or the sentence without a name when who did it is unknown. */
export function deletedWhileEditingMessage(t: ReturnType<typeof useI18n>['t'], note: Note): string {
  return note.deletedByName
    ? t('note.deletedWhileEditing', { name: note.deletedByName })
    : t('note.deletedWhileEditingUnknown');
}

/**
 * Holds the note this tab edits where it is (client/board/editingHold.ts) for as long as its editor is open,
 * however the editing ends (Enter, 完了, another note opened). If a colleague trashed it meanwhile, the person
 * is told when the editor closes, with 元に戻す: what they wrote is in the trash with the note.
 */
export function useEditingHold(session: BoardSession, editingNoteId: Store<string | null>, notify: BoardUi['notify']) {
  const { t } = useI18n();
  // Read when the message is made: a language switch must not release and retake the hold.
  const translate = useRef(t);
  translate.current = t;
  useEffect(() => {
    let editing = editingNoteId.get();
    session.laneIndex.hold(editing);
    const unsubscribe = editingNoteId.subscribe(() => {
      const left = editing;
      editing = editingNoteId.get();
      session.laneIndex.hold(editing);
      const note = left === null || left === editing ? null : session.noteSnapshots.get(left);
      if (!note || note.deletedAt === null) return;
      const text = shorten(note.text);
      const t = translate.current;
      notify({
        message: note.deletedByName
          ? t('note.deletedAfterEditing', { name: note.deletedByName, text })
          : t('note.deletedAfterEditingUnknown', { text }),
        action: { label: t('note.restoreDeleted'), run: () => restoreNote(session.boardDoc, note.id) },
      });
    });
    return () => {
      unsubscribe();
      session.laneIndex.hold(null);
    };
  }, [session, editingNoteId, notify]);
}
