import { useId, useRef } from 'react';
import type * as Y from 'yjs';
import type { Result } from '../../shared/result';
import type { TextChange } from '../../shared/textDiff';
import { useI18n } from '../i18n/I18nProvider';
import { isImeEnter } from '../ui/ime';
import { type TextControl, useCollaborativeText } from '../ui/useCollaborativeText';

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
 * One collaborative text field of an initiative, bound to its Y.Text as the note editor is
 * (useCollaborativeText: minimal changes written at once, other edits shown with the caret kept, IME-safe).
 * It adds a length counter and the limit message. Enter in a one-line field does nothing (there is nothing to
 * submit).
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
  const field = useRef<TextControl | null>(null);
  const { handlers, length, error } = useCollaborativeText({ ytext, field, apply, onUnsaved });

  const setField = (element: TextControl | null) => {
    field.current = element;
  };
  const common = {
    id,
    'aria-invalid': error !== null,
    'aria-describedby': `${id}-length`,
    ...handlers,
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
          {t(`error.${error}`, { max })}
        </p>
      )}
    </div>
  );
}
