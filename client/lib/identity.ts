import { nanoid } from 'nanoid';
import { isNoteColor, NOTE_COLORS } from '../../shared/records/note';
import { readLocal, writeLocal } from './localStore';

/** The presence colour of an id: one rule with the server, which binds it to the connection's identity. */
export { presenceColor } from '../../shared/records/presence';

/**
 * This browser's identity on boards: a stable id written as a note's `author` (so "your own notes" survive a
 * change of display name) and a presence colour; the display name is in displayName.ts.
 */
const ID_KEY = 'board.identity.id';

export function browserIdentityId(): string {
  let id = readLocal(ID_KEY);
  if (!id) {
    id = nanoid(16);
    writeLocal(ID_KEY, id);
  }
  return id;
}

const COLOR_KEY = 'board.noteColor';

/** The sticky-note colour this person chose last; new notes take it. */
export function loadNoteColor(): string {
  const color = readLocal(COLOR_KEY);
  return color && isNoteColor(color) ? color : NOTE_COLORS[0];
}

export function saveNoteColor(color: string): void {
  writeLocal(COLOR_KEY, color);
}
