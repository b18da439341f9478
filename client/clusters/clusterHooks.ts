import { useCallback, useSyncExternalStore } from 'react';
import type { Cluster } from '../../shared/records/cluster';
import { useStoreSelector } from '../lib/store';
import { clusterMemberIds, pillarClusterIds } from '../session/clusterIndex';
import { useBoard } from '../session/hooks';
import type { BoardSession } from '../session/session';

/** The ids of the clusters a pillar shows, in order; re-renders only when that list changes. */
export function usePillarClusterIds(pillarId: string): readonly string[] {
  const { session } = useBoard();
  return useStoreSelector(session.clusterIndex, (index) => pillarClusterIds(index, pillarId));
}

/** The ids of the notes a cluster shows, in order (empty: the cluster is not shown). */
export function useClusterMemberIds(clusterId: string): readonly string[] {
  const { session } = useBoard();
  return useStoreSelector(session.clusterIndex, (index) => clusterMemberIds(index, clusterId));
}

/** One cluster record (title, collapsed, pillar), subscribed to that cluster alone. */
export function useCluster(clusterId: string): Cluster | null {
  const { session } = useBoard();
  const subscribe = useCallback(
    (notify: () => void) => session.clusterSnapshots.subscribe(clusterId, notify),
    [session, clusterId],
  );
  return useSyncExternalStore(subscribe, () => session.clusterSnapshots.get(clusterId));
}

/** What a cluster is called now: its title, or its first note's text while unnamed (for messages). */
export function clusterLabel(session: BoardSession, clusterId: string): string {
  const title = session.clusterSnapshots.get(clusterId)?.title.trim() ?? '';
  if (title !== '') return title;
  const first = clusterMemberIds(session.clusterIndex.get(), clusterId)[0];
  return first ? (session.noteSnapshots.get(first)?.text ?? '') : '';
}
