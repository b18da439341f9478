import * as Y from 'yjs';

/** Highest clock + 1 known per client: a document's state vector, possibly extended by accepted updates. */
export type StateVector = Map<number, number>;

export type UpdateCheck =
  | {
      ok: true;
      /** The state vector once this update is applied on top of the given one. */
      stateVector: StateVector;
      /** True when the update brings no struct past the given state vector and deletes nothing. */
      empty: boolean;
      /** True when the update brings structs past the given state vector. */
      hasNewStructs: boolean;
    }
  | UpdateRefusal;

/**
 * Why an update is refused:
 * - `malformed`: it does not decode or is structurally impossible (no sender could have produced it);
 * - `missing`: it is well formed but depends on data the document lacks (earlier clocks of a client, items it
 *   refers to, deleted ranges). A stock client sends such an update after a reconnect, before its step 2
 *   delivered its offline edits: a resync heals it;
 * - `forbidden`: it writes what only the server may write (`meta.schemaVersion`).
 */
export type RefusalKind = 'malformed' | 'missing' | 'forbidden';

export type UpdateRefusal = { ok: false; kind: RefusalKind; reason: string };

/** The root map and key that only the server's migrations write, in both documents. */
export const SERVER_ONLY_ROOT = 'meta';
export const SERVER_ONLY_KEY = 'schemaVersion';

export interface ValidateOptions {
  /**
   * The document the update is meant for: needed to tell which key an item overwrites when the item names
   * no parent (Yjs encodes the parent and key only for items with neither origin nor right origin).
   */
  doc?: Y.Doc;
}

const isClock = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function refuse(reason: string, kind: RefusalKind = 'malformed'): UpdateRefusal {
  return { ok: false, kind, reason };
}

/**
 * Checks a Yjs (v1) update completely without touching any document: it must decode, and applying it on
 * top of `base` must leave nothing pending. Yjs would otherwise keep the parts it cannot integrate in
 * `store.pendingStructs` / `pendingDs` and a later client would receive a different board.
 *
 * Rules (see PROTOCOL-NOTES.md):
 * - per client, every struct must start at or before the clock known so far (the base state vector,
 *   extended by the earlier structs of this update); a gap means the update depends on missing data;
 * - every id an item refers to (origin, right origin, parent item) must be known: in the base or in this
 *   update; a reference to the item's own client must point before the item itself;
 * - every deleted range must lie within what is known after the update (Yjs keeps unknown deletions pending);
 * - no new item may write `meta.schemaVersion` (only the server's migrations do; see `writesServerOnlyKey`).
 *
 * Structural faults are reported as `malformed` even when the update also depends on missing data, so a
 * frame that no sender could have produced never passes for a reconnect race.
 */
export function validateUpdate(
  update: Uint8Array,
  base: ReadonlyMap<number, number>,
  options: ValidateOptions = {},
): UpdateCheck {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return refuse(`the update does not decode (${error instanceof Error ? error.message : String(error)})`);
  }
  const known: StateVector = new Map(base);
  let hasNewStructs = false;
  /** The first dependency on missing data; reported only once the whole update proved well formed. */
  let missing: string | null = null;
  const lacks = (reason: string) => {
    missing ??= reason;
  };
  const clientsSeen = new Set<number>();
  let previousClient: number | null = null;
  // Pass 1: struct ranges, in the order Yjs would integrate them per client.
  for (const struct of decoded.structs) {
    const { client, clock } = struct.id;
    if (!isClock(client) || !isClock(clock) || !isClock(struct.length) || struct.length === 0) {
      return refuse('the update contains a struct with an invalid id or length');
    }
    if (client !== previousClient) {
      // Yjs keeps only the last group of a client listed twice: the earlier group would be lost.
      if (clientsSeen.has(client)) return refuse(`the update lists client ${client} twice`);
      clientsSeen.add(client);
      previousClient = client;
    }
    if (struct instanceof Y.Skip) continue;
    const have = known.get(client) ?? 0;
    if (clock > have) {
      lacks(`the update depends on missing changes of client ${client}`);
      continue;
    }
    const end = clock + struct.length;
    if (end > have) {
      known.set(client, end);
      hasNewStructs = true;
    }
  }
  const isKnown = (id: Y.ID): boolean =>
    isClock(id.client) && isClock(id.clock) && id.clock < (known.get(id.client) ?? 0);
  // Pass 2: references. Only structs past the base matter: Yjs skips the parts it already has.
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const { client, clock } = struct.id;
    if (clock + struct.length <= (base.get(client) ?? 0)) continue;
    const refs: Y.ID[] = [];
    if (struct.origin) refs.push(struct.origin);
    if (struct.rightOrigin) refs.push(struct.rightOrigin);
    if (struct.parent instanceof Y.ID) refs.push(struct.parent);
    else if (struct.parent !== null && typeof struct.parent !== 'string') {
      return refuse('the update contains an item with an invalid parent');
    }
    if (struct.parent === null && !struct.origin && !struct.rightOrigin) {
      return refuse('the update contains an item without a parent');
    }
    if (struct.parentSub !== null && typeof struct.parentSub !== 'string') {
      return refuse('the update contains an item with an invalid key');
    }
    for (const ref of refs) {
      if (!isClock(ref.client) || !isClock(ref.clock)) return refuse('the update contains an invalid reference');
      if (ref.client === client && ref.clock >= clock) return refuse('the update contains an item referring forward');
      if (!isKnown(ref)) lacks(`the update refers to a change the document lacks (${ref.client}:${ref.clock})`);
    }
  }
  // Pass 3: the delete set.
  let deletes = false;
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      if (!isClock(client) || !isClock(range.clock) || !isClock(range.len)) {
        return refuse('the update contains an invalid deletion');
      }
      if (range.len === 0) continue;
      if (range.clock + range.len > (known.get(client) ?? 0)) {
        lacks(`the update deletes changes the document lacks (client ${client})`);
        continue;
      }
      deletes = true;
    }
  }
  if (missing !== null) return refuse(missing, 'missing');
  // Pass 4: keys only the server writes.
  const serverOnly = writesServerOnlyKey(decoded.structs, base, options.doc);
  if (serverOnly === 'cycle') return refuse('the update contains items whose origins form a cycle');
  if (serverOnly || deletesServerOnlyKey(decoded.ds, options.doc)) {
    return refuse(`only the server writes ${SERVER_ONLY_ROOT}.${SERVER_ONLY_KEY}`, 'forbidden');
  }
  return { ok: true, stateVector: known, empty: !hasNewStructs && !deletes, hasNewStructs };
}

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/**
 * True when the update's delete set removes the document's live `meta.schemaVersion` item: a document
 * without a version would be migrated again from version 0 on its next load.
 */
function deletesServerOnlyKey(ds: ReturnType<typeof Y.decodeUpdate>['ds'], doc?: Y.Doc): boolean {
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

export function stateVectorOf(doc: Y.Doc): StateVector {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/**
 * True when every deletion in the update is already a deletion in the document: together with
 * `hasNewStructs === false` the update changes nothing (a reconnecting client's step 2 repeats the whole
 * delete set, which need not be stored again, and a viewer's repeat is not a write attempt).
 */
export function deletionsAlreadyApplied(update: Uint8Array, doc: Y.Doc): boolean {
  const { ds } = Y.decodeUpdate(update);
  if (ds.clients.size === 0) return true;
  const present = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, ranges] of ds.clients) {
    const have = present.clients.get(client) ?? [];
    for (const range of ranges) {
      if (range.len === 0) continue;
      const covered = have.some((h) => h.clock <= range.clock && range.clock + range.len <= h.clock + h.len);
      if (!covered) return false;
    }
  }
  return true;
}
