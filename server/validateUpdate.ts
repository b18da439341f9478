import * as Y from 'yjs';
import { knownContentFault } from './knownContent.js';
import {
  deletesServerOnlyKey,
  describeServerOnlyKey,
  SCHEMA_VERSION_KEY,
  type ServerOnlyKey,
  writesServerOnlyKey,
} from './serverOnlyKeys.js';
import { placementFault } from './updatePlacement.js';

export type DecodedStruct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

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
      /** True when some of its structs start below the known state: Yjs integrates only the rest. */
      repeatsKnown: boolean;
      /** Its structs, decoded (for the room's list of updates queued for commit). */
      structs: readonly DecodedStruct[];
    }
  | UpdateRefusal;

/**
 * Why an update is refused:
 * - `malformed`: it does not decode or is structurally impossible (no sender could have produced it);
 * - `missing`: it is well formed but depends on data the document lacks (earlier clocks of a client, items it
 *   refers to, deleted ranges). A stock client sends such an update after a reconnect, before its step 2
 *   delivered its offline edits: a resync heals it;
 * - `forbidden`: it writes what only the server may write (`meta.schemaVersion`, the settings' `server` map).
 */
export type RefusalKind = 'malformed' | 'missing' | 'forbidden';

export type UpdateRefusal = { ok: false; kind: RefusalKind; reason: string };

export interface ValidateOptions {
  /**
   * The document the update is meant for: needed to tell which key an item overwrites when the item names
   * no parent (Yjs encodes the parent and key only for items with neither origin nor right origin).
   */
  doc?: Y.Doc;
  /** What only the server writes in that document; default `meta.schemaVersion`. */
  serverOnlyKeys?: readonly ServerOnlyKey[];
  /** The structs of updates validated and queued for commit, not yet in `doc`, oldest first. */
  queued?: readonly (readonly DecodedStruct[])[];
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
 * - no new item may write, and no deletion may remove, a key only the server writes (`meta.schemaVersion`,
 *   written by its migrations; the settings' `server` map, see `writesServerOnlyKey`).
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
  const straddling = new Map<Y.Item, Y.ID>();
  let previousClient: number | null = null;
  let repeatsKnown = false;
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
    if (clock < have) repeatsKnown = true;
    // Yjs integrates only the part past `have`, after the item at `have - 1` (its effective left neighbour,
    // whatever parent and key the struct names): an honest step 2 can start below what the server has.
    if (clock < have && end > have && struct instanceof Y.Item) straddling.set(struct, Y.createID(client, have - 1));
    if (end > have) {
      known.set(client, end);
      hasNewStructs = true;
    }
  }
  const isKnown = (id: Y.ID): boolean =>
    isClock(id.client) && isClock(id.clock) && id.clock < (known.get(id.client) ?? 0);
  // Pass 2: references, of every item: Yjs looks for the references of a struct it already has too, and
  // holds it and everything after it pending when one is missing (found by test/server/fuzz.test.ts).
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const { client, clock } = struct.id;
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
  const keys = options.serverOnlyKeys ?? [SCHEMA_VERSION_KEY];
  const written = writesServerOnlyKey(decoded.structs, base, keys, options.doc, straddling);
  if (written === 'cycle') return refuse('the update contains items whose origins form a cycle');
  const serverOnly = written ?? deletesServerOnlyKey(decoded.ds, keys, options.doc);
  if (serverOnly) return refuse(`only the server writes ${describeServerOnlyKey(serverOnly)}`, 'forbidden');
  // Pass 5: items that would integrate differently depending on order, and known ids with other content.
  const fault =
    placementFault(decoded.structs, base, options.doc, options.queued) ??
    (repeatsKnown && options.doc ? knownContentFault(decoded.structs, options.doc) : null);
  if (fault) return refuse(fault);
  return {
    ok: true,
    stateVector: known,
    empty: !hasNewStructs && !deletes,
    hasNewStructs,
    repeatsKnown,
    structs: decoded.structs,
  };
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
