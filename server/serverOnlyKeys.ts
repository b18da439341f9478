import * as Y from 'yjs';

/**
 * Keys only the server writes: `meta.schemaVersion` of either document (its migrations set it). A client that
 * wrote it could make a board "too new" for every server, locking everyone out.
 */
export const SERVER_ONLY_ROOT = 'meta';
export const SERVER_ONLY_KEY = 'schemaVersion';

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/**
 * True when the update's delete set removes the document's live `meta.schemaVersion` item: a document
 * without a version would be migrated again from version 0 on its next load.
 */
export function deletesServerOnlyKey(ds: ReturnType<typeof Y.decodeUpdate>['ds'], doc?: Y.Doc): boolean {
  const meta = doc?.share.get(SERVER_ONLY_ROOT);
  const item = meta?._map.get(SERVER_ONLY_KEY);
  if (!item || item.deleted) return false;
  const { client, clock } = item.id;
  return (ds.clients.get(client) ?? []).some((range) => range.clock <= clock && clock < range.clock + range.len);
}

/** The struct holding `clock` in a clock-ordered list of one client's structs, if any. */
function structAt<S extends { id: Y.ID; length: number }>(structs: readonly S[], clock: number): S | undefined {
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const struct = structs[mid]!;
    if (clock < struct.id.clock) high = mid - 1;
    else if (clock >= struct.id.clock + struct.length) low = mid + 1;
    else return struct;
  }
  return undefined;
}

/**
 * True when a new item of the update writes the key `schemaVersion` of the root map `meta`; 'cycle' when the
 * origins of the update's items refer to each other in a cycle (no Yjs client produces that).
 *
 * Yjs encodes an item's parent and key only when it has neither origin nor right origin; otherwise it takes
 * them from its left neighbour (`origin`) or else its right one (`rightOrigin`) when integrating. An overwrite
 * of an existing key has the key's previous item as origin, so the key is found by following origins, through
 * the items of the update and those of the document. Both neighbours are followed (Yjs uses one of them; a
 * crafted item could point each elsewhere). A neighbour that is neither in the document nor in the update is
 * in an update still waiting for its commit, which was validated here and so never writes the key.
 */
export function writesServerOnlyKey(
  structs: readonly Struct[],
  base: ReadonlyMap<number, number>,
  doc?: Y.Doc,
): boolean | 'cycle' {
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  const metaType = doc?.share.get(SERVER_ONLY_ROOT) ?? null;
  /** A neighbour in the document: whether it is a meta.schemaVersion item. */
  const inDocument = (id: Y.ID): boolean | undefined => {
    if (!doc || id.clock >= Y.getState(doc.store, id.client)) return undefined;
    const found = structAt(doc.store.clients.get(id.client) ?? [], id.clock);
    // A GC neighbour makes Yjs discard the new item: it writes nothing.
    if (!(found instanceof Y.Item)) return false;
    return metaType !== null && found.parent === metaType && found.parentSub === SERVER_ONLY_KEY;
  };
  const inUpdate = (id: Y.ID): Y.Item | undefined => {
    const found = structAt(byClient.get(id.client) ?? [], id.clock);
    return found instanceof Y.Item ? found : undefined;
  };
  const neighbours = (item: Y.Item): Y.ID[] => {
    const ids: Y.ID[] = [];
    if (item.origin) ids.push(item.origin);
    if (item.rightOrigin) ids.push(item.rightOrigin);
    return ids;
  };
  const writesKey = new Map<Y.Item, boolean>();
  /** Resolves one item iteratively (origin chains can be thousands of items long). */
  const resolve = (start: Y.Item): boolean | 'cycle' => {
    const stack: Array<{ item: Y.Item; expanded: boolean }> = [{ item: start, expanded: false }];
    const onPath = new Set<Y.Item>();
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const { item } = top;
      if (writesKey.has(item)) {
        stack.pop();
        continue;
      }
      if (item.parent !== null) {
        // Decoded, a named parent is the root type's name (a string) or the id of the parent type's item.
        const parent: unknown = item.parent;
        writesKey.set(item, parent === SERVER_ONLY_ROOT && item.parentSub === SERVER_ONLY_KEY);
        stack.pop();
        continue;
      }
      if (!top.expanded) {
        top.expanded = true;
        onPath.add(item);
        for (const id of neighbours(item)) {
          if (inDocument(id) !== undefined) continue;
          const next = inUpdate(id);
          if (!next || writesKey.has(next)) continue;
          if (onPath.has(next)) return 'cycle';
          stack.push({ item: next, expanded: false });
        }
        continue;
      }
      let result = false;
      for (const id of neighbours(item)) {
        const fromDocument = inDocument(id);
        if (fromDocument !== undefined) result ||= fromDocument;
        else {
          const next = inUpdate(id);
          if (next) result ||= writesKey.get(next) ?? false;
        }
      }
      writesKey.set(item, result);
      onPath.delete(item);
      stack.pop();
    }
    return writesKey.get(start) ?? false;
  };
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.id.clock + struct.length <= (base.get(struct.id.client) ?? 0)) continue;
    const result = resolve(struct);
    if (result !== false) return result;
  }
  return false;
}
