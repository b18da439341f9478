import * as Y from 'yjs';
import { LOCAL_ORIGIN } from '../origin.js';
import { CLUSTER_TITLE_MAX } from '../records/cluster.js';
import { fail, ok, type Result } from '../result.js';
import { clampTextChanges, diffText, growsPastLimit, type TextChange } from '../textDiff.js';
import { clusterMap } from './clusters.js';

/** A cluster's title: a Y.Text edited with minimal changes, like a note's text, so concurrent typing merges. */

/**
 * Applies changes to a cluster's title in one transaction (the editor's path: its edit rebased through what
 * colleagues typed meanwhile). Refused whole when it makes the title longer than
 * CLUSTER_TITLE_MAX (one already past it after concurrent typing can still be shortened).
 */
export function applyClusterTitleChanges(
  doc: Y.Doc,
  clusterId: string,
  changes: readonly TextChange[],
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const cluster = clusterMap(doc, clusterId);
  if (!cluster) return fail('clusterNotFound');
  let title = cluster.get('title');
  const before = title instanceof Y.Text ? title.length : typeof title === 'string' ? title.length : 0;
  const { changes: clamped, length } = clampTextChanges(before, changes);
  if (growsPastLimit(before, length, CLUSTER_TITLE_MAX)) return fail('titleTooLong');
  doc.transact(() => {
    if (!(title instanceof Y.Text)) {
      // Another tool stored a plain value: start a collaborative title from what it showed.
      title = new Y.Text(typeof title === 'string' ? title : '');
      cluster.set('title', title);
    }
    const ytitle = title as Y.Text;
    for (const change of clamped) {
      if (change.deleteCount > 0) ytitle.delete(change.index, change.deleteCount);
      if (change.insert !== '') ytitle.insert(change.index, change.insert);
    }
  }, origin);
  return ok(null);
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
  const next = title.trim();
  if (next.length > CLUSTER_TITLE_MAX) return fail('titleTooLong');
  const stored = cluster.get('title');
  const current = stored instanceof Y.Text ? stored.toString() : typeof stored === 'string' ? stored : '';
  const change = diffText(current, next);
  if (!change) return ok(null);
  return applyClusterTitleChanges(doc, clusterId, [change], origin);
}
