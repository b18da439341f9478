import * as Y from 'yjs';
import { boardRoots, settingsRoots } from '../../shared/docs';
import { LANE_KINDS, type LaneKind } from '../../shared/records/lane';
import {
  activePillars,
  allPillars,
  getNote,
  laneKey,
  listNotePlacements,
  listTrash,
  listUnplacedNotes,
  liveNotesByLane,
  readClusters,
} from '../../shared/selectors';
import { createStore, type ReadStore, sameArray } from '../lib/store';
import { affectsClusterPlacement, type ClusterIndex, computeClusterIndex, EMPTY_CLUSTER_INDEX } from './clusterIndex';
import { applyHold, type EditingHold, holdFor, movedSinceHold } from './editingHold';

/**
 * Which note ids each lane shows, recomputed once after each transaction that can move a note (a note added or
 * removed, or its `place` / `deletedAt` changed). Unchanged lanes keep the same array, so a remote edit
 * re-renders only the lanes (and the note) it touched; a text edit recomputes nothing here.
 */
export interface LaneIndex {
  lanes: ReadonlyMap<string, readonly string[]>;
  unplaced: readonly string[];
  /** Every trashed note (the held one too, if a colleague trashed it), newest first. */
  trash: readonly string[];
  /** The note this tab is editing, shown where editing began (client/session/editingHold.ts). */
  held: EditingHold | null;
  /** True when the held note is elsewhere in the document now (moved or trashed by someone). */
  heldMoved: boolean;
}

const EMPTY: readonly string[] = [];
const PLACEMENT_KEYS = new Set(['place', 'deletedAt']);

function affectsPlacement(events: Y.YEvent<Y.AbstractType<unknown>>[], notes: Y.Map<unknown>): boolean {
  return events.some((event) => {
    if (event.target === notes) return true;
    if (event.target instanceof Y.Map && event.target.parent === notes) {
      return [...(event as Y.YMapEvent<unknown>).keysChanged].some((key) => PLACEMENT_KEYS.has(key));
    }
    return false;
  });
}

export function createLaneIndex(
  boardDoc: Y.Doc,
  settingsDoc: Y.Doc,
): ReadStore<LaneIndex> & {
  clusters: ReadStore<ClusterIndex>;
  /** Holds the note this tab edits where it is now, instead of any other; see editingHold.ts. */
  hold(noteId: string): void;
  /** Releases the hold of this note (a hold of another note is kept). */
  release(noteId: string): void;
  destroy(): void;
} {
  const store = createStore<LaneIndex>({
    lanes: new Map(),
    unplaced: EMPTY,
    trash: EMPTY,
    held: null,
    heldMoved: false,
  });
  const clusterStore = createStore<ClusterIndex>(EMPTY_CLUSTER_INDEX);
  let hold: EditingHold | null = null;

  const recompute = () => {
    const previous = store.get();
    const lanes = new Map<string, readonly string[]>();
    const pillars = activePillars(settingsDoc);
    // One read of every note's placement for the three lists (a 3,000-note board arrives in one transaction).
    const storedNotes = listNotePlacements(boardDoc);
    const storedClusters = readClusters(boardDoc);
    const heldNote = hold && storedNotes.find((n) => n.id === hold?.noteId);
    const heldMoved = hold !== null && heldNote != null && movedSinceHold(hold, heldNote, storedClusters);
    // The lanes, clusters and unplaced tray as this tab shows them: the note being edited where it was.
    const { notes, clusters: clusterRecords } = applyHold(hold, storedNotes, storedClusters);
    const byLane = liveNotesByLane(boardDoc, notes, clusterRecords);
    // Clusters first: a listener of the lanes (a note left every lane) can then see where the note went.
    clusterStore.set(computeClusterIndex(notes, clusterRecords, clusterStore.get()));
    let changed = false;
    for (const pillar of pillars) {
      for (const lane of LANE_KINDS) {
        const key = laneKey(pillar.id, lane);
        const ids = (byLane.get(key) ?? []).map((n) => n.id);
        const old = previous.lanes.get(key);
        const kept = old && sameArray(old, ids) ? old : ids;
        if (kept !== old) changed = true;
        lanes.set(key, kept);
      }
    }
    if (lanes.size !== previous.lanes.size) changed = true;
    // Notes of archived pillars are not unplaced: they come back with their pillar.
    const unplacedIds = listUnplacedNotes(boardDoc, allPillars(settingsDoc), notes, clusterRecords).map((n) => n.id);
    const unplaced = sameArray(previous.unplaced, unplacedIds) ? previous.unplaced : unplacedIds;
    const trashIds = listTrash(boardDoc, undefined, storedNotes).map((n) => n.id);
    const trash = sameArray(previous.trash, trashIds) ? previous.trash : trashIds;
    if (
      changed ||
      unplaced !== previous.unplaced ||
      trash !== previous.trash ||
      hold !== previous.held ||
      heldMoved !== previous.heldMoved
    ) {
      store.set({ lanes: changed ? lanes : previous.lanes, unplaced, trash, held: hold, heldMoved });
    }
  };

  // A transaction can touch notes and clusters both (the board arriving in one): recomputed once, after it.
  let dirty = false;
  const afterTransaction = () => {
    if (!dirty) return;
    dirty = false;
    recompute();
  };
  const notes = boardRoots.notes(boardDoc);
  const onNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    if (affectsPlacement(events, notes)) dirty = true;
  };
  const pillars = settingsRoots.pillars(settingsDoc);
  // A cluster record arriving (or its pillar changing) moves its notes out of their lanes; a title typed
  // in a cluster changes no list.
  const clusters = boardRoots.clusters(boardDoc);
  const onClusters = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    if (affectsClusterPlacement(events, clusters)) dirty = true;
  };
  notes.observeDeep(onNotes);
  boardDoc.on('afterTransaction', afterTransaction);
  pillars.observeDeep(recompute);
  clusters.observeDeep(onClusters);
  recompute();
  return {
    get: store.get,
    subscribe: store.subscribe,
    clusters: { get: clusterStore.get, subscribe: clusterStore.subscribe },
    hold: (noteId) => {
      if (hold?.noteId === noteId) return;
      const note = getNote(boardDoc, noteId);
      hold = note ? holdFor(note, readClusters(boardDoc)) : null;
      recompute();
    },
    release: (noteId) => {
      if (hold?.noteId !== noteId) return;
      hold = null;
      recompute();
    },
    destroy: () => {
      notes.unobserveDeep(onNotes);
      pillars.unobserveDeep(recompute);
      clusters.unobserveDeep(onClusters);
      boardDoc.off('afterTransaction', afterTransaction);
    },
  };
}

export function laneIds(index: LaneIndex, pillarId: string, lane: LaneKind): readonly string[] {
  return index.lanes.get(laneKey(pillarId, lane)) ?? EMPTY;
}
