import * as Y from 'yjs';
import { boardRoots } from '../docs.js';
import { type ClusterItem, compareClusterMembers, listItems } from '../items.js';
import { compareByOrderThenId, orderKeyAtIndex, orderKeyBetween } from '../order.js';
import { LOCAL_ORIGIN } from '../origin.js';
import { type Cluster, readCluster } from '../records/cluster.js';
import type { LaneKind } from '../records/lane.js';
import { type Note, type NotePlace, readNote, readPlace } from '../records/note.js';
import { isId } from '../records/storedValues.js';
import { fail, ok, type Result } from '../result.js';
import { listLaneNotes, listNotes, readClusters, shownClusterId } from '../selectors.js';
import { adoptPrioritization } from './clusterAdoption.js';
import { type MoveTarget, moveNote } from './notes.js';

/**
 * Clusters (グループ). Membership is each note's `place.clusterId` (one value with the rest of its place), so
 * every operation here that changes membership replaces notes' whole `place`: two people putting one note in
 * two clusters at once end with it in exactly one. A cluster is shown while a live note names it; nothing
 * here ever deletes a cluster record (dissolving moves its notes out, the empty record stays).
 *
 * A note that joins a cluster takes the cluster's pillar (a cluster lives in one pillar) and keeps its lane
 * (shown as a tag on the note), at the end of that lane's notes in the cluster.
 */

function noteMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const value = boardRoots.notes(doc).get(id);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

/** A cluster's stored map, when it is a readable cluster record. */
export function clusterMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const value = boardRoots.clusters(doc).get(id);
  return value instanceof Y.Map && readCluster(id, value) ? (value as Y.Map<unknown>) : null;
}

/** Every note that names `clusterId`, deleted ones included (a restored note comes back into its cluster). */
function notesNaming(doc: Y.Doc, clusterId: string): Note[] {
  return listNotes(doc).filter((n) => n.place?.clusterId === clusterId);
}

/** The shown clusters of one pillar, in display order (order key, then id). */
export function listPillarClusters(doc: Y.Doc, pillarId: string, items = listItems(doc)): ClusterItem[] {
  return items
    .filter((item): item is ClusterItem => item.kind === 'cluster' && item.pillarId === pillarId)
    .sort((a, b) => compareByOrderThenId(a.cluster, b.cluster));
}

/** The live notes shown in a cluster, in display order (empty: the cluster is not shown). */
export function listClusterMembers(doc: Y.Doc, clusterId: string): Note[] {
  const clusters = readClusters(doc);
  return listNotes(doc)
    .filter((n) => n.deletedAt === null && shownClusterId(n, clusters) === clusterId)
    .sort(compareClusterMembers);
}

/** The place a note gets when it joins `cluster`: its pillar, the note's own lane, after that lane's members. */
function placeInCluster(doc: Y.Doc, note: Note, cluster: Cluster, lane: LaneKind): NotePlace {
  const sameLane = listClusterMembers(doc, cluster.id).filter((n) => n.id !== note.id && n.place?.lane === lane);
  const last = sameLane[sameLane.length - 1]?.place?.order ?? null;
  return { pillarId: cluster.pillarId, lane, order: orderKeyBetween(last, null), clusterId: cluster.id };
}

export interface GroupInput {
  /** The note that was dropped (or chosen in 「グループにする…」). */
  noteId: string;
  /** The note it was dropped onto. */
  targetNoteId: string;
  /** The id a new cluster gets, when one is made (nanoid; the caller's, so it can name it afterwards). */
  newClusterId: string;
  /** The identity (person id) of who groups them. */
  createdBy: string;
  now?: number;
}

/**
 * Drops note A onto note B. If B is shown in a cluster, A joins it; else a new cluster is made in B's pillar
 * (at the end of that pillar's clusters) holding both, each keeping its lane. Returns the cluster's id.
 */
export function groupNotes(doc: Y.Doc, input: GroupInput, origin: unknown = LOCAL_ORIGIN): Result<string> {
  if (input.noteId === input.targetNoteId) return fail('clusterSameNote');
  const noteValue = noteMap(doc, input.noteId);
  const targetValue = noteMap(doc, input.targetNoteId);
  if (!noteValue || !targetValue) return fail('noteNotFound');
  const note = readNote(input.noteId, noteValue);
  const target = readNote(input.targetNoteId, targetValue);
  if (note.deletedAt !== null || target.deletedAt !== null) return fail('noteNotFound');
  const clusters = readClusters(doc);
  const existing = shownClusterId(target, clusters);
  if (existing !== null) return addToCluster(doc, input.noteId, existing, origin);
  if (!target.place) return fail('noteUnplaced');
  if (boardRoots.clusters(doc).has(input.newClusterId)) return fail('clusterExists');
  const pillarId = target.place.pillarId;
  const siblings = listPillarClusters(doc, pillarId).map((item) => item.cluster);
  const order = orderKeyAtIndex(siblings, siblings.length);
  const noteLane = note.place?.lane ?? target.place.lane;
  doc.transact(() => {
    const cluster = new Y.Map<unknown>();
    cluster.set('title', new Y.Text());
    cluster.set('pillarId', pillarId);
    cluster.set('order', order);
    cluster.set('createdAt', input.now ?? Date.now());
    cluster.set('createdBy', input.createdBy);
    boardRoots.clusters(doc).set(input.newClusterId, cluster);
    // The target keeps its order key; the dropped note goes after the target's lane-mates in the cluster.
    targetValue.set('place', { ...target.place!, clusterId: input.newClusterId } satisfies NotePlace);
    const targetOrder = target.place!.lane === noteLane ? target.place!.order : null;
    noteValue.set('place', {
      pillarId,
      lane: noteLane,
      order: orderKeyBetween(targetOrder, null),
      clusterId: input.newClusterId,
    } satisfies NotePlace);
    adoptPrioritization(doc, input.newClusterId, [input.targetNoteId, input.noteId]);
  }, origin);
  return ok(input.newClusterId);
}

/**
 * Puts a note into a cluster (dropped onto the cluster, or onto one of its notes). The cluster need not be
 * shown: a record whose last note left comes back, title and all. `lane`: for a note with no valid place.
 */
export function addToCluster(
  doc: Y.Doc,
  noteId: string,
  clusterId: string,
  origin: unknown = LOCAL_ORIGIN,
  lane: LaneKind = 'problem',
): Result<string> {
  const noteValue = noteMap(doc, noteId);
  if (!noteValue) return fail('noteNotFound');
  const note = readNote(noteId, noteValue);
  if (note.deletedAt !== null) return fail('noteNotFound');
  const value = clusterMap(doc, clusterId);
  const cluster = value ? readCluster(clusterId, value) : null;
  if (!cluster) return fail('clusterNotFound');
  if (note.place?.clusterId === clusterId) return ok(clusterId);
  const place = placeInCluster(doc, note, cluster, note.place?.lane ?? lane);
  doc.transact(() => {
    noteValue.set('place', place);
    adoptPrioritization(doc, clusterId, [noteId]);
  }, origin);
  return ok(clusterId);
}

/**
 * Takes a note out of its cluster: to `target`, or by default to the end of its own lane in the cluster's
 * pillar. The same as `moveNote`, which writes a place without `clusterId` (dragging a member to a lane).
 */
export function leaveCluster(
  doc: Y.Doc,
  noteId: string,
  target?: MoveTarget,
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const noteValue = noteMap(doc, noteId);
  if (!noteValue) return fail('noteNotFound');
  const note = readNote(noteId, noteValue);
  const clusterId = shownClusterId(note, readClusters(doc));
  if (clusterId === null || !note.place) return fail('noteNotInCluster');
  const pillarId = readClusters(doc).get(clusterId)?.pillarId ?? note.place.pillarId;
  const lane = note.place.lane;
  const to = target ?? { pillarId, lane, index: listLaneNotes(doc, pillarId, lane).length };
  return moveNote(doc, noteId, to, origin);
}

/** Folds or unfolds a cluster for everyone. */
export function setClusterCollapsed(
  doc: Y.Doc,
  clusterId: string,
  collapsed: boolean,
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const cluster = clusterMap(doc, clusterId);
  if (!cluster) return fail('clusterNotFound');
  doc.transact(() => {
    if (collapsed) cluster.set('collapsed', true);
    else cluster.delete('collapsed');
  }, origin);
  return ok(null);
}

export interface ClusterTarget {
  pillarId: string;
  /** Position among that pillar's other shown clusters. */
  index: number;
}

/**
 * Moves a cluster within its pillar or to another one. Its notes go with it: each one's `place.pillarId` is
 * rewritten too (clusterId kept), so that they are in the right pillar if the cluster is dissolved later. A
 * note joining concurrently keeps its old pillarId in its place, which does not matter while it is in the
 * cluster: a clustered note is shown in its cluster's pillar.
 */
export function moveCluster(
  doc: Y.Doc,
  clusterId: string,
  target: ClusterTarget,
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const cluster = clusterMap(doc, clusterId);
  if (!cluster) return fail('clusterNotFound');
  if (!isId(target.pillarId)) return fail('pillarNotFound');
  const siblings = listPillarClusters(doc, target.pillarId)
    .filter((item) => item.id !== clusterId)
    .map((item) => item.cluster);
  const order = orderKeyAtIndex(siblings, target.index);
  const members = notesNaming(doc, clusterId);
  doc.transact(() => {
    cluster.set('pillarId', target.pillarId);
    cluster.set('order', order);
    for (const member of members) {
      if (member.place && member.place.pillarId !== target.pillarId) {
        noteMap(doc, member.id)?.set('place', { ...member.place, pillarId: target.pillarId } satisfies NotePlace);
      }
    }
  }, origin);
  return ok(null);
}

/** What dissolving did to one note: its place before and after, so that an undo can put it back. */
export interface DissolvedMember {
  noteId: string;
  before: NotePlace;
  after: NotePlace;
}

/**
 * Dissolves a cluster: every note naming it (deleted ones too, so a restore does not bring the cluster back)
 * goes to the end of its own lane in the cluster's pillar, in the cluster's display order. The cluster record
 * stays (title kept). Returns what moved, for `undoDissolve`.
 */
export function dissolveCluster(
  doc: Y.Doc,
  clusterId: string,
  origin: unknown = LOCAL_ORIGIN,
): Result<DissolvedMember[]> {
  const value = clusterMap(doc, clusterId);
  const cluster = value ? readCluster(clusterId, value) : null;
  if (!cluster) return fail('clusterNotFound');
  const members = notesNaming(doc, clusterId).sort(compareClusterMembers);
  const lastOrder = new Map<LaneKind, string | null>();
  const moved: DissolvedMember[] = [];
  for (const member of members) {
    if (!member.place) continue;
    const lane = member.place.lane;
    if (!lastOrder.has(lane)) {
      const lanes = listLaneNotes(doc, cluster.pillarId, lane);
      lastOrder.set(lane, lanes[lanes.length - 1]?.place?.order ?? null);
    }
    const order = orderKeyBetween(lastOrder.get(lane) ?? null, null);
    lastOrder.set(lane, order);
    moved.push({ noteId: member.id, before: member.place, after: { pillarId: cluster.pillarId, lane, order } });
  }
  doc.transact(() => {
    for (const entry of moved) noteMap(doc, entry.noteId)?.set('place', entry.after);
  }, origin);
  return ok(moved);
}

const samePlace = (a: NotePlace | null, b: NotePlace) =>
  a !== null &&
  a.pillarId === b.pillarId &&
  a.lane === b.lane &&
  a.order === b.order &&
  (a.clusterId ?? null) === (b.clusterId ?? null);

/**
 * Undoes `dissolveCluster`: each note that is still where dissolving put it goes back into the cluster. A
 * note a colleague (or this person) has moved since stays where it is now: an undo never reverts their work.
 * Returns how many notes went back.
 */
export function undoDissolve(
  doc: Y.Doc,
  moved: readonly DissolvedMember[],
  origin: unknown = LOCAL_ORIGIN,
): Result<number> {
  const back = moved.filter((entry) => {
    const value = noteMap(doc, entry.noteId);
    return value !== null && samePlace(readPlace(value.get('place')), entry.after);
  });
  doc.transact(() => {
    for (const entry of back) noteMap(doc, entry.noteId)?.set('place', entry.before);
  }, origin);
  return ok(back.length);
}
