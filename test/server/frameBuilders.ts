import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MESSAGE } from '../../shared/protocol.js';
import { connectSynced, waitFor } from './helpers.js';

/** y-websocket frames as a hostile client would write them by hand (the stock client never sends these). */

export function syncFrame(subType: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  encoding.writeVarUint(encoder, subType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const step1Frame = (stateVector: Uint8Array) => syncFrame(0, stateVector);
export const step2Frame = (update: Uint8Array) => syncFrame(1, update);
export const updateFrame = (update: Uint8Array) => syncFrame(2, update);

/** An awareness frame with one entry per client; a `null` state removes that client's presence. */
export function awarenessFrame(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MESSAGE.awareness);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return encoding.toUint8Array(frame);
}

/** What the server holds of a document, as a fresh viewer receives it: its state vector and its notes. */
export async function storedBoard(wsUrl: string, room: string, token: string) {
  const client = await connectSynced(wsUrl, room, token);
  try {
    return {
      stateVector: Buffer.from(Y.encodeStateVector(client.doc)).toString('hex'),
      notes: client.doc.getMap('notes').toJSON(),
      meta: client.doc.getMap('meta').toJSON(),
      pillars: client.doc.getMap('pillars').toJSON(),
      laneLabels: client.doc.getMap('laneLabels').toJSON(),
    };
  } finally {
    client.destroy();
  }
}

/** JSON with object keys sorted: two documents may list the same map's keys in different orders. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** True once both documents hold the same state (state vectors, then the notes of the board). */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return (
    Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) &&
    canonicalJson(a.getMap('notes').toJSON()) === canonicalJson(b.getMap('notes').toJSON())
  );
}

export async function waitConverged(docs: Y.Doc[], what: string, timeoutMs?: number): Promise<void> {
  await waitFor(() => docs.every((doc) => sameState(doc, docs[0]!)), what, timeoutMs);
}
