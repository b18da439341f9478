import * as Y from 'yjs';
import { structAt } from './yStructs.js';

/** A key of a root map that only the server writes; `key: null` protects every key of that root map. */
export interface ServerOnlyKey {
  root: string;
  key: string | null;
}

/**
 * `meta.schemaVersion` of either document: the server's migrations set it. A client that wrote it could make
 * a board "too new" for every server, locking everyone out.
 */
export const SCHEMA_VERSION_KEY: ServerOnlyKey = { root: 'meta', key: 'schemaVersion' };

/**
 * The settings document's root map `server`: state the server applies on a facilitator's command and records
 * (the board lock, later voting rounds and timers), see docs/architecture.md. Clients only read it.
 */
export const SERVER_STATE_ROOT = 'server';

export const SERVER_ONLY_KEYS: Record<'board' | 'settings', readonly ServerOnlyKey[]> = {
  board: [SCHEMA_VERSION_KEY],
  settings: [SCHEMA_VERSION_KEY, { root: SERVER_STATE_ROOT, key: null }],
};

export function describeServerOnlyKey(key: ServerOnlyKey): string {
  return key.key === null ? `${key.root}.*` : `${key.root}.${key.key}`;
}

const protects = (entry: ServerOnlyKey, root: string, key: string | null): boolean =>
  entry.root === root && (entry.key === null || entry.key === key);

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/**
 * The protected key whose live item the update's delete set removes, if any: e.g. a document without
 * `meta.schemaVersion` would be migrated again from version 0 on its next load.
 */
export function deletesServerOnlyKey(
  ds: ReturnType<typeof Y.decodeUpdate>['ds'],
  keys: readonly ServerOnlyKey[],
  doc?: Y.Doc,
): ServerOnlyKey | null {
  if (!doc) return null;
  for (const entry of keys) {
    const root = doc.share.get(entry.root);
    if (!root) continue;
    const items = entry.key === null ? [...root._map.values()] : [root._map.get(entry.key)];
    for (const item of items) {
      if (!item || item.deleted) continue;
      const { client, clock } = item.id;
      const ranges = ds.clients.get(client) ?? [];
      if (ranges.some((range) => range.clock <= clock && clock < range.clock + range.len)) return entry;
    }
  }
  return null;
}

/**
 * The protected key a new item of the update writes, if any (null: none); 'cycle' when the origins of the
 * update's items refer to each other in a cycle (no Yjs client produces that).
 *
 * Yjs encodes an item's parent and key only when it has neither origin nor right origin; otherwise it takes
 * them from its left neighbour (`origin`) or else its right one (`rightOrigin`) when integrating. An overwrite
 * of an existing key has the key's previous item as origin, so the key is found by following origins, through
 * the items of the update and those of the document. Both neighbours are followed (Yjs uses one of them; a
 * crafted item could point each elsewhere). An item that starts below the clock already known is integrated
 * after the item at that clock minus one, whatever parent and key it names, so that item is a neighbour too.
 * A neighbour that is neither in the document nor in the update is in an update still waiting for its commit:
 * a client's, validated here, or the server's own, whose ids no client can know before it is relayed.
 */
export function writesServerOnlyKey(
  structs: readonly Struct[],
  base: ReadonlyMap<number, number>,
  keys: readonly ServerOnlyKey[],
  doc?: Y.Doc,
  /** Items that start below the clock already known and end past it, with the left neighbour Yjs gives them. */
  straddling: ReadonlyMap<Y.Item, Y.ID> = new Map(),
): ServerOnlyKey | null | 'cycle' {
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  const protectedKey = (root: string, key: string | null): ServerOnlyKey | null =>
    keys.find((entry) => protects(entry, root, key)) ?? null;
  const rootNames = new Map<unknown, string>();
  for (const [name, type] of doc?.share ?? []) rootNames.set(type, name);
  /** A neighbour in the document: the protected key it is an item of (null: none). */
  const inDocument = (id: Y.ID): ServerOnlyKey | null | undefined => {
    if (!doc || id.clock >= Y.getState(doc.store, id.client)) return undefined;
    const found = structAt(doc.store.clients.get(id.client) ?? [], id.clock);
    // A GC neighbour makes Yjs discard the new item: it writes nothing.
    if (!(found instanceof Y.Item)) return null;
    const root = rootNames.get(found.parent);
    return root === undefined ? null : protectedKey(root, found.parentSub);
  };
  const inUpdate = (id: Y.ID): Y.Item | undefined => {
    const found = structAt(byClient.get(id.client) ?? [], id.clock);
    return found instanceof Y.Item ? found : undefined;
  };
  const neighbours = (item: Y.Item): Y.ID[] => {
    const ids: Y.ID[] = [];
    const left = straddling.get(item);
    if (left) ids.push(left);
    if (item.origin) ids.push(item.origin);
    if (item.rightOrigin) ids.push(item.rightOrigin);
    return ids;
  };
  const writesKey = new Map<Y.Item, ServerOnlyKey | null>();
  /** Resolves one item iteratively (origin chains can be thousands of items long). */
  const resolve = (start: Y.Item): ServerOnlyKey | null | 'cycle' => {
    const stack: Array<{ item: Y.Item; expanded: boolean }> = [{ item: start, expanded: false }];
    const onPath = new Set<Y.Item>();
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const { item } = top;
      if (writesKey.has(item)) {
        stack.pop();
        continue;
      }
      // Decoded, a named parent is the root type's name (a string) or the id of the parent type's item.
      const parent: unknown = item.parent;
      const named = typeof parent === 'string' ? protectedKey(parent, item.parentSub) : null;
      if (parent !== null && (named !== null || !straddling.has(item))) {
        writesKey.set(item, named);
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
      let result: ServerOnlyKey | null = null;
      for (const id of neighbours(item)) {
        const fromDocument = inDocument(id);
        if (fromDocument !== undefined) result ??= fromDocument;
        else {
          const next = inUpdate(id);
          if (next) result ??= writesKey.get(next) ?? null;
        }
      }
      writesKey.set(item, result);
      onPath.delete(item);
      stack.pop();
    }
    return writesKey.get(start) ?? null;
  };
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.id.clock + struct.length <= (base.get(struct.id.client) ?? 0)) continue;
    const result = resolve(struct);
    if (result !== null) return result;
  }
  return null;
}
