import type * as Y from 'yjs';
import { boardRoots, settingsRoots } from './docs.js';
import { type Cluster, readCluster } from './records/cluster.js';
import type { LaneKind } from './records/lane.js';
import { type Note, type NotePlacement, readNote, readNotePlacement } from './records/note.js';
import { listPillars, type Pillar } from './records/pillar.js';

/**
 * The cluster a note is shown in: its `place.clusterId` when that cluster's record exists, else null (the
 * record may arrive later, or another tool wrote the id): the note is then shown in its own lane.
 */
export function shownClusterId(note: NotePlacement, clusters: ReadonlyMap<string, Cluster>): string | null {
  const id = note.place?.clusterId;
  return id !== undefined && clusters.has(id) ? id : null;
}

/** Every readable cluster record, shown or not (a cluster is shown while a live note names it). */
export function readClusters(doc: Y.Doc): Map<string, Cluster> {
  const out = new Map<string, Cluster>();
  boardRoots.clusters(doc).forEach((value, id) => {
    const cluster = readCluster(id, value);
    if (cluster) out.set(id, cluster);
  });
  return out;
}

/** Every note in the board document, read through the one normaliser. */
export function listNotes(doc: Y.Doc): Note[] {
  const out: Note[] = [];
  boardRoots.notes(doc).forEach((value, id) => {
    out.push(readNote(id, value));
  });
  return out;
}

/** Every note's placement (no text): for the lane index, which places every note after each move. */
export function listNotePlacements(doc: Y.Doc): NotePlacement[] {
  const out: NotePlacement[] = [];
  boardRoots.notes(doc).forEach((value, id) => {
    out.push(readNotePlacement(id, value));
  });
  return out;
}

export function getNote(doc: Y.Doc, id: string): Note | null {
  const notes = boardRoots.notes(doc);
  return notes.has(id) ? readNote(id, notes.get(id)) : null;
}

/**
 * By order key, then id (as order.ts's compareByOrderThenId), without two objects per comparison: a lane of a big
 * board sorts thousands of notes.
 */
function byPlaceOrder(a: NotePlacement, b: NotePlacement): number {
  const orderA = a.place?.order ?? '';
  const orderB = b.place?.order ?? '';
  if (orderA !== orderB) return orderA < orderB ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The live (not deleted) notes of one lane, in display order (order key, then id). Notes shown in a cluster
 * are not in their lane.
 */
export function listLaneNotes(doc: Y.Doc, pillarId: string, lane: LaneKind): Note[] {
  const clusters = readClusters(doc);
  return listNotes(doc)
    .filter(
      (n) =>
        n.deletedAt === null &&
        n.place?.pillarId === pillarId &&
        n.place.lane === lane &&
        shownClusterId(n, clusters) === null,
    )
    .sort(byPlaceOrder);
}

/**
 * Every live note grouped by lane in one pass over the notes (for views that show all lanes at once):
 * `laneKey(pillarId, lane)` → the lane's notes in display order. Notes without a valid place, and notes shown
 * in a cluster, are left out. `notes`, `clusters`: already read, when the caller derives several lists from
 * one read.
 */
export function liveNotesByLane(doc: Y.Doc): Map<string, Note[]>;
export function liveNotesByLane<N extends NotePlacement>(
  doc: Y.Doc,
  notes: readonly N[],
  clusters: ReadonlyMap<string, Cluster>,
): Map<string, N[]>;
export function liveNotesByLane(
  doc: Y.Doc,
  notes: readonly NotePlacement[] = listNotes(doc),
  clusters: ReadonlyMap<string, Cluster> = readClusters(doc),
): Map<string, NotePlacement[]> {
  const lanes = new Map<string, NotePlacement[]>();
  for (const note of notes) {
    if (note.deletedAt !== null || note.place === null || shownClusterId(note, clusters) !== null) continue;
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
 * Live notes that no visible lane or cluster shows: an invalid place, or a pillar the settings do not know
 * (yet); a clustered note counts with its cluster's pillar. Notes of archived pillars are not here: they come
 * back with their pillar.
 */
export function listUnplacedNotes(doc: Y.Doc, pillars: readonly Pillar[]): Note[];
export function listUnplacedNotes<N extends NotePlacement>(
  doc: Y.Doc,
  pillars: readonly Pillar[],
  notes: readonly N[],
  clusters: ReadonlyMap<string, Cluster>,
): N[];
export function listUnplacedNotes(
  doc: Y.Doc,
  pillars: readonly Pillar[],
  notes: readonly NotePlacement[] = listNotes(doc),
  clusters: ReadonlyMap<string, Cluster> = readClusters(doc),
): NotePlacement[] {
  const known = new Set(pillars.map((p) => p.id));
  const shownPillar = (n: NotePlacement) => {
    const clusterId = shownClusterId(n, clusters);
    return clusterId === null ? (n.place?.pillarId ?? null) : (clusters.get(clusterId)?.pillarId ?? null);
  };
  return notes
    .filter((n) => {
      if (n.deletedAt !== null) return false;
      const pillarId = shownPillar(n);
      return pillarId === null || !known.has(pillarId);
    })
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** Deleted notes, newest first. `author` narrows it to one person's notes (a participant's own trash). */
export function listTrash(doc: Y.Doc, author?: string): Note[];
export function listTrash<N extends NotePlacement>(doc: Y.Doc, author: string | undefined, notes: readonly N[]): N[];
export function listTrash(
  doc: Y.Doc,
  author?: string,
  notes: readonly NotePlacement[] = listNotes(doc),
): NotePlacement[] {
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
