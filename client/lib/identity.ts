import { nanoid } from 'nanoid';
import { isNoteColor, NOTE_COLORS } from '../../shared/records/note';
import { readLocal, writeLocal } from './localStore';

/**
 * This browser's identity on boards: a stable id written as a note's `author` (so "your own notes" survive a
 * change of display name), the display name shown to others, and a presence colour.
 */
const ID_KEY = 'board.identity.id';
const NAME_KEY = 'board.identity.name';

const PRESENCE_COLORS = ['#b3261e', '#1a5fb4', '#26734d', '#8f3f97', '#b45309', '#0f766e', '#9d174d', '#3f51b5'];

export function browserIdentityId(): string {
  let id = readLocal(ID_KEY);
  if (!id) {
    id = nanoid(16);
    writeLocal(ID_KEY, id);
  }
  return id;
}

export function loadDisplayName(): string | null {
  const name = readLocal(NAME_KEY)?.trim();
  return name ? name : null;
}

export function saveDisplayName(name: string): void {
  writeLocal(NAME_KEY, name.trim());
}

export function presenceColor(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length] ?? '#1a5fb4';
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
