import * as Y from 'yjs';
import { TITLE_MAX } from '../limits.js';
import { isId } from './storedValues.js';

/**
 * A cluster (グループ) of notes in one pillar. Stored in the board document: `clusters`: cluster id → Y.Map
 * `{ title: Y.Text, pillarId, order, collapsed?, createdAt, createdBy }`.
 *
 * Membership is stored on the notes (`place.clusterId`), never on the cluster, so a note is in at most one
 * cluster. Whether a cluster exists is derived when reading: it is shown while at least one live note names
 * it. No client ever writes a "dissolve": the record of an empty cluster stays (a few bytes), and a note
 * that joins it later brings it back with its title.
 */
export interface Cluster {
  id: string;
  /** The collaborative title; null when another tool stored something else (then `title` shows it). */
  ytitle: Y.Text | null;
  /** The title as typed; empty until somebody names the cluster (the view then shows its first note). */
  title: string;
  pillarId: string;
  /** Fractional index among the pillar's clusters; sort by (order, id). */
  order: string;
  /** Folded for everyone (a facilitator tidying the board), not a per-person view state. */
  collapsed: boolean;
  createdAt: number;
  /** The identity (person id) of who made it. */
  createdBy: string;
}

export const CLUSTER_TITLE_MAX = TITLE_MAX;

export function readCluster(id: string, value: unknown): Cluster | null {
  if (!(value instanceof Y.Map)) return null;
  const map = value as Y.Map<unknown>;
  const pillarId = map.get('pillarId');
  // A cluster with no pillar cannot be shown anywhere: its notes are shown in their own lanes instead.
  if (!isId(pillarId)) return null;
  const title = map.get('title');
  const order = map.get('order');
  const createdAt = map.get('createdAt');
  const createdBy = map.get('createdBy');
  const text = title instanceof Y.Text ? title.toString() : typeof title === 'string' ? title : '';
  return {
    id,
    ytitle: title instanceof Y.Text ? title : null,
    title: text.slice(0, CLUSTER_TITLE_MAX),
    pillarId: pillarId,
    order: typeof order === 'string' && order !== '' ? order : 'a0',
    collapsed: map.get('collapsed') === true,
    createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0,
    createdBy: typeof createdBy === 'string' ? createdBy : '',
  };
}
