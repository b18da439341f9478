import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import { compareClusterMembers } from '../../shared/items';
import { compareByOrderThenId } from '../../shared/order';
import { type Cluster, readCluster } from '../../shared/records/cluster';
import type { NotePlacement } from '../../shared/records/note';
import { shownClusterId } from '../../shared/selectors';
import { sameArray } from '../lib/store';

/**
 * Which clusters each pillar shows and which notes each cluster shows, computed in the lane index's pass over
 * the notes (client/session/laneIndex.ts). Unchanged lists keep the same array, so a cluster card re-renders
 * only when its own members change, and a pillar's cluster section only when its clusters do.
 */
export interface ClusterIndex {
  /** pillar id → its shown clusters' ids, in display order. */
  byPillar: ReadonlyMap<string, readonly string[]>;
  /** cluster id → its live notes' ids, in display order (by lane, then order). */
  members: ReadonlyMap<string, readonly string[]>;
}

export const EMPTY_CLUSTER_INDEX: ClusterIndex = { byPillar: new Map(), members: new Map() };
const EMPTY: readonly string[] = [];

export function computeClusterIndex(
  notes: readonly NotePlacement[],
  clusters: ReadonlyMap<string, Cluster>,
  previous: ClusterIndex,
): ClusterIndex {
  const lists = new Map<string, NotePlacement[]>();
  for (const note of notes) {
    if (note.deletedAt !== null) continue;
    const id = shownClusterId(note, clusters);
    if (id === null) continue;
    const list = lists.get(id);
    if (list) list.push(note);
    else lists.set(id, [note]);
  }
  const members = new Map<string, readonly string[]>();
  const shown = new Map<string, Cluster[]>();
  for (const [id, list] of lists) {
    const ids = list.sort(compareClusterMembers).map((n) => n.id);
    const old = previous.members.get(id);
    members.set(id, old && sameArray(old, ids) ? old : ids);
    const cluster = clusters.get(id)!;
    const inPillar = shown.get(cluster.pillarId);
    if (inPillar) inPillar.push(cluster);
    else shown.set(cluster.pillarId, [cluster]);
  }
  const byPillar = new Map<string, readonly string[]>();
  for (const [pillarId, list] of shown) {
    const ids = list.sort(compareByOrderThenId).map((c) => c.id);
    const old = previous.byPillar.get(pillarId);
    byPillar.set(pillarId, old && sameArray(old, ids) ? old : ids);
  }
  const unchanged =
    members.size === previous.members.size &&
    byPillar.size === previous.byPillar.size &&
    [...members].every(([id, ids]) => previous.members.get(id) === ids) &&
    [...byPillar].every(([id, ids]) => previous.byPillar.get(id) === ids);
  return unchanged ? previous : { byPillar, members };
}

export const pillarClusterIds = (index: ClusterIndex, pillarId: string) => index.byPillar.get(pillarId) ?? EMPTY;
export const clusterMemberIds = (index: ClusterIndex, clusterId: string) => index.members.get(clusterId) ?? EMPTY;

/** A cluster record change that can move notes in or out of lanes or reorder clusters (not a title edit). */
export function affectsClusterPlacement(events: Y.YEvent<Y.AbstractType<unknown>>[], root: Y.Map<unknown>): boolean {
  return events.some((event) => {
    if (event.target === root) return true;
    if (event.target instanceof Y.Map && event.target.parent === root) {
      const keys = (event as Y.YMapEvent<unknown>).keysChanged;
      return keys.has('pillarId') || keys.has('order');
    }
    return false;
  });
}

/**
 * Read-once snapshots of cluster records, one listener list per cluster: a title typed in one cluster
 * re-renders that cluster's card only.
 */
export function createClusterSnapshots(doc: Y.Doc) {
  const root = boardRoots.clusters(doc);
  const cache = new Map<string, Cluster | null>();
  const listeners = new Map<string, Set<() => void>>();
  const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const touched = new Set<string>();
    for (const event of events) {
      if (event.target === root) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) touched.add(key);
      else if (typeof event.path[0] === 'string') touched.add(event.path[0]);
    }
    for (const id of touched) {
      cache.delete(id);
      for (const listener of [...(listeners.get(id) ?? [])]) listener();
    }
  };
  root.observeDeep(onChange);
  return {
    get(id: string): Cluster | null {
      if (!cache.has(id)) cache.set(id, readCluster(id, root.get(id)));
      return cache.get(id) ?? null;
    },
    subscribe(id: string, listener: () => void): () => void {
      const set = listeners.get(id) ?? new Set();
      set.add(listener);
      listeners.set(id, set);
      return () => set.delete(listener);
    },
    destroy: () => root.unobserveDeep(onChange),
  };
}
