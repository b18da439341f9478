import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { CLUSTER_TITLE_MAX } from '../../shared/records/cluster';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { useNote } from '../session/hooks';
import { isImeEnter } from '../ui/ime';
import { Highlighted } from './Highlighted';
import type { SuggestedGroup } from './suggestionsApi';

export interface CardActions {
  /** Accept with the notes and title as the person left them. */
  accept: (noteIds: readonly string[], title: string) => void;
  dismiss: () => void;
  /** A message for the panel's live region (a note taken out of the suggestion). */
  say: (message: string) => void;
}

/**
 * One suggested group: its title, the reason (the shared words, marked in each note) and 採用 / 編集 / 却下. Editing
 * (taking notes out, renaming) stays in this card until it is accepted: nothing is written to the board before.
 * `mayAccept`: false for a participant the facilitator has not allowed; they may still dismiss it for themselves.
 */
export function SuggestionCard({
  group,
  mayAccept,
  actions,
}: {
  group: SuggestedGroup;
  mayAccept: boolean;
  actions: CardActions;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const fieldId = useId();
  const [noteIds, setNoteIds] = useState<readonly string[]>(group.noteIds);
  const [title, setTitle] = useState(group.title);
  const [editing, setEditing] = useState(false);
  const card = useRef<HTMLLIElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const shownTitle = title.trim() === '' ? t('cluster.unnamed') : title.trim();
  const enough = noteIds.length >= 2;

  function remove(noteId: string, text: string) {
    const index = noteIds.indexOf(noteId);
    const rest = noteIds.filter((id) => id !== noteId);
    setNoteIds(rest);
    actions.say(t('suggest.removed', { text: shorten(text) }));
    // The button pressed goes: focus to the next note's (else the previous one's), else the title field.
    requestAnimationFrame(() => {
      const buttons = card.current?.querySelectorAll<HTMLElement>('.suggestion-remove');
      const next = buttons?.[Math.min(index, (buttons?.length ?? 1) - 1)];
      (next ?? document.getElementById(fieldId))?.focus();
    });
  }

  function onTitleKey(event: KeyboardEvent<HTMLInputElement>) {
    // Enter ends the editing, except the Enter that confirms an IME conversion.
    if (event.key !== 'Enter' || isImeEnter(event)) return;
    event.preventDefault();
    setEditing(false);
    // The field goes: the focus goes back to the button that opened it.
    requestAnimationFrame(() => editButton.current?.focus());
  }

  return (
    <li ref={card} className="suggestion" tabIndex={-1} aria-labelledby={titleId}>
      <h3 id={titleId} className="suggestion-title">
        {shownTitle}
      </h3>
      <p className="suggestion-reason">{t('suggest.reason', { terms: group.terms.join('、') })}</p>
      {editing && (
        <p className="suggestion-field">
          <label htmlFor={fieldId}>{t('suggest.titleLabel')}</label>
          <input
            id={fieldId}
            value={title}
            maxLength={CLUSTER_TITLE_MAX}
            onChange={(event) => setTitle(event.target.value)}
            onKeyDown={onTitleKey}
          />
        </p>
      )}
      <ul className="suggestion-notes" aria-label={t('suggest.notesLabel', { title: shownTitle })}>
        {noteIds.map((id) => (
          <SuggestedNote
            key={id}
            noteId={id}
            highlights={group.highlights[id] ?? []}
            onRemove={editing ? (text) => remove(id, text) : null}
          />
        ))}
      </ul>
      {!enough && <p className="suggestion-too-few">{t('suggest.tooFew')}</p>}
      <div className="suggestion-actions">
        {mayAccept && (
          <button
            type="button"
            className="primary"
            disabled={!enough}
            aria-label={t('suggest.acceptAction', { title: shownTitle })}
            onClick={() => actions.accept(noteIds, title)}
          >
            {t('suggest.accept')}
          </button>
        )}
        {mayAccept && (
          <button
            ref={editButton}
            type="button"
            aria-expanded={editing}
            aria-label={editing ? t('suggest.doneEditing') : t('suggest.editAction', { title: shownTitle })}
            onClick={() => {
              setEditing(!editing);
              if (!editing) requestAnimationFrame(() => document.getElementById(fieldId)?.focus());
            }}
          >
            {editing ? t('suggest.doneEditing') : t('suggest.edit')}
          </button>
        )}
        <button type="button" aria-label={t('suggest.dismissAction', { title: shownTitle })} onClick={actions.dismiss}>
          {t('suggest.dismiss')}
        </button>
      </div>
    </li>
  );
}

/** A note of a suggestion, live (a colleague's edit shows); gone from the board, it is not shown. */
function SuggestedNote({
  noteId,
  highlights,
  onRemove,
}: {
  noteId: string;
  highlights: readonly string[];
  onRemove: ((text: string) => void) | null;
}) {
  const { t } = useI18n();
  const note = useNote(noteId);
  if (!note || note.deletedAt !== null) return null;
  return (
    <li className="suggestion-note">
      <span className="suggestion-note-text">
        <Highlighted text={note.text} highlights={highlights} />
      </span>
      {onRemove && (
        <button
          type="button"
          className="suggestion-remove"
          aria-label={t('suggest.removeNote', { text: shorten(note.text) })}
          onClick={() => onRemove(note.text)}
        >
          {t('suggest.remove')}
        </button>
      )}
    </li>
  );
}
