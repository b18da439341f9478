import { setNoteColor } from '../../shared/ops/notes';
import { NOTE_COLOR_NAMES, NOTE_COLORS } from '../../shared/records/note';
import { useI18n } from '../i18n/I18nProvider';
import { saveNoteColor } from '../lib/identity';
import { useBoard } from '../session/hooks';

/** Chooses a note's colour by name; the choice is also remembered for this person's next notes. */
export function NoteColorSelect({ noteId, color }: { noteId: string; color: string }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const known = (NOTE_COLORS as readonly string[]).includes(color);
  return (
    <label className="note-color">
      <span>{t('color.label')}</span>
      <select
        value={color}
        onChange={(e) => {
          if (setNoteColor(session.boardDoc, noteId, e.target.value).ok) saveNoteColor(e.target.value);
        }}
      >
        {!known && <option value={color}>{color}</option>}
        {NOTE_COLORS.map((hex, i) => (
          <option key={hex} value={hex}>
            {t(`color.${NOTE_COLOR_NAMES[i] ?? 'yellow'}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
