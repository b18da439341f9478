import { useId, useState } from 'react';
import { COMMENT_TEXT_MAX } from '../../shared/limits';
import type { Result } from '../../shared/result';
import { useI18n } from '../i18n/I18nProvider';
import { isImeEnter } from '../ui/ime';
import { useMentionCompletion } from './MentionList';
import type { RosterEntry } from './useRoster';

interface CommentComposerProps {
  /** The label of the text field (write a comment / edit the comment). */
  label: string;
  submitLabel: string;
  initial?: string;
  /** Sends the text and the people it mentions; a refusal is shown and the text kept, so nothing typed is lost. */
  onSubmit: (text: string, mentions: string[]) => Result<unknown>;
  /** `@name` completes from these (a new comment); none: no completion (an edit keeps its mentions). */
  roster?: readonly RosterEntry[];
  /** Mentions already in `initial` (a reply starts with `@name`): name → person id. */
  initialMentions?: ReadonlyMap<string, string>;
  onCancel?: () => void;
  autoFocus?: boolean;
  /** Told every change of the text (a draft kept by whoever outlives this composer). */
  onTextChange?: (text: string) => void;
}

/**
 * A comment's text field. Enter makes a new line; Ctrl+Enter (⌘+Enter) or the button sends. The Enter that
 * confirms a Japanese IME conversion never sends. No maxLength: a pasted over-long text is refused with a
 * message instead of being cut silently.
 */
export function CommentComposer({
  label,
  submitLabel,
  initial = '',
  onSubmit,
  onCancel,
  autoFocus,
  onTextChange,
  roster,
  initialMentions,
}: CommentComposerProps) {
  const { t } = useI18n();
  const [text, setShownText] = useState(initial);
  const mention = useMentionCompletion(text, roster ?? [], initialMentions);
  const setText = (next: string) => {
    setShownText(next);
    onTextChange?.(next);
  };
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();

  function submit() {
    const result = onSubmit(text, mention.mentions(text));
    if (result.ok) {
      setText('');
      mention.reset();
      setError(null);
    } else {
      setError(t(`error.${result.error}`, { max: COMMENT_TEXT_MAX, length: text.length }));
    }
  }

  return (
    <form
      className="comment-composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor={fieldId}>{label}</label>
      <textarea
        id={fieldId}
        value={text}
        rows={3}
        // biome-ignore lint/a11y/noAutofocus: the field the person opened the editor for
        autoFocus={autoFocus}
        aria-describedby={error ? `${errorId} ${hintId}` : hintId}
        aria-invalid={error !== null}
        {...mention.fieldProps}
        onChange={(event) => {
          setText(event.target.value);
          mention.caretMoved(event.target);
          if (error) setError(null);
        }}
        onSelect={(event) => mention.caretMoved(event.currentTarget)}
        onKeyDown={(event) => {
          if (isImeEnter(event)) return;
          if (mention.onKeyDown(event, setText)) return;
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            submit();
          } else if (event.key === 'Escape' && onCancel) {
            event.preventDefault();
            event.stopPropagation();
            onCancel();
          }
        }}
      />
      {mention.list}
      <p id={hintId} className="comment-hint">
        {t('comment.hint')}{' '}
        <span className={text.length > COMMENT_TEXT_MAX ? 'comment-over' : ''}>
          {t('comment.length', { length: text.length, max: COMMENT_TEXT_MAX })}
        </span>
      </p>
      {error && (
        <p id={errorId} className="comment-error" role="alert">
          {error}
        </p>
      )}
      <div className="comment-composer-actions">
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('comment.cancel')}
          </button>
        )}
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
