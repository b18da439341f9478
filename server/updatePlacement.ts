import * as Y from 'yjs';
import { structAt } from './yStructs.js';

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/**
 * Where an item integrates: its parent type and map key, as a string (`r:<root>` or `i:<client>:<clock>` of the
 * parent type's item, then the key), or DEAD when Yjs integrates it as garbage (a neighbour or the parent was
 * garbage collected): it then holds nothing anywhere.
 */
type Place = string;
const DEAD = 'dead';
/** Steps the order checks of one update may walk through a list: far above what honest updates need. */
const ORDER_CHECK_STEPS = 100_000;
const placeOf = (parent: string, key: string | null): Place => `${parent}\u0000${key ?? '\u0001'}`;
const isMapPlace = (place: Place) => place !== DEAD && !place.endsWith('\u0000\u0001');

function byClient(structs: readonly Struct[]): Map<number, Struct[]> {
  const map = new Map<number, Struct[]>();
  for (const struct of structs) {
    const list = map.get(struct.id.client);
    if (list) list.push(struct);
    else map.set(struct.id.client, [struct]);
  }
  return map;
}

/**
 * Why the update's new items could integrate differently depending on order, or null. Yjs (YATA) converges
 * only for items as Yjs itself writes them; a crafted item integrates by rules that depend on what else the
 * receiving document holds, so the server, the clients editing now and a client loading the board later
 * would each place it differently, with identical state vectors (issue 15). Refused:
 * - an item whose origin and right origin lie in different places (another parent, another map key);
 * - a map entry with a right origin (Yjs writes a map entry after the key's current value, never before one);
 * - an item whose named parent is not a type;
 * - an item that starts below the clock already known and whose new part would land elsewhere than the part
 *   known (Yjs integrates the new part after it, but takes the parent from the item's own neighbours).
 *
 * References are looked up as Yjs would find them: in the document, then in the updates queued for commit
 * (validated already), then in this update. A reference found nowhere is someone else's concern (missing).
 */
export function placementFault(
  structs: readonly Struct[],
  base: ReadonlyMap<number, number>,
  doc: Y.Doc | undefined,
  queued: readonly (readonly Struct[])[] = [],
): string | null {
  const own = byClient(structs);
  // Built only when a reference lies in an update queued for commit (rare: commits take milliseconds).
  let queuedByClient: Map<number, Struct[]>[] | null = null;
  let rootNames: Map<unknown, string> | null = null;

  const find = (id: Y.ID): Y.Item | Y.GC | Struct | undefined => {
    if (doc && id.clock < Y.getState(doc.store, id.client)) {
      return structAt(doc.store.clients.get(id.client) ?? [], id.clock) as Y.Item | Y.GC | undefined;
    }
    if (id.clock < (base.get(id.client) ?? 0) && queued.length > 0) {
      queuedByClient ??= queued.map(byClient);
      for (const lists of queuedByClient) {
        const found = structAt(lists.get(id.client) ?? [], id.clock);
        if (found) return found;
      }
    }
    return structAt(own.get(id.client) ?? [], id.clock);
  };
  // Decoded, an item names its parent by root name or id (or not at all); integrated, it holds the type.
  const isIntegrated = (item: Y.Item) => item.parent instanceof Y.AbstractType;

  /** Place of an integrated item of the document. */
  const placeInDocument = (item: Y.Item): Place => {
    const parent = item.parent as Y.AbstractType<unknown> | null;
    if (!parent) return DEAD;
    const parentItem = parent._item;
    if (!parentItem) rootNames ??= new Map([...(doc?.share ?? [])].map(([name, type]) => [type, name]));
    const name = parentItem ? `i:${parentItem.id.client}:${parentItem.id.clock}` : `r:${rootNames?.get(parent)}`;
    return placeOf(name, item.parentSub);
  };
  const memo = new Map<Struct, Place | null>();
  let fault: string | null = null;

  /** Place of a struct, resolving decoded items through their neighbours (iteratively: chains can be long). */
  const place = (start: Y.Item | Y.GC | Struct | undefined): Place | null => {
    if (!start) return null;
    const stack: Struct[] = [start];
    const onPath = new Set<Struct>([start]);
    while (stack.length > 0 && fault === null) {
      const struct = stack[stack.length - 1]!;
      if (memo.has(struct)) {
        stack.pop();
        continue;
      }
      if (!(struct instanceof Y.Item)) {
        memo.set(struct, struct instanceof Y.GC ? DEAD : null);
        stack.pop();
        continue;
      }
      if (isIntegrated(struct)) {
        memo.set(struct, placeInDocument(struct));
        stack.pop();
        continue;
      }
      const neighbour = struct.origin ?? struct.rightOrigin;
      if (neighbour) {
        const next = find(neighbour);
        if (next && !memo.has(next)) {
          if (onPath.has(next)) return null; // a cycle: refused elsewhere
          onPath.add(next);
          stack.push(next);
          continue;
        }
        // Yjs collects an item with a collected neighbour on either side.
        const right = struct.origin && struct.rightOrigin ? find(struct.rightOrigin) : undefined;
        memo.set(struct, right instanceof Y.GC ? DEAD : next ? (memo.get(next) ?? null) : null);
        onPath.delete(struct);
        stack.pop();
        continue;
      }
      memo.set(struct, namedPlace(struct));
      onPath.delete(struct);
      stack.pop();
    }
    return memo.get(start) ?? null;
  };

  /** Place of an item that names its parent (no neighbours). */
  const namedPlace = (item: Y.Item): Place | null => {
    const parent: unknown = item.parent;
    if (typeof parent === 'string') return placeOf(`r:${parent}`, item.parentSub);
    if (!(parent instanceof Y.ID)) return null;
    const parentItem = find(parent);
    if (!parentItem) return null;
    if (parentItem instanceof Y.GC) return DEAD;
    if (!(parentItem instanceof Y.Item)) return null;
    // A type deleted and collected keeps its id with its content dropped: Yjs integrates the child as garbage.
    if (parentItem.content instanceof Y.ContentDeleted && isIntegrated(parentItem)) return DEAD;
    if (!(parentItem.content instanceof Y.ContentType) || parentItem.id.clock !== parent.clock) {
      fault ??= `the update contains an item whose parent (${parent.client}:${parent.clock}) is not a type`;
      return null;
    }
    return placeOf(`i:${parent.client}:${parent.clock}`, item.parentSub);
  };

  /**
   * True when the item holding `right` comes after the one holding `left` in their list (walking right from
   * `left`); 'budget' once the walks of this update took too many steps.
   */
  let steps = 0;
  const before = (left: Y.ID, right: Y.ID): boolean | 'budget' => {
    const from = find(left);
    const to = find(right);
    if (!(from instanceof Y.Item) || !(to instanceof Y.Item) || !isIntegrated(from) || !isIntegrated(to)) return true;
    if (from === to) return right.clock > left.clock;
    for (let item = from.right; item !== null; item = item.right) {
      if (item === to) return true;
      if (++steps > ORDER_CHECK_STEPS) return 'budget';
    }
    return false;
  };
  /** The nearest id of the document on one side of an item, through the update's own items (null: the list's end). */
  const anchor = (id: Y.ID | null, side: 'origin' | 'rightOrigin'): Y.ID | null => {
    let current = id;
    for (let hops = 0; current !== null && hops < ORDER_CHECK_STEPS; hops++) {
      const found = find(current);
      if (!(found instanceof Y.Item) || isIntegrated(found)) return current;
      current = found[side];
    }
    return null;
  };

  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const { client, clock } = struct.id;
    const have = base.get(client) ?? 0;
    if (clock + struct.length <= have) continue;
    const own = place(struct);
    if (fault) return fault;
    if (struct.origin && struct.rightOrigin) {
      const left = place(find(struct.origin));
      const right = place(find(struct.rightOrigin));
      if (left !== null && right !== null && left !== DEAD && right !== DEAD && left !== right) {
        return `the update contains an item (${client}:${clock}) whose neighbours lie in different places`;
      }
    }
    if (struct.rightOrigin && own !== null && isMapPlace(own)) {
      return `the update contains a map entry (${client}:${clock}) placed before another`;
    }
    // In a list, Yjs places an item between its origin and its right origin; with the right origin before the
    // origin, where it lands depends on what else the list holds and in which order it came.
    if (struct.origin && struct.rightOrigin && own !== null && own !== DEAD && !isMapPlace(own)) {
      const left = anchor(struct.origin, 'origin');
      const right = anchor(struct.rightOrigin, 'rightOrigin');
      const ordered = left === null || right === null ? true : before(left, right);
      if (ordered === 'budget') return 'the update takes too long to check; send it in smaller parts';
      if (!ordered) return `the update contains an item (${client}:${clock}) whose right origin precedes its origin`;
    }
    if (clock < have) {
      const known = place(find(Y.createID(client, have - 1)));
      if (known !== null && own !== null && known !== own) {
        return `the update continues an item (${client}:${clock}) elsewhere than its known part`;
      }
    }
    if (fault) return fault;
  }
  return fault;
}
