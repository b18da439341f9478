import type * as Y from 'yjs';
import { compareByOrderThenId } from './order.js';
import type { Cluster } from './records/cluster.js';
import { LANE_KINDS, type LaneKind } from './records/lane.js';
import type { Note, NotePlacement } from './records/note.js';
import { listNotes, readClusters, shownClusterId } from './selectors.js';

/**
 * An item is what people vote on, place on the priority matrix and shortlist: a shown cluster, or a live
 * note that is in no shown cluster. Item ids are cluster ids and note ids (both nanoid, never equal).
 */
export type ItemKind = 'cluster' | 'note';

export interface ClusterItem {
  kind: 'cluster';
  id: string;
  pillarId: string;
  cluster: Cluster;
  /** Live member notes in display order: by lane (課題, 達成目標, アイデア), then order key, then id. */
  notes: Note[];
}

export interface NoteItem {
  kind: 'note';
  id: string;
  pillarId: string | null;
  lane: LaneKind | null;
  note: Note;
}

export type BoardItem = ClusterItem | NoteItem;

const laneRank = (lane: LaneKind | undefined) => (lane === undefined ? LANE_KINDS.length : LANE_KINDS.indexOf(lane));

/** The display order of notes inside a cluster. */
export function compareClusterMembers(a: NotePlacement, b: NotePlacement): number {
  return (
    laneRank(a.place?.lane) - laneRank(b.place?.lane) ||
    compareByOrderThenId({ order: a.place?.order ?? '', id: a.id }, { order: b.place?.order ?? '', id: b.id })
  );
}

/** What an unnamed cluster is called: its first note's text (the view may shorten it). */
export function itemLabel(item: BoardItem): string {
  if (item.kind === 'note') return item.note.text;
  return item.cluster.title.trim() !== '' ? item.cluster.title : (item.notes[0]?.text ?? '');
}

/**
 * Every item of the board, in one pass over the notes: shown clusters (sorted by pillar order is the view's
 * job; here by (order, id)) then unclustered live notes. `pillarId` of a note item is null when its place is
 * invalid. Items of archived or unknown pillars are included: filtering by pillar is the caller's choice.
 */
export function listItems(
  doc: Y.Doc,
  notes: readonly Note[] = listNotes(doc),
  clusters: ReadonlyMap<string, Cluster> = readClusters(doc),
): BoardItem[] {
  const members = new Map<string, Note[]>();
  const loose: NoteItem[] = [];
  for (const note of notes) {
    if (note.deletedAt !== null) continue;
    const clusterId = shownClusterId(note, clusters);
    if (clusterId === null) {
      loose.push({
        kind: 'note',
        id: note.id,
        pillarId: note.place?.pillarId ?? null,
        lane: note.place?.lane ?? null,
        note,
      });
      continue;
    }
    const list = members.get(clusterId);
    if (list) list.push(note);
    else members.set(clusterId, [note]);
  }
  const shown: ClusterItem[] = [];
  for (const [id, list] of members) {
    const cluster = clusters.get(id);
    if (!cluster) continue;
    shown.push({ kind: 'cluster', id, pillarId: cluster.pillarId, cluster, notes: list.sort(compareClusterMembers) });
  }
  shown.sort((a, b) => compareByOrderThenId(a.cluster, b.cluster));
  return [...shown, ...loose];
}

/**
 * The item a vote, a matrix place or a shortlist mark given to `id` now counts for: a shown cluster; a live
 * note that is in no shown cluster; a note's cluster when the note has joined one since (its dots count for
 * the cluster). Null when nothing shows it any more (a deleted note, a cluster whose last note left).
 */
export function resolveItem(doc: Y.Doc, id: string, items: readonly BoardItem[] = listItems(doc)): BoardItem | null {
  for (const item of items) {
    if (item.id === id) return item;
    if (item.kind === 'cluster' && item.notes.some((n) => n.id === id)) return item;
  }
  return null;
}

/** `resolveItem` for many ids at once, in one pass: id → the item it counts for (absent: none). */
export function resolveItems(items: readonly BoardItem[]): Map<string, BoardItem> {
  const out = new Map<string, BoardItem>();
  for (const item of items) {
    out.set(item.id, item);
    if (item.kind === 'cluster') for (const note of item.notes) out.set(note.id, item);
  }
  return out;
}
