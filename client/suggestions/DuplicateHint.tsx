import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { useBoard } from '../session/hooks';
import { Highlighted } from './Highlighted';
import type { SimilarNote } from './suggestionsApi';
import './hint.css';

/** To the note on the board, to comment or 👍 there (its card is a focusable list item, data-note-id). */
function focusNote(noteId: string): void {
  const card = document.querySelector<HTMLElement>(`li[data-note-id="${CSS.escape(noteId)}"]`);
  card?.scrollIntoView({ block: 'nearest' });
  card?.focus();
}

/**
 * 「似た付箋があります」 under a lane's entry field: up to three notes of the pillar like the one being typed.
 * Choosing one moves the focus to that note on the board. The heading is a polite live region, so a screen
 * reader hears it once after the pause, without interrupting the typing.
 */
export function DuplicateHint({ notes, listId }: { notes: readonly SimilarNote[]; listId: string }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const shown = notes
    .map((note) => {
      const current = session.noteSnapshots.get(note.id);
      return { ...note, text: current && current.deletedAt === null ? current.text : null };
    })
    .filter((note): note is SimilarNote & { text: string } => note.text !== null);
  return (
    <div className="similar-hint">
      <p role="status" className={shown.length > 0 ? 'similar-heading' : 'visually-hidden'}>
        {shown.length > 0 && (
          <>
            {t('similar.heading')}
            <span className="visually-hidden">{t('similar.found', { count: shown.length })}</span>
          </>
        )}
      </p>
      {shown.length > 0 && (
        <ul id={listId} className="similar-list" aria-label={t('similar.listLabel')}>
          {shown.map((note) => (
            <li key={note.id}>
              <button
                type="button"
                className="similar-note"
                aria-label={t('similar.open', { text: shorten(note.text, 60) })}
                onClick={() => focusNote(note.id)}
              >
                {/* One flex item: the button's gap would otherwise space the marked words apart. */}
                <span>
                  <Highlighted text={shorten(note.text, 60)} highlights={note.highlights} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
