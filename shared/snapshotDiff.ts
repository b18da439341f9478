import type * as Y from 'yjs';
import { diffInitiatives, type InitiativesDiff } from './initiativeDiff.js';
import { type ClusterItem, compareClusterMembers, listItems } from './items.js';
import { LANE_KINDS, type LaneKind } from './records/lane.js';
import type { Note } from './records/note.js';
import type { Pillar } from './records/pillar.js';
import { allPillars, listNotes, readClusters, shownClusterId } from './selectors.js';

/**
 * What changed on a board between two moments (two snapshots, or a snapshot and the live board), read
 * through the same readers the board view uses. A note counts while it is live (not in the trash): a note
 * moved to the trash is "removed", one taken back out of it "added".
 */

/** The fields of a note the diff compares. */
export const NOTE_CHANGE_FIELDS = ['text', 'pillar', 'lane', 'cluster', 'color'] as const;
export type NoteChangeField = (typeof NOTE_CHANGE_FIELDS)[number];

export interface DiffNote {
  id: string;
  text: string;
  /** The pillar it is shown in (its cluster's when clustered); null when its place is invalid. */
  pillarId: string | null;
  lane: LaneKind | null;
  /** The shown cluster it is in, or null. */
  clusterId: string | null;
  color: string;
}

export interface RemovedNote extends DiffNote {
  /** In the trash on the later side (true), or gone from the document (false). */
  deleted: boolean;
}

export interface NoteChange {
  id: string;
  before: DiffNote;
  after: DiffNote;
  fields: NoteChangeField[];
}

export interface DiffCluster {
  id: string;
  pillarId: string;
  /** Its title, or its first note's text while unnamed (what the board shows). */
  title: string;
}

export interface ClusterRename {
  id: string;
  pillarId: string;
  before: string;
  after: string;
}

export interface SnapshotDiff {
  notes: { added: DiffNote[]; removed: RemovedNote[]; changed: NoteChange[] };
  clusters: { added: DiffCluster[]; removed: DiffCluster[]; renamed: ClusterRename[] };
  /** The draft initiatives (shared/initiativeDiff.ts). */
  initiatives: InitiativesDiff;
  /** Pillars of both sides (the later side's order first, then pillars only the earlier side knew). */
  pillars: Pillar[];
}

export interface BoardDocuments {
  board: Y.Doc;
  /** Optional: without it, the diff has no pillar titles. */
  settings?: Y.Doc;
}

interface Side {
  notes: Map<string, Note>;
  live: Map<string, DiffNote>;
  clusters: Map<string, DiffCluster>;
}

function readSide(board: Y.Doc): Side {
  const notes = listNotes(board);
  const clusters = readClusters(board);
  const live = new Map<string, DiffNote>();
  for (const note of notes) {
    if (note.deletedAt !== null) continue;
    const clusterId = shownClusterId(note, clusters);
    live.set(note.id, {
      id: note.id,
      text: note.text,
      pillarId: clusterId ? (clusters.get(clusterId)?.pillarId ?? null) : (note.place?.pillarId ?? null),
      lane: note.place?.lane ?? null,
      clusterId,
      color: note.color,
    });
  }
  const shown = new Map<string, DiffCluster>();
  for (const item of listItems(board, notes, clusters)) {
    if (item.kind === 'cluster') shown.set(item.id, clusterOf(item));
  }
  return { notes: new Map(notes.map((n) => [n.id, n])), live, clusters: shown };
}

function clusterOf(item: ClusterItem): DiffCluster {
  const first = [...item.notes].sort(compareClusterMembers)[0];
  const title = item.cluster.title.trim() !== '' ? item.cluster.title : (first?.text ?? '');
  return { id: item.id, pillarId: item.pillarId, title };
}

function changedFields(before: DiffNote, after: DiffNote): NoteChangeField[] {
  const fields: NoteChangeField[] = [];
  if (before.text !== after.text) fields.push('text');
  if (before.pillarId !== after.pillarId) fields.push('pillar');
  if (before.lane !== after.lane) fields.push('lane');
  if (before.clusterId !== after.clusterId) fields.push('cluster');
  if (before.color !== after.color) fields.push('color');
  return fields;
}

function mergedPillars(before?: Y.Doc, after?: Y.Doc): Pillar[] {
  const later = after ? allPillars(after) : [];
  const known = new Set(later.map((p) => p.id));
  const earlier = before ? allPillars(before).filter((p) => !known.has(p.id)) : [];
  return [...later, ...earlier];
}

/** The differences from `before` to `after`; each list in a stable order (pillar, lane, text, id). */
export function diffBoards(before: BoardDocuments, after: BoardDocuments): SnapshotDiff {
  const earlier = readSide(before.board);
  const later = readSide(after.board);
  const pillars = mergedPillars(before.settings, after.settings);
  const added: DiffNote[] = [];
  const removed: RemovedNote[] = [];
  const changed: NoteChange[] = [];
  for (const [id, note] of later.live) {
    const was = earlier.live.get(id);
    if (!was) added.push(note);
    else {
      const fields = changedFields(was, note);
      if (fields.length > 0) changed.push({ id, before: was, after: note, fields });
    }
  }
  for (const [id, note] of earlier.live) {
    if (!later.live.has(id)) removed.push({ ...note, deleted: later.notes.has(id) });
  }
  const clusters: SnapshotDiff['clusters'] = { added: [], removed: [], renamed: [] };
  for (const [id, cluster] of later.clusters) {
    const was = earlier.clusters.get(id);
    if (!was) clusters.added.push(cluster);
    else if (was.title !== cluster.title) {
      clusters.renamed.push({ id, pillarId: cluster.pillarId, before: was.title, after: cluster.title });
    }
  }
  for (const [id, cluster] of earlier.clusters) if (!later.clusters.has(id)) clusters.removed.push(cluster);

  const pillarRank = new Map(pillars.map((p, index) => [p.id, index]));
  const rank = (pillarId: string | null) =>
    pillarId === null ? pillars.length : (pillarRank.get(pillarId) ?? pillars.length);
  const laneRank = (lane: LaneKind | null) => (lane === null ? LANE_KINDS.length : LANE_KINDS.indexOf(lane));
  const byPlace = (a: DiffNote, b: DiffNote) =>
    rank(a.pillarId) - rank(b.pillarId) || laneRank(a.lane) - laneRank(b.lane) || compareText(a, b);
  const byCluster = (a: { pillarId: string; id: string }, b: { pillarId: string; id: string }) =>
    rank(a.pillarId) - rank(b.pillarId) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  added.sort(byPlace);
  removed.sort(byPlace);
  changed.sort((a, b) => byPlace(a.after, b.after));
  clusters.added.sort(byCluster);
  clusters.removed.sort(byCluster);
  clusters.renamed.sort(byCluster);
  const initiatives = diffInitiatives(before.board, after.board);
  return { notes: { added, removed, changed }, clusters, initiatives, pillars };
}

function compareText(a: DiffNote, b: DiffNote): number {
  return a.text.localeCompare(b.text, 'ja') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** True when nothing the diff looks at changed. */
export function isEmptyDiff(diff: SnapshotDiff): boolean {
  const { notes, clusters, initiatives } = diff;
  return [
    notes.added,
    notes.removed,
    notes.changed,
    clusters.added,
    clusters.removed,
    clusters.renamed,
    initiatives.added,
    initiatives.removed,
    initiatives.changed,
  ].every((list) => list.length === 0);
}
