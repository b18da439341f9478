import * as Y from 'yjs';
import { LANE_KINDS, type LaneKind } from './lane.js';
import { isId, isOneOf, isRecord, isStringOfLength, ORDER_KEY_MAX } from './storedValues.js';

/**
 * A sticky note. Stored in the board document: `notes`: note id → Y.Map
 * `{ text: Y.Text, place: { pillarId, lane, order, clusterId? }, author, color, createdAt, deletedAt?, deletedBy?,
 * deletedByName? }`.
 * `place` is one plain value replaced whole on every move, so two concurrent moves end in one of them.
 */
export interface NotePlace {
  pillarId: string;
  lane: LaneKind;
  /** A fractional-indexing key, at most `ORDER_KEY_MAX` characters. */
  order: string;
  /**
   * The cluster (グループ) the note belongs to, if any. Part of `place` so that joining a cluster and moving
   * the note are one value: two people putting the same note in two clusters at once end in one of them.
   */
  clusterId?: string;
}

/** A stored place as the app reads it (only its known fields), or null when it is missing or invalid. */
export function parsePlace(value: unknown): NotePlace | null {
  if (!isRecord(value)) return null;
  const { pillarId, lane, order, clusterId } = value;
  if (!isId(pillarId) || !isOneOf(lane, LANE_KINDS) || !isStringOfLength(order, 1, ORDER_KEY_MAX)) return null;
  if (clusterId === undefined) return { pillarId, lane, order };
  return isId(clusterId) ? { pillarId, lane, order, clusterId } : null;
}

/** Sticky-note colours offered to people; any CSS hex colour written by another tool is also shown. */
export const NOTE_COLORS = ['#fff3a3', '#ffd6e0', '#cdeffd', '#d4f5c9', '#e8dcff', '#ffe0b8'] as const;
/** The names people choose the colours by (i18n `color.<name>`), in the order of NOTE_COLORS. */
export const NOTE_COLOR_NAMES = ['yellow', 'pink', 'blue', 'green', 'purple', 'orange'] as const;
export type NoteColorName = (typeof NOTE_COLOR_NAMES)[number];
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

export function isNoteColor(value: string): boolean {
  return HEX_COLOR.test(value);
}

export interface Note {
  id: string;
  /** The collaborative text, or null when another tool stored something else (then `text` shows it). */
  ytext: Y.Text | null;
  text: string;
  /** Null when the stored place is missing or invalid: the view shows the note as unplaced. */
  place: NotePlace | null;
  author: string;
  /** Display name of the author at writing time (optional; added by this app, kept if absent). */
  authorName: string;
  color: string;
  createdAt: number;
  deletedAt: number | null;
  /**
   * Who moved it to the trash: a person id, '' when unknown (trashed before schema version 4, or by another
   * tool), and '' while the note is live.
   */
  deletedBy: string;
  /** That person's display name then ('' when unknown). */
  deletedByName: string;
}

/** Who trashes a note: the identity (person id) and the display name at that moment. */
export interface Deleter {
  id: string;
  name: string;
}

/**
 * Places already validated, by the stored object: a stored place is a plain value Yjs hands back as the same
 * object until it is replaced, and the lane index, every note and every snapshot read it; validated once each.
 */
const checkedPlaces = new WeakMap<object, NotePlace | null>();

export function readPlace(value: unknown): NotePlace | null {
  if (typeof value !== 'object' || value === null) return null;
  const checked = checkedPlaces.get(value);
  if (checked !== undefined) return checked;
  const parsed = parsePlace(value);
  const place = parsed ? Object.freeze(parsed) : null;
  checkedPlaces.set(value, place);
  return place;
}

/**
 * What puts a note somewhere on the board (a lane, a cluster, the tray or the trash) and orders it there. The lane
 * index reads only this of every note after each move (and of the whole board when it arrives), not the text.
 */
export type NotePlacement = Pick<Note, 'id' | 'place' | 'author' | 'createdAt' | 'deletedAt'>;

/** The placement of one note, read as `readNote` reads those fields. */
export function readNotePlacement(id: string, value: unknown): NotePlacement {
  const map = value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
  const author = map?.get('author');
  const createdAt = map?.get('createdAt');
  const deletedAt = map?.get('deletedAt');
  return {
    id,
    place: readPlace(map?.get('place')),
    author: typeof author === 'string' ? author : '',
    createdAt: readCreatedAt(createdAt),
    deletedAt: readDeletedAt(deletedAt),
  };
}

const readCreatedAt = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const readDeletedAt = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** Reads one note with defaults for missing or invalid fields; the stored record is never rewritten here. */
export function readNote(id: string, value: unknown): Note {
  const map = value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
  const text = map?.get('text');
  const author = map?.get('author');
  const authorName = map?.get('authorName');
  const color = map?.get('color');
  const createdAt = map?.get('createdAt');
  const deletedAt = readDeletedAt(map?.get('deletedAt'));
  const deleted = deletedAt !== null;
  const deletedBy = map?.get('deletedBy');
  const deletedByName = map?.get('deletedByName');
  return {
    id,
    ytext: text instanceof Y.Text ? text : null,
    text: text instanceof Y.Text ? text.toString() : typeof text === 'string' ? text : '',
    place: readPlace(map?.get('place')),
    author: typeof author === 'string' ? author : '',
    authorName: typeof authorName === 'string' ? authorName.slice(0, 50) : '',
    color: typeof color === 'string' && HEX_COLOR.test(color) ? color : NOTE_COLORS[0],
    createdAt: readCreatedAt(createdAt),
    deletedAt,
    deletedBy: deleted && typeof deletedBy === 'string' ? deletedBy : '',
    deletedByName: deleted && typeof deletedByName === 'string' ? deletedByName.slice(0, 50) : '',
  };
}

export function laneOf(note: Note): LaneKind | null {
  return note.place?.lane ?? null;
}
