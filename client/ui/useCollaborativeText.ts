import type React from 'react';
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { BoardError, Result } from '../../shared/result';
import { type DeltaOp, diffText, rebaseChange, type TextChange, transformIndex } from '../../shared/textDiff';

/** A text control bound to a Y.Text: the note editor's textarea, an initiative's <input> or <textarea>. */
export type TextControl = HTMLInputElement | HTMLTextAreaElement;

/** Shows `text` in the control, keeping the caret where it was in the text across the remote `deltas`. */
function showText(element: TextControl, text: string, deltas: readonly DeltaOp[][]) {
  let start = element.selectionStart ?? 0;
  let end = element.selectionEnd ?? 0;
  for (const delta of deltas) {
    start = transformIndex(start, delta);
    end = transformIndex(end, delta);
  }
  element.value = text;
  if (document.activeElement === element) element.setSelectionRange(start, end);
}

interface CollaborativeTextOptions {
  ytext: Y.Text;
  /** The control, owned by the component (it may also focus it or read its caret). */
  field: React.RefObject<TextControl | null>;
  /** Writes the person's changes (one shared/ operation); a refusal is shown and the stored text kept. */
  apply: (changes: readonly TextChange[]) => Result<null>;
  /** Told the text typed (or composed) that could not be written when the control closed (see commit). */
  onUnsaved?: (text: string) => void;
}

/**
 * Binds an uncontrolled text control to a Y.Text. Local typing becomes minimal Y.Text changes written at
 * once; any other change (a colleague's, or this person's board undo while the control is open) updates the
 * control and keeps the caret where it was in the text. While an IME composition is in progress the control is
 * never touched: other changes are queued, and when the composition ends the local change is rebased through
 * them, so both the composed text and the other edit are kept.
 *
 * Returns the event handlers to spread on the control, `commit()` (write what is typed now, e.g. before
 * closing), the text's `length` and the `error` of the last refused write (null once a write succeeds).
 */
export function useCollaborativeText({ ytext, field, apply, onUnsaved }: CollaborativeTextOptions) {
  /** The Y.Text content the control last showed (the base of the next local diff). */
  const shown = useRef(ytext.toString());
  const composing = useRef(false);
  /** Other changes that arrived since `shown` (only during a composition). */
  const queued = useRef<DeltaOp[][]>([]);
  /** Where the person's pending edit began: the caret before the input or the composition. */
  const editStart = useRef<number | null>(null);
  // True only while this control writes its own typing: every other change to the text, a colleague's or this
  // person's own from elsewhere (the board's undo/redo while the editor is open), must update the control.
  const writing = useRef(false);
  const [length, setLength] = useState(ytext.length);
  const [error, setError] = useState<BoardError | null>(null);
  const applyRef = useRef(apply);
  applyRef.current = apply;
  const onUnsavedRef = useRef(onUnsaved);
  onUnsavedRef.current = onUnsaved;

  /**
   * Writes what the person typed since the last write, rebased through other edits made meanwhile. `force`
   * writes even mid-composition: the control is closing. `element` is passed in: when the control unmounts,
   * React has already cleared the ref.
   */
  const commitLocal = useRef((_element: TextControl | null, _force: boolean) => {});
  commitLocal.current = (element: TextControl | null, force: boolean) => {
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
    writing.current = true;
    let result: Result<null>;
    try {
      result = applyRef.current(changes);
    } finally {
      writing.current = false;
    }
    if (!result.ok) {
      // Closing with a refusal (e.g. the record was deleted meanwhile): no one will see this control's error,
      // so whoever closed it is told the words, to keep them visible.
      const typed = changes.map((c) => c.insert).join('');
      if (force && typed !== '') onUnsavedRef.current?.(typed);
      setError(result.error);
      // Refused: show the stored text again, the person's caret kept near where it was.
      showText(element, ytext.toString(), deltas);
      shown.current = element.value;
      setLength(element.value.length);
      return;
    }
    setError(null);
    const last = changes[changes.length - 1];
    const caret = last ? last.index + last.insert.length : (element.selectionStart ?? 0);
    element.value = ytext.toString();
    shown.current = element.value;
    // When closing, the caret is placed too: the note editor keeps it for the editor that reopens elsewhere.
    if (force || document.activeElement === element) element.setSelectionRange(caret, caret);
    setLength(element.value.length);
  };

  useEffect(() => {
    const element = field.current;
    if (!element) return;
    element.value = ytext.toString();
    shown.current = element.value;
    setLength(element.value.length);
    // Where the next edit begins, for every kind of input (typing, deleting, pasting): the native event,
    // since React's onBeforeInput misses deletions and fires again after a composition ends.
    const onBeforeInput = (event: Event) => {
      if (!(event as InputEvent).isComposing && !composing.current) editStart.current = element.selectionStart;
    };
    element.addEventListener('beforeinput', onBeforeInput);
    const onOtherChange = (event: Y.YTextEvent) => {
      if (writing.current) return; // this control's own write: it already shows it
      if (composing.current) {
        queued.current.push(event.delta as DeltaOp[]);
        return;
      }
      showText(element, ytext.toString(), [event.delta as DeltaOp[]]);
      shown.current = element.value;
      setLength(element.value.length);
    };
    ytext.observe(onOtherChange);
    return () => {
      ytext.unobserve(onOtherChange);
      element.removeEventListener('beforeinput', onBeforeInput);
      // Closed mid-edit (the record moved or was deleted by a colleague, the dialog closed), even
      // mid-composition: keep what was typed.
      commitLocal.current(element, true);
    };
  }, [ytext, field]);

  const handlers = {
    onInput: (e: React.FormEvent<TextControl>) => {
      if (!(e.nativeEvent as InputEvent).isComposing) commitLocal.current(e.currentTarget, false);
    },
    onCompositionStart: (e: React.CompositionEvent<TextControl>) => {
      composing.current = true;
      editStart.current = e.currentTarget.selectionStart;
    },
    onCompositionEnd: (e: React.CompositionEvent<TextControl>) => {
      composing.current = false;
      commitLocal.current(e.currentTarget, false);
    },
    onBlur: (e: React.FocusEvent<TextControl>) => commitLocal.current(e.currentTarget, false),
  };
  const commit = () => commitLocal.current(field.current, false);
  return { handlers, commit, length, error };
}
