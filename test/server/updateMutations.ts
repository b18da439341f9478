import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Mutated copies of real Yjs updates, as a hostile participant makes them: the same client ids, clocks and
 * lengths, a few fields changed (a map key such as `author` → `autRor`, another origin, right origin or
 * parent, other content, a shifted deletion). Every copy decodes; whether it is sound is the server's call.
 */

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
export type Random = ReturnType<typeof prng>;

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/** Encodes decoded structs and a delete set again as a v1 update (what Yjs writes, field by field). */
export function encodeStructs(structs: readonly Struct[], ds: DeleteSet): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client) ?? [];
    list.push(struct);
    byClient.set(struct.id.client, list);
  }
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, list[0]!.id.clock);
    for (const struct of list) struct.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, ds.clients.size);
  for (const [client, ranges] of ds.clients) {
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const range of ranges) {
      encoding.writeVarUint(encoder.restEncoder, range.clock);
      encoding.writeVarUint(encoder.restEncoder, range.len);
    }
  }
  return encoder.toUint8Array();
}

/** Ids worth pointing at: every item start and end of a document (other notes, other keys, other texts). */
export function idPool(doc: Y.Doc): Y.ID[] {
  const ids: Y.ID[] = [];
  for (const [client, structs] of doc.store.clients) {
    for (const struct of structs) {
      ids.push(Y.createID(client, struct.id.clock), Y.createID(client, struct.id.clock + struct.length - 1));
    }
  }
  return ids;
}

const KEYS = ['author', 'text', 'place', 'color', 'deletedAt', 'title', 'createdAt'];

function mutateString(text: string, random: Random): string {
  if (text.length === 0) return random.pick(KEYS);
  const at = random.int(text.length);
  return `${text.slice(0, at)}${String.fromCharCode(65 + random.int(26))}${text.slice(at + 1)}`;
}

/** The same number of units (the clocks stay), other values. */
function mutateContent(item: Y.Item, random: Random): void {
  const content: unknown = item.content;
  if (content instanceof Y.ContentString) content.str = mutateString(content.str, random);
  else if (content instanceof Y.ContentAny) {
    content.arr = content.arr.map((value) =>
      random.int(2) === 0 ? `${String(value)}x` : random.pick([null, 0, 'autRor', { pillarId: 'q' }]),
    );
  } else if (content instanceof Y.ContentType) {
    item.content = new Y.ContentType(random.int(2) === 0 ? new Y.Text() : new Y.Map());
  }
}

/**
 * One mutated copy of `update`: 1 to 3 fields changed, the ids kept. `pool`: ids of the board the copy may
 * point at; `roots`: root names a parent may be renamed to.
 */
export function mutateUpdate(update: Uint8Array, pool: readonly Y.ID[], random: Random): Uint8Array {
  const { structs, ds } = Y.decodeUpdate(update);
  const items = structs.filter((s): s is Y.Item => s instanceof Y.Item);
  const ids = [...pool, ...items.map((item) => item.id)];
  const anyId = () => {
    const id = random.pick(ids);
    return Y.createID(id.client, id.clock);
  };
  // Decoded, a parent is a root's name or the id of the parent type's item.
  const anyParent = () =>
    random.int(2) === 0
      ? (random.pick(['notes', 'meta', 'clusters', 'x']) as unknown as Y.AbstractType<unknown>)
      : anyId();
  for (let n = random.int(3) + 1; n > 0 && items.length > 0; n--) {
    const item = random.pick(items);
    switch (random.int(7)) {
      case 0:
        item.origin = random.int(5) === 0 ? null : anyId();
        break;
      case 1:
        item.rightOrigin = random.int(3) === 0 ? null : anyId();
        break;
      case 2:
        // Map key renamed (`author` → `autRor`), or a key given where there was none.
        if (item.origin === null && item.rightOrigin === null) {
          item.parentSub = item.parentSub === null ? random.pick(KEYS) : mutateString(item.parentSub, random);
        } else {
          item.origin = null;
          item.rightOrigin = null;
          item.parent = anyParent();
          item.parentSub = random.int(3) === 0 ? null : random.pick(KEYS);
        }
        break;
      case 3:
        if (item.origin === null && item.rightOrigin === null) {
          item.parent = anyParent();
        } else item.origin = anyId();
        break;
      case 4:
        mutateContent(item, random);
        break;
      case 5: {
        // Both neighbours elsewhere: another note's text, another key.
        item.origin = anyId();
        item.rightOrigin = anyId();
        break;
      }
      default: {
        const clients = [...ds.clients.values()];
        const ranges = clients.length > 0 ? random.pick(clients) : [];
        const range = ranges.length > 0 ? random.pick(ranges) : null;
        if (range) range.clock = Math.max(0, range.clock + random.int(5) - 2);
        else item.origin = anyId();
      }
    }
  }
  // Yjs needs a parent where an item names neither neighbour.
  for (const item of items) if (!item.origin && !item.rightOrigin && !item.parent) item.parent = anyParent();
  return encodeStructs(structs, ds);
}

/** Every root of a document, read generically (map entries and list contents), so roots nobody accessed count too. */
export function documentContent(doc: Y.Doc, roots: readonly string[]): Record<string, unknown> {
  const names = new Set([...roots, ...doc.share.keys()]);
  const out: Record<string, unknown> = {};
  for (const name of [...names].sort()) {
    const value = typeContent(doc.get(name));
    if (value !== null) out[name] = value;
  }
  return out;
}

function contentValues(item: Y.Item): unknown[] {
  const content: unknown = item.content;
  if (content instanceof Y.ContentType) return [typeContent(content.type)];
  return item.content.getContent();
}

function typeContent(type: Y.AbstractType<unknown>): unknown {
  const map: Record<string, unknown> = {};
  const keys = [...type._map.keys()].sort();
  for (const key of keys) {
    const item = type._map.get(key)!;
    if (!item.deleted) map[key] = contentValues(item).at(-1);
  }
  const list: unknown[] = [];
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted && item.countable) list.push(...contentValues(item));
  }
  if (keys.length === 0 && list.length === 0) return null;
  return { map, list };
}
