import type * as Y from 'yjs';
import { boardRoots, settingsRoots } from './docs.js';
import { compareByOrderThenId } from './order.js';
import type { LaneKind } from './records/lane.js';
import { type Note, readNote } from './records/note.js';
import { listPillars, type Pillar } from './records/pillar.js';

/** Every note in the board document, read through the one normaliser. */
export function listNotes(doc: Y.Doc): Note[] {
  const out: Note[] = [];
  boardRoots.notes(doc).forEach((value, id) => {
    out.push(readNote(id, value));
  });
  return out;
}

export function getNote(doc: Y.Doc, id: string): Note | null {
  const notes = boardRoots.notes(doc);
  return notes.has(id) ? readNote(id, notes.get(id)) : null;
}

function byPlaceOrder(a: Note, b: Note): number {
  return compareByOrderThenId({ order: a.place?.order ?? '', id: a.id }, { order: b.place?.order ?? '', id: b.id });
}

/** The live (not deleted) notes of one lane, in display order (order key, then id). */
export function listLaneNotes(doc: Y.Doc, pillarId: string, lane: LaneKind): Note[] {
  return listNotes(doc)
    .filter((n) => n.deletedAt === null && n.place?.pillarId === pillarId && n.place.lane === lane)
    .sort(byPlaceOrder);
}

/**
 * Every live note grouped by lane in one pass over the notes (for views that show all lanes at once):
 * `laneKey(pillarId, lane)` → the lane's notes in display order. Notes without a valid place are left out.
 */
/** `notes`: the notes already read with `listNotes(doc)`, when the caller derives several lists from one read. */
export function liveNotesByLane(doc: Y.Doc, notes: readonly Note[] = listNotes(doc)): Map<string, Note[]> {
  const lanes = new Map<string, Note[]>();
  for (const note of notes) {
    if (note.deletedAt !== null || note.place === null) continue;
    const key = laneKey(note.place.pillarId, note.place.lane);
    const lane = lanes.get(key);
    if (lane) lane.push(note);
    else lanes.set(key, [note]);
  }
  for (const lane of lanes.values()) lane.sort(byPlaceOrder);
  return lanes;
}

export const laneKey = (pillarId: string, lane: LaneKind): string => `${pillarId}\u0000${lane}`;

/**
 * Live notes that no visible lane shows: an invalid place, or a pillar the settings do not know (yet).
 * Notes of archived pillars are not here: they come back with their pillar.
 */
export function listUnplacedNotes(
  doc: Y.Doc,
  pillars: readonly Pillar[],
  notes: readonly Note[] = listNotes(doc),
): Note[] {
  const known = new Set(pillars.map((p) => p.id));
  return notes
    .filter((n) => n.deletedAt === null && (n.place === null || !known.has(n.place.pillarId)))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** Deleted notes, newest first. `author` narrows it to one person's notes (a participant's own trash). */
export function listTrash(doc: Y.Doc, author?: string, notes: readonly Note[] = listNotes(doc)): Note[] {
  return notes
    .filter((n) => n.deletedAt !== null && (author === undefined || n.author === author))
    .sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0));
}

export function boardTitle(settings: Y.Doc): string {
  const title = settingsRoots.meta(settings).get('title');
  return typeof title === 'string' ? title : '';
}

/** Pillars shown on the board (archived ones excluded), in order. */
export function activePillars(settings: Y.Doc): Pillar[] {
  return listPillars(settingsRoots.pillars(settings));
}

export function allPillars(settings: Y.Doc): Pillar[] {
  return listPillars(settingsRoots.pillars(settings), { includeArchived: true });
}
