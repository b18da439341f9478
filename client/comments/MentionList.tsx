import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { mentionQuery, mentionsIn, type RosterEntry } from './useRoster';

const SHOWN_MAX = 6;

/**
 * `@name` completion in a comment field: typing `@` and part of a name lists the roster's matches under the field
 * (a listbox the field points to with aria-activedescendant); ↑↓ choose, Enter or Tab inserts `@name `, Escape
 * closes the list (not the dialog). The Enter that confirms an IME conversion never inserts (the composer returns
 * before asking). The people chosen are remembered by name, and a comment mentions those whose `@name` it still holds.
 */
export function useMentionCompletion(
  text: string,
  roster: readonly RosterEntry[],
  initial?: ReadonlyMap<string, string>,
) {
  const { t } = useI18n();
  const listId = useId();
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const chosen = useRef(new Map(initial ?? []));
  const field = useRef<HTMLTextAreaElement | null>(null);
  const query = caret === null ? null : mentionQuery(text, caret);
  const options =
    query && roster.length > 0 && dismissedAt !== query.start
      ? roster.filter((person) => person.name.toLowerCase().includes(query.query.toLowerCase())).slice(0, SHOWN_MAX)
      : [];
  const open = options.length > 0;
  const shownActive = Math.min(active, options.length - 1);
  const optionId = (index: number) => `${listId}-${index}`;

  function insert(person: RosterEntry, setText: (text: string) => void) {
    if (!query || caret === null) return;
    const before = text.slice(0, query.start);
    const after = text.slice(caret);
    const inserted = `@${person.name} `;
    chosen.current.set(person.name, person.id);
    setText(before + inserted + after);
    const at = before.length + inserted.length;
    setCaret(at);
    setActive(0);
    requestAnimationFrame(() => field.current?.setSelectionRange(at, at));
  }

  return {
    fieldProps: open
      ? {
          'aria-autocomplete': 'list' as const,
          'aria-controls': listId,
          'aria-activedescendant': optionId(shownActive),
        }
      : { 'aria-autocomplete': roster.length > 0 ? ('list' as const) : undefined },
    caretMoved(element: HTMLTextAreaElement) {
      field.current = element;
      setCaret(element.selectionStart === element.selectionEnd ? element.selectionStart : null);
    },
    /** True when the key was the list's (the composer then does nothing else with it). */
    onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>, setText: (text: string) => void): boolean {
      if (!open) return false;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((shownActive + step + options.length) % options.length);
        return true;
      }
      if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === 'Tab') {
        event.preventDefault();
        insert(options[shownActive]!, setText);
        return true;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setDismissedAt(query?.start ?? null);
        return true;
      }
      return false;
    },
    list: open ? (
      <div id={listId} className="mention-list" role="listbox" aria-label={t('comment.mentionList')}>
        {options.map((person, index) => (
          // The field keeps the focus (aria-activedescendant): an option is never tabbed to.
          <div
            key={person.id}
            id={optionId(index)}
            role="option"
            tabIndex={-1}
            aria-selected={index === shownActive}
            className={index === shownActive ? 'mention-option-active' : undefined}
            // Chosen with the pointer without taking the focus from the field.
            onMouseDown={(event) => {
              event.preventDefault();
              if (field.current) insert(person, (next) => field.current && setTextOf(field.current, next));
            }}
          >
            @{person.name}
          </div>
        ))}
      </div>
    ) : null,
    mentions: (current: string) => mentionsIn(current, chosen.current),
    reset() {
      chosen.current = new Map();
      setCaret(null);
    },
  };
}

/** Sets a React-controlled textarea's value as typing would (its onChange runs). */
function setTextOf(element: HTMLTextAreaElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
  setter?.call(element, value);
  element.dispatchEvent(new Event('input', { bubbles: true }));
}
