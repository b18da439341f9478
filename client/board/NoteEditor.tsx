import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { NOTE_TEXT_MAX } from '../../shared/limits';
import { applyNoteTextChanges } from '../../shared/ops/notes';
import { type DeltaOp, diffText, rebaseChange, transformIndex } from '../../shared/textDiff';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from './hooks';
import { isImeEnter } from './ime';

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
  const commitLocal = useRef((_force: boolean) => {});
  commitLocal.current = (force: boolean) => {
    const element = area.current;
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
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
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
      // Unmounted mid-edit (the note was moved or deleted by a colleague, or the page changed view): keep
      // what was typed, even an unfinished composition.
      commitLocal.current(true);
    };
  }, [ytext]);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (isImeEnter(event)) return;
    if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Escape') {
      event.preventDefault();
      commitLocal.current(false);
      onDone();
    }
  }

  return (
    <div className="note-editor">
      <textarea
        ref={area}
        aria-label={t('note.editLabel')}
        rows={3}
        onBeforeInput={(e) => {
          if (!composing.current) editStart.current = e.currentTarget.selectionStart;
        }}
        onInput={(e) => {
          if (!(e.nativeEvent as InputEvent).isComposing) commitLocal.current(false);
        }}
        onCompositionStart={(e) => {
          composing.current = true;
          editStart.current = e.currentTarget.selectionStart;
        }}
        onCompositionEnd={() => {
          composing.current = false;
          commitLocal.current(false);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => commitLocal.current(false)}
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
