import { type KeyboardEvent, useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { NOTE_TEXT_MAX } from '../../shared/limits';
import { applyNoteTextChanges } from '../../shared/ops/notes';
import type { TextChange } from '../../shared/textDiff';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { isImeEnter } from '../ui/ime';
import { useCollaborativeText } from '../ui/useCollaborativeText';
import { EditingNotice } from './EditingNotice';
import { useEditingHold } from './useEditingHold';

/**
 * Edits a note's Y.Text in a textarea, bound by useCollaborativeText (minimal changes written at once, other
 * edits shown with the caret kept, IME compositions never disturbed). Enter or Escape finishes; the editor
 * takes focus when opened. A colleague's move or delete does not close or move it: the note is held where it
 * is until editing ends (editingHold.ts), and the editor says what happened (EditingNotice).
 */
export function NoteEditor({ noteId, ytext }: { noteId: string; ytext: Y.Text }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const ui = useBoardUi();
  const area = useRef<HTMLTextAreaElement>(null);
  const onDone = () => ui.editingNoteId.set(null);

  // Kept here, not in the note's card, so a note costs nothing for them until its editor opens.
  useEffect(() => {
    // Presence: tell the others which note this person is editing.
    session.awareness.setLocalStateField('editing', noteId);
    return () => {
      session.awareness.setLocalStateField('editing', null);
      // The editor closed: the focus comes back to its note, unless it is already elsewhere (another note's
      // editor opened meanwhile and took it: typing goes there). Not when the note's editor reopens in another
      // place (a colleague moved the note): that editor takes the focus.
      const note = document.querySelector<HTMLElement>(`li[data-note-id="${CSS.escape(noteId)}"]`);
      const active = document.activeElement;
      if (!note || note.querySelector('.note-editor')) return;
      if (!active || active === document.body || note.contains(active)) note.focus();
    };
  }, [noteId, session]);
  const { handlers, commit, error } = useCollaborativeText({
    ytext,
    field: area,
    apply: (changes: readonly TextChange[]) => applyNoteTextChanges(session.boardDoc, noteId, changes),
  });
  // After the binding: when the editor closes, the words typed last are written before the hold goes.
  useEditingHold(noteId);

  // Declared after useCollaborativeText: it runs after the text is shown, and its cleanup after the closing
  // write, so the caret kept is the one after what was typed. It reruns with the hook's (on a new `ytext`) to
  // carry the caret over.
  // biome-ignore lint/correctness/useExhaustiveDependencies: ytext restarts the binding, so this too
  useEffect(() => {
    const element = area.current;
    if (!element) return;
    // Take focus when opened, or when reopened after a colleague moved the note (focus was lost with the
    // old editor) — never from a field the person has moved on to.
    const active = document.activeElement;
    if (active === null || active === document.body || active.closest('.note-editor')) {
      element.focus();
      const [start, end] = ui.takeCaret(noteId) ?? [element.value.length, element.value.length];
      element.setSelectionRange(start, end);
    }
    return () => {
      // Unmounted mid-edit (the note was moved or deleted by a colleague): keep where the caret was, for the
      // editor that reopens in the new place (what was typed, even mid-composition, is already written).
      if (ui.editingNoteId.get() === noteId) ui.keepCaret(noteId, [element.selectionStart, element.selectionEnd]);
    };
  }, [ytext, noteId, ui]);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (isImeEnter(event)) return;
    if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Escape') {
      event.preventDefault();
      commit();
      onDone();
    }
  }

  return (
    <div className="note-editor">
      <EditingNotice noteId={noteId} onRestored={() => area.current?.focus()} />
      <textarea
        ref={area}
        aria-label={t('note.editLabel')}
        rows={3}
        {...handlers}
        onKeyDown={onKeyDown}
        aria-invalid={error !== null}
      />
      {error && (
        <p className="error" role="alert">
          {t(`error.${error}`, { max: NOTE_TEXT_MAX })}
        </p>
      )}
      <button type="button" onClick={onDone}>
        {t('note.done')}
      </button>
    </div>
  );
}
