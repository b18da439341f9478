import type * as Y from 'yjs';
import { LOCAL_ORIGIN } from '../origin.js';
import { CLUSTER_TITLE_MAX } from '../records/cluster.js';
import { fail, type Result } from '../result.js';
import type { TextChange } from '../textDiff.js';
import { clusterMap } from './clusters.js';
import { type TextRules, writeText, writeTextChanges } from './text.js';

/** A cluster's title: a Y.Text edited with minimal changes, like a note's text, so concurrent typing merges. */
const CLUSTER_TITLE_RULES: TextRules = { maxLength: CLUSTER_TITLE_MAX, tooLong: 'titleTooLong' };

/**
 * Applies changes to a cluster's title in one transaction (the editor's path: its edit rebased through what
 * colleagues typed meanwhile). Refused whole when it makes the title longer than CLUSTER_TITLE_MAX
 * (writeTextChanges says how).
 */
export function applyClusterTitleChanges(
  doc: Y.Doc,
  clusterId: string,
  changes: readonly TextChange[],
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const cluster = clusterMap(doc, clusterId);
  if (!cluster) return fail('clusterNotFound');
  return writeTextChanges(doc, cluster, 'title', changes, CLUSTER_TITLE_RULES, origin);
}

/**
 * Sets a cluster's title with the smallest change from its current title (leading and trailing spaces
 * dropped). An empty title makes it unnamed again: it is then shown as its first note's text.
 */
export function renameCluster(
  doc: Y.Doc,
  clusterId: string,
  title: string,
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const cluster = clusterMap(doc, clusterId);
  if (!cluster) return fail('clusterNotFound');
  return writeText(doc, cluster, 'title', title.trim(), CLUSTER_TITLE_RULES, origin);
}
