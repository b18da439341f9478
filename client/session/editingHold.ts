import type { Cluster } from '../../shared/records/cluster';
import type { NotePlace, NotePlacement } from '../../shared/records/note';
import { shownClusterId } from '../../shared/selectors';

/**
 * The note this tab is editing stays where its editor is, in this tab only, until the editor closes: a
 * colleague's move (移動…, a drag, the keyboard, a cluster moved, another tool) or delete does not take it
 * away. Moving the note would mount its card, and so its text field, anew in the other lane: an IME
 * composition in progress would be cut off there — its kana written as typed, then the conversion inserted
 * again into the new field (「すまほからスマホから」) — and a deleted note's editor would vanish with what is
 * typed next. Held, the field and its composition live on; the note's real place is shown once editing ends.
 * Nothing is written: this is a view of the index, never of the document.
 */
export interface EditingHold {
  noteId: string;
  /** Where the note was when editing began (null: it had no valid place, shown as unplaced). */
  place: NotePlace | null;
  /** The shown cluster it was in then, with that cluster's pillar and order then. */
  cluster: { id: string; pillarId: string; order: string } | null;
}

/** The hold for `note` as it is now shown. */
export function holdFor(note: NotePlacement, clusters: ReadonlyMap<string, Cluster>): EditingHold {
  const clusterId = shownClusterId(note, clusters);
  const cluster = clusterId === null ? null : (clusters.get(clusterId) ?? null);
  return {
    noteId: note.id,
    place: note.place,
    cluster: cluster && { id: cluster.id, pillarId: cluster.pillarId, order: cluster.order },
  };
}

/**
 * The notes and clusters as this tab shows them: the held note live at its held place and its cluster in its
 * held pillar. The other notes and clusters are the document's, unchanged.
 */
export function applyHold<N extends NotePlacement>(
  hold: EditingHold | null,
  notes: readonly N[],
  clusters: ReadonlyMap<string, Cluster>,
): { notes: readonly N[]; clusters: ReadonlyMap<string, Cluster> } {
  if (!hold) return { notes, clusters };
  const shownNotes = notes.map((note) =>
    note.id === hold.noteId ? { ...note, place: hold.place, deletedAt: null } : note,
  );
  const held = hold.cluster;
  const current = held && clusters.get(held.id);
  if (!held || !current || (current.pillarId === held.pillarId && current.order === held.order)) {
    return { notes: shownNotes, clusters };
  }
  const shownClusters = new Map(clusters);
  shownClusters.set(held.id, { ...current, pillarId: held.pillarId, order: held.order });
  return { notes: shownNotes, clusters: shownClusters };
}

/** Whether the held note is somewhere else now, or in the trash (its editor says so). */
export function movedSinceHold(
  hold: EditingHold,
  note: NotePlacement,
  clusters: ReadonlyMap<string, Cluster>,
): boolean {
  const now = holdFor(note, clusters);
  return JSON.stringify([now.place, now.cluster]) !== JSON.stringify([hold.place, hold.cluster]);
}
