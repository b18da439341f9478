import { useI18n } from '../i18n/I18nProvider';
import { useStoreSelector } from '../lib/store';
import { useBoard, useNote } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';

/** Notes whose place is invalid or names a pillar the settings do not know: shown, never lost. */
export function UnplacedTray() {
  const { t } = useI18n();
  const { session } = useBoard();
  const ids = useStoreSelector(session.laneIndex, (index) => index.unplaced);
  if (ids.length === 0) return null;
  return (
    <section className="unplaced" aria-labelledby="unplaced-heading">
      <h2 id="unplaced-heading">{t('board.unplaced')}</h2>
      <p className="muted">{t('board.unplacedHelp')}</p>
      <ul className="note-list unplaced-list">
        {ids.map((id) => (
          <UnplacedNote key={id} noteId={id} />
        ))}
      </ul>
    </section>
  );
}

function UnplacedNote({ noteId }: { noteId: string }) {
  const { t } = useI18n();
  const { canEditBoard } = useBoard();
  const ui = useBoardUi();
  const note = useNote(noteId);
  if (!note) return null;
  return (
    <li className="note" style={{ background: note.color }} data-note-id={noteId}>
      <p className="note-text">{note.text}</p>
      {canEditBoard && (
        <div className="note-actions">
          <button type="button" className="note-edit" onClick={() => ui.openMoveDialog(noteId)}>
            {t('note.moveTo')}
          </button>
        </div>
      )}
    </li>
  );
}
