import { nanoid } from 'nanoid';
import { type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { NOTE_TEXT_MAX } from '../../shared/limits';
import { addNote } from '../../shared/ops/notes';
import type { LaneKind } from '../../shared/records/lane';
import { useI18n } from '../i18n/I18nProvider';
import { loadNoteColor } from '../lib/identity';
import { useBoard } from '../session/hooks';
import { DuplicateHint } from '../suggestions/DuplicateHint';
import { useSimilarNotes } from '../suggestions/useSimilarNotes';
import { useBoardUi } from '../ui/boardUi';
import { isImeEnter } from '../ui/ime';

/** Type and press Enter to add a note at the end of the lane. The field keeps focus for the next one. */
export function QuickEntry({ pillarId, lane, label }: { pillarId: string; lane: LaneKind; label: string }) {
  const { t } = useI18n();
  const { session, identity } = useBoard();
  const ui = useBoardUi();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const field = useRef<HTMLInputElement>(null);
  const hintId = useId();
  // 「似た付箋があります」: asked after a pause in typing, never while an IME is composing.
  const similar = useSimilarNotes(pillarId);
  const composing = useRef(false);
  // Taken away while in use (the board was locked meanwhile): the focus goes to the lane's note, else to the
  // lane itself, rather than falling to the page. A layout cleanup runs while the field is still on the page.
  useLayoutEffect(() => {
    const input = field.current;
    return () => {
      const lane = input?.closest<HTMLElement>('.lane');
      if (!lane || document.activeElement !== input) return;
      requestAnimationFrame(() => {
        if (document.activeElement !== document.body || !lane.isConnected) return;
        const note = lane.querySelector<HTMLElement>('li[data-note-id][tabindex="0"]');
        if (!note) lane.tabIndex = -1;
        (note ?? lane).focus();
      });
    };
  }, []);

  function submit() {
    const result = addNote(session.boardDoc, {
      id: nanoid(),
      pillarId,
      lane,
      text,
      author: identity.id,
      authorName: identity.name,
      color: loadNoteColor(),
    });
    if (!result.ok) {
      setError(t(`error.${result.error}`, { max: NOTE_TEXT_MAX }));
      return;
    }
    setText('');
    setError(null);
    similar.clear();
    ui.announce(t('note.added'));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // ↓ from the field to the similar notes, when there are some (Tab reaches them too).
    if (event.key === 'ArrowDown' && !isImeEnter(event) && similar.notes.length > 0) {
      const first = document.getElementById(hintId)?.querySelector<HTMLElement>('button');
      if (first) {
        event.preventDefault();
        first.focus();
      }
      return;
    }
    if (event.key !== 'Enter' || isImeEnter(event)) return;
    event.preventDefault();
    submit();
  }

  return (
    <div className="quick-entry">
      <input
        ref={field}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          similar.textChanged(e.target.value, composing.current || (e.nativeEvent as InputEvent).isComposing);
          if (error) setError(null);
        }}
        onCompositionStart={() => {
          composing.current = true;
          similar.textChanged(text, true);
        }}
        onCompositionEnd={(e) => {
          composing.current = false;
          similar.textChanged(e.currentTarget.value, false);
        }}
        onKeyDown={onKeyDown}
        aria-label={t('lane.quickEntry', { lane: label })}
        placeholder={t('lane.placeholder')}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
      />
      <button type="button" onClick={submit} aria-label={t('lane.add', { lane: label })}>
        {t('lane.submit')}
      </button>
      {error && (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      )}
      <DuplicateHint notes={similar.notes} listId={hintId} />
    </div>
  );
}
