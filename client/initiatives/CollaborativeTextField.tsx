import type React from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { Result } from '../../shared/result';
import { type DeltaOp, diffText, rebaseChange, type TextChange, transformIndex } from '../../shared/textDiff';
import { isImeEnter } from '../board/ime';
import { useI18n } from '../i18n/I18nProvider';

type Field = HTMLInputElement | HTMLTextAreaElement;

/** Shows `text` in the field, keeping the caret where it was in the text across the remote `deltas`. */
function showText(element: Field, text: string, deltas: readonly DeltaOp[][]) {
  let start = element.selectionStart ?? 0;
  let end = element.selectionEnd ?? 0;
  for (const delta of deltas) {
    start = transformIndex(start, delta);
    end = transformIndex(end, delta);
  }
  element.value = text;
  if (document.activeElement === element) element.setSelectionRange(start, end);
}

interface CollaborativeTextFieldProps {
  ytext: Y.Text;
  label: string;
  max: number;
  multiline: boolean;
  /** Writes the person's changes (one shared/ operation); a refusal is shown and the stored text kept. */
  apply: (changes: readonly TextChange[]) => Result<null>;
  /**
   * Told the text typed (or composed) that could not be written when the field closed: the initiative was
   * deleted meanwhile. No one sees the field's error then, so whoever closed it keeps the words visible.
   */
  onUnsaved?: (text: string) => void;
}

/**
 * One collaborative text field, as the note editor (client/board/NoteEditor.tsx): typing becomes minimal
 * Y.Text changes written at once; any other change (a colleague's, or a board undo while the editor is open)
 * updates the field and keeps the caret; during an IME composition the field is never touched: other edits are
 * queued and the composed text is rebased through them when it ends, so both are kept. Enter in a one-line field does nothing (there is nothing to submit).
 */
export function CollaborativeTextField({
  ytext,
  label,
  max,
  multiline,
  apply,
  onUnsaved,
}: CollaborativeTextFieldProps) {
  const { t } = useI18n();
  const id = useId();
  const field = useRef<Field | null>(null);
  const shown = useRef(ytext.toString());
  const composing = useRef(false);
  const queued = useRef<DeltaOp[][]>([]);
  const editStart = useRef<number | null>(null);
  // True only while this field writes its own typing: every other change to the text, a colleague's or this
  // person's own from elsewhere (the board's undo/redo while the editor is open), must update the field.
  const writing = useRef(false);
  const [length, setLength] = useState(ytext.length);
  const [error, setError] = useState<string | null>(null);
  const applyRef = useRef(apply);
  applyRef.current = apply;
  const onUnsavedRef = useRef(onUnsaved);
  onUnsavedRef.current = onUnsaved;

  const commitLocal = useRef((_element: Field | null, _force: boolean) => {});
  commitLocal.current = (element: Field | null, force: boolean) => {
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
      const typed = changes.map((c) => c.insert).join('');
      if (force && typed !== '') onUnsavedRef.current?.(typed);
      setError(t(`error.${result.error}`, { max }));
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
    if (document.activeElement === element) element.setSelectionRange(caret, caret);
    setLength(element.value.length);
  };

  useEffect(() => {
    const element = field.current;
    if (!element) return;
    element.value = ytext.toString();
    shown.current = element.value;
    setLength(element.value.length);
    const onBeforeInput = (event: Event) => {
      if (!(event as InputEvent).isComposing && !composing.current) editStart.current = element.selectionStart;
    };
    element.addEventListener('beforeinput', onBeforeInput);
    const onOtherChange = (event: Y.YTextEvent) => {
      if (writing.current) return;
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
      // Closed mid-edit (even mid-composition): keep what was typed.
      commitLocal.current(element, true);
    };
  }, [ytext]);

  const setField = (element: Field | null) => {
    field.current = element;
  };
  const common = {
    id,
    'aria-invalid': error !== null,
    'aria-describedby': `${id}-length`,
    onInput: (e: React.FormEvent<Field>) => {
      if (!(e.nativeEvent as InputEvent).isComposing) commitLocal.current(e.currentTarget, false);
    },
    onCompositionStart: (e: React.CompositionEvent<Field>) => {
      composing.current = true;
      editStart.current = e.currentTarget.selectionStart;
    },
    onCompositionEnd: (e: React.CompositionEvent<Field>) => {
      composing.current = false;
      commitLocal.current(e.currentTarget, false);
    },
    onBlur: (e: React.FocusEvent<Field>) => commitLocal.current(e.currentTarget, false),
  };
  return (
    <div className="initiative-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea ref={setField} rows={4} {...common} />
      ) : (
        <input
          ref={setField}
          {...common}
          onKeyDown={(e) => {
            // The Enter that confirms an IME conversion must reach the IME untouched.
            if (e.key === 'Enter' && !isImeEnter(e)) e.preventDefault();
          }}
        />
      )}
      <span className="initiative-length muted" id={`${id}-length`}>
        {t('initiative.length', { length, max })}
      </span>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
