import type * as Y from 'yjs';
import { boardRoots } from '../docs.js';
import { listItems } from '../items.js';
import { LOCAL_ORIGIN } from '../origin.js';
import { idsOf } from '../prioritizing.js';
import type { ShortlistMark } from '../records/shortlist.js';
import { fail, ok, type Result } from '../result.js';

/**
 * Marks an item for the target period (令和4〜5年度に取り組む). `personId` is the identity of who marked it (a
 * stable id, not a display name). Marking a marked item again keeps the first mark. Two people marking at
 * once both succeed (one mark stays); a mark and an unmark at once end in one of the two.
 */
export function markShortlisted(
  doc: Y.Doc,
  itemId: string,
  personId: string,
  now = Date.now(),
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const item = listItems(doc).find((i) => i.id === itemId);
  if (!item) return fail('itemNotFound');
  const shortlist = boardRoots.shortlist(doc);
  if (idsOf(item).some((id) => shortlist.has(id))) return ok(null);
  doc.transact(() => shortlist.set(itemId, { markedAt: now, markedBy: personId } satisfies ShortlistMark), origin);
  return ok(null);
}

/**
 * Unmarks an item: deletes every mark that counts for it (a cluster's own and its notes', which count for it
 * while they are in it). Unmarking an unmarked item changes nothing.
 */
export function unmarkShortlisted(doc: Y.Doc, itemId: string, origin: unknown = LOCAL_ORIGIN): Result<null> {
  const item = listItems(doc).find((i) => i.id === itemId);
  const shortlist = boardRoots.shortlist(doc);
  const ids = (item ? idsOf(item) : [itemId]).filter((id) => shortlist.has(id));
  if (ids.length === 0) return ok(null);
  doc.transact(() => {
    for (const id of ids) shortlist.delete(id);
  }, origin);
  return ok(null);
}
