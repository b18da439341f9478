import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { NOTE_TEXT_MAX } from '../../shared/limits';
import { applyNoteTextChanges } from '../../shared/ops/notes';
import { type DeltaOp, diffText, rebaseChange, transformIndex } from '../../shared/textDiff';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from './hooks';
import { isImeEnter } from './ime';
import { useBoardUi } from './ui';

/** Shows `text` in the textarea, keeping the caret where it was in the text across the remote `deltas`. */
function showText(element: HTMLTextAreaElement, text: string, deltas: readonly DeltaOp[][]) {
  let start = element.selectionStart;
  let end = element.selectionEnd;
  for (const delta of deltas) {
    start = transformIndex(start, delta);
    end = transformIndex(end, delta);
  }
  element.value = text;
  if (document.activeElement === element) element.setSelectionRange(start, end);
}

/**
 * Edits a note's Y.Text in a textarea. Local typing becomes minimal Y.Text changes; remote changes update
 * the textarea and keep the caret where it was in the text. While an IME composition is in progress the
 * textarea is never touched: remote changes are queued, and when the composition ends the local change is
 * rebased through them, so both the composed text and the remote edit are kept.
 */
export function NoteEditor({ noteId, ytext, onDone }: { noteId: string; ytext: Y.Text; onDone: () => void }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const ui = useBoardUi();
  const area = useRef<HTMLTextAreaElement>(null);
  /** The Y.Text content the textarea last showed (the base of the next local diff). */
  const shown = useRef(ytext.toString());
  const composing = useRef(false);
  /** Remote changes that arrived since `shown` (only during a composition). */
  const queued = useRef<DeltaOp[][]>([]);
  /** Where the person's pending edit began: the caret before the input or the composition. */
  const editStart = useRef<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** Writes what the person typed since the last write, rebased through remote edits made meanwhile. */
  const commitLocal = useRef((_element: HTMLTextAreaElement | null, _force: boolean) => {});
  // `element` is passed in: when the editor unmounts, React has already cleared `area.current`.
  commitLocal.current = (element: HTMLTextAreaElement | null, force: boolean) => {
    if (!element || (composing.current && !force)) return;
    const change = diffText(shown.current, element.value, editStart.current ?? undefined);
    const deltas = queued.current;
    queued.current = [];
    editStart.current = null;
    if (!change) {
      if (deltas.length > 0) showText(element, ytext.toString(), deltas);
      shown.current = element.value;
      return;
    }
    const changes = rebaseChange(change, deltas);
    const result = applyNoteTextChanges(session.boardDoc, noteId, changes);
    if (!result.ok) {
      setError(t(`error.${result.error}`, { max: NOTE_TEXT_MAX }));
      // Refused: show the stored text again, the person's caret kept near where it was.
      showText(element, ytext.toString(), deltas);
      shown.current = element.value;
      return;
    }
    setError(null);
    const last = changes[changes.length - 1];
    const caret = last ? last.index + last.insert.length : element.selectionStart;
    element.value = ytext.toString();
    shown.current = element.value;
    element.setSelectionRange(caret, caret);
  };

  useEffect(() => {
    const element = area.current;
    if (!element) return;
    element.value = ytext.toString();
    shown.current = element.value;
    // Take focus when opened, or when reopened after a colleague moved the note (focus was lost with the
    // old editor) — never from a field the person has moved on to.
    const active = document.activeElement;
    if (active === null || active === document.body || active.closest('.note-editor')) {
      element.focus();
      const [start, end] = ui.takeCaret(noteId) ?? [element.value.length, element.value.length];
      element.setSelectionRange(start, end);
    }
    // Where the next edit begins, for every kind of input (typing, deleting, pasting): the native event,
    // since React's onBeforeInput misses deletions and fires again after a composition ends.
    const onBeforeInput = (event: InputEvent) => {
      if (!event.isComposing && !composing.current) editStart.current = element.selectionStart;
    };
    element.addEventListener('beforeinput', onBeforeInput);
    const onRemote = (event: Y.YTextEvent) => {
      if (event.transaction.local) return; // our own change: the textarea already shows it
      if (composing.current) {
        queued.current.push(event.delta as DeltaOp[]);
        return;
      }
      showText(element, ytext.toString(), [event.delta as DeltaOp[]]);
      shown.current = element.value;
    };
    ytext.observe(onRemote);
    return () => {
      ytext.unobserve(onRemote);
      element.removeEventListener('beforeinput', onBeforeInput);
      // Unmounted mid-edit (the note was moved or deleted by a colleague): keep what was typed, even an
      // unfinished composition, and where the caret was, for the editor that reopens in the new place.
      commitLocal.current(element, true);
      if (ui.editingNoteId.get() === noteId) ui.keepCaret(noteId, [element.selectionStart, element.selectionEnd]);
    };
  }, [ytext, noteId, ui]);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (isImeEnter(event)) return;
    if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Escape') {
      event.preventDefault();
      commitLocal.current(area.current, false);
      onDone();
    }
  }

  return (
    <div className="note-editor">
      <textarea
        ref={area}
        aria-label={t('note.editLabel')}
        rows={3}
        onInput={(e) => {
          if (!(e.nativeEvent as InputEvent).isComposing) commitLocal.current(e.currentTarget, false);
        }}
        onCompositionStart={(e) => {
          composing.current = true;
          editStart.current = e.currentTarget.selectionStart;
        }}
        onCompositionEnd={(e) => {
          composing.current = false;
          commitLocal.current(e.currentTarget, false);
        }}
        onKeyDown={onKeyDown}
        onBlur={(e) => commitLocal.current(e.currentTarget, false)}
        aria-invalid={error !== null}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" onClick={onDone}>
        {t('note.done')}
      </button>
    </div>
  );
}
