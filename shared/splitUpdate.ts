import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

type Struct = Y.Item | Y.GC | Y.Skip;

/** Bytes of a piece besides its structs: the client count, and per client its struct count, id and clock. */
const PIECE_OVERHEAD = 8;
const CLIENT_OVERHEAD = 16;

/**
 * Splits a Yjs (v1) update into updates of at most `maxBytes` each, in an order in which each one integrates on
 * a receiver holding the earlier ones and what the whole update built on: every item comes after the items its
 * origins and parent name, and the deletions come last. Our client sends what it kept offline this way, so no
 * frame goes over the server's MAX_FRAME_BYTES (a bigger one closes the connection). One item bigger than
 * `maxBytes` (never produced by our operations: a note holds 2,000 characters) stays alone in its piece.
 * Returns the update itself when it fits or cannot be ordered.
 */
export function splitUpdate(update: Uint8Array, maxBytes: number): Uint8Array[] {
  if (update.byteLength <= maxBytes) return [update];
  const { structs, ds } = Y.decodeUpdate(update);
  const order = dependencyOrder(structs);
  if (!order) return [update];
  const pieces: Uint8Array[] = [];
  let current: Struct[] = [];
  let bytes = PIECE_OVERHEAD;
  const clientsInPiece = new Set<number>();
  for (const struct of order) {
    const own = structBytes(struct);
    let size = own + (clientsInPiece.has(struct.id.client) ? 0 : CLIENT_OVERHEAD);
    if (current.length > 0 && bytes + size > maxBytes) {
      pieces.push(encodePiece(current, []));
      current = [];
      bytes = PIECE_OVERHEAD;
      clientsInPiece.clear();
      size = own + CLIENT_OVERHEAD;
    }
    current.push(struct);
    clientsInPiece.add(struct.id.client);
    bytes += size;
  }
  const deletions = deleteSetPieces(ds, maxBytes);
  const lastDeletions = deletions.pop() ?? [];
  if (current.length > 0 && bytes + rangesBytes(lastDeletions) > maxBytes) {
    pieces.push(encodePiece(current, []));
    current = [];
  }
  for (const ranges of deletions) pieces.push(encodePiece([], ranges));
  if (current.length > 0 || lastDeletions.length > 0 || pieces.length === 0) {
    pieces.push(encodePiece(current, lastDeletions));
  }
  return pieces;
}

/** Every struct after the structs it depends on (its client's earlier ones, its origins, its parent). */
function dependencyOrder(structs: Struct[]): Struct[] | null {
  const queues = new Map<number, Struct[]>();
  for (const struct of structs) {
    const queue = queues.get(struct.id.client);
    if (queue) queue.push(struct);
    else queues.set(struct.id.client, [struct]);
  }
  const emitted = new Map<number, number>(); // per client: how many of its structs are ordered
  const order: Struct[] = [];
  for (const start of queues.keys()) {
    const stack: Array<[client: number, upTo: number]> = [[start, queues.get(start)!.length - 1]];
    const onStack = new Set<number>([start]);
    while (stack.length > 0) {
      const [client, upTo] = stack[stack.length - 1]!;
      const next = emitted.get(client) ?? 0;
      if (next > upTo) {
        stack.pop();
        onStack.delete(client);
        continue;
      }
      const struct = queues.get(client)![next]!;
      const needed = unmetDependency(struct, queues, emitted);
      if (needed) {
        if (onStack.has(needed[0])) return null; // a cycle: not a document Yjs made
        stack.push(needed);
        onStack.add(needed[0]);
        continue;
      }
      order.push(struct);
      emitted.set(client, next + 1);
    }
  }
  return order;
}

/** The first struct of this update that `struct` needs and is not ordered yet, as [client, index]. */
function unmetDependency(
  struct: Struct,
  queues: Map<number, Struct[]>,
  emitted: Map<number, number>,
): [number, number] | null {
  if (!(struct instanceof Y.Item)) return null;
  const parent = struct.parent instanceof Y.ID ? struct.parent : null;
  for (const id of [struct.origin, struct.rightOrigin, parent]) {
    if (!id) continue;
    const queue = queues.get(id.client);
    if (!queue) continue; // the receiver has it already
    const index = indexOfClock(queue, id.clock);
    if (index >= (emitted.get(id.client) ?? 0)) return [id.client, index];
  }
  return null;
}

/** The index of the struct holding `clock`, or -1 when the update does not hold it (the receiver has it). */
function indexOfClock(queue: Struct[], clock: number): number {
  let low = 0;
  let high = queue.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const struct = queue[middle]!;
    if (clock < struct.id.clock) high = middle - 1;
    else if (clock >= struct.id.clock + struct.length) low = middle + 1;
    else return middle;
  }
  return -1;
}

function structBytes(struct: Struct): number {
  const encoder = new Y.UpdateEncoderV1();
  struct.write(encoder, 0);
  return encoder.toUint8Array().byteLength;
}

type Range = { client: number; clock: number; len: number };

/** The delete set in groups of ranges, each group small enough for one piece. */
function deleteSetPieces(ds: { clients: Map<number, Array<{ clock: number; len: number }>> }, maxBytes: number) {
  const groups: Range[][] = [];
  let group: Range[] = [];
  for (const [client, items] of ds.clients) {
    for (const { clock, len } of items) {
      if (group.length > 0 && rangesBytes(group) + RANGE_BYTES > maxBytes - PIECE_OVERHEAD) {
        groups.push(group);
        group = [];
      }
      group.push({ client, clock, len });
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** At most this many bytes per range: its clock and length, and its client's id and range count. */
const RANGE_BYTES = 20;

function rangesBytes(ranges: Range[]): number {
  return ranges.length * RANGE_BYTES + 1;
}

/** One update: `structs` (each client's contiguous, in clock order) and the deletions `ranges`. */
function encodePiece(structs: Struct[], ranges: Range[]): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, list[0]!.id.clock);
    for (const struct of list) struct.write(encoder, 0);
  }
  const rangesByClient = new Map<number, Range[]>();
  for (const range of ranges) {
    const list = rangesByClient.get(range.client);
    if (list) list.push(range);
    else rangesByClient.set(range.client, [range]);
  }
  encoding.writeVarUint(encoder.restEncoder, rangesByClient.size);
  for (const [client, list] of rangesByClient) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, list.length);
    for (const range of list) {
      encoder.writeDsClock(range.clock);
      encoder.writeDsLen(range.len);
    }
  }
  return encoder.toUint8Array();
}
