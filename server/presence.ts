import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Role } from '../shared/roles.js';
import { encodeAwarenessFrame } from './frames.js';
import type { Log } from './log.js';
import { bindState, boundUser, identityKey, type PresenceIdentity } from './presenceIdentity.js';
import type { AwarenessEntry } from './presenceLimits.js';

/** A connection as presence sees it (server/peer.ts `Peer`). */
export interface PresencePeer {
  send(frame: Uint8Array): void;
  /** Awareness client ids this connection holds (and only it may update or remove). */
  readonly awarenessIds: Set<number>;
}

/** A connection may hold this many awareness client ids (a tab normally uses one). */
export const MAX_AWARENESS_IDS = 4;

/** Released client ids (and numbers of connections without a person) remembered per room. */
const REMEMBERED_IDS = 2000;

interface Holder {
  peer: PresencePeer;
  key: string;
  /**
   * Added to this connection's clocks for this id. The others may know a higher clock for it than the client
   * does (its state was published through an earlier connection, then removed when that one closed): the
   * client's own clocks would then be ignored by everyone until it renewed past them. Set at its first state
   * on this connection; the client's echo gets its own clocks back, so it never adopts the server's.
   */
  offset: number | null;
}

/** Decodes an awareness update into its entries; throws on a malformed one (the frame is malformed). */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    // Throws on malformed JSON; a `null` however written is the removal the rest of the server looks for.
    entries.push({ clientId, clock, state: JSON.parse(state) === null ? 'null' : state });
  }
  return entries;
}

function encodeEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * The presence (awareness) of one room. Each awareness client id is held by the connection that first
 * published a state for it; only that connection may change or remove it. The server publishes every state
 * with the identity the connection authenticated and relays it; when a connection closes, its ids' states are
 * removed and everyone is told. A released id can be taken up again only by the same identity (a client that
 * reconnected), never by the `null` states other clients echo when they learn it left.
 */
export class RoomPresence {
  private readonly holders = new Map<number, Holder>();
  /** Released ids → the identity key that held them: who may take each up again. */
  private readonly released = new Map<number, string>();
  /** Client id → its number, for connections without a person, so a reconnected viewer keeps its number. */
  private readonly numbers = new Map<number, number>();
  private readonly lastNumber = new Map<Role, number>();

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly peers: Iterable<PresencePeer>,
    private readonly log: Log,
    private readonly where: { board: string; room: string },
  ) {
    awareness.on('update', this.relay);
  }

  /**
   * The entries this connection may publish: for ids it holds, or new ids it takes up with a state (at most
   * MAX_AWARENESS_IDS). A `null` state never takes an id up: it is what every client echoes when it learns that
   * someone left. A person's connection may take over, with a state newer than the server's, an id another
   * connection of the same person holds (the old connection of a client that reconnected before the server saw
   * it go).
   */
  admit(peer: PresencePeer, identity: PresenceIdentity, entries: readonly AwarenessEntry[]): AwarenessEntry[] {
    const key = identityKey(identity);
    return entries.filter((entry) => {
      const holder = this.holders.get(entry.clientId);
      if (holder?.peer === peer) return true;
      if (entry.state === 'null' || peer.awarenessIds.size >= MAX_AWARENESS_IDS) return false;
      if (holder) {
        if (!identity.person || holder.key !== key) return false;
        // Every client echoes the states it receives, with the clocks the server gave them: only a state newer
        // than the server's is the person's own client coming back, never a colleague's or their other tab's echo.
        if (entry.clock <= (this.awareness.meta.get(entry.clientId)?.clock ?? 0)) return false;
        holder.peer.awarenessIds.delete(entry.clientId);
      } else {
        const releasedBy = this.released.get(entry.clientId);
        if (releasedBy !== undefined && releasedBy !== key) return false;
        this.released.delete(entry.clientId);
      }
      this.holders.set(entry.clientId, { peer, key, offset: null });
      peer.awarenessIds.add(entry.clientId);
      return true;
    });
  }

  /** Applies admitted entries (after the rate limit) with the connection's identity bound into each state. */
  publish(peer: PresencePeer, identity: PresenceIdentity, entries: readonly AwarenessEntry[]): void {
    const applied: AwarenessEntry[] = [];
    for (const entry of entries) {
      const holder = this.holders.get(entry.clientId);
      if (holder?.peer !== peer) continue; // taken over meanwhile
      // Only above a clock the others know already: a first state stays as sent (a clock-0 state is ignored).
      const known = this.awareness.meta.get(entry.clientId);
      holder.offset ??= known ? Math.max(0, known.clock + 1 - entry.clock) : 0;
      const clock = entry.clock + holder.offset;
      if (entry.state === 'null') {
        applied.push({ clientId: entry.clientId, clock, state: 'null' });
        continue;
      }
      const user = boundUser(identity, () => this.numberOf(entry.clientId, identity.role));
      const { state, refused } = bindState(JSON.parse(entry.state), identity, user);
      if (refused.length > 0) {
        this.log(`room ${this.where.room}: refused ${refused.join('; ')}`, {
          event: 'security.presence-refused',
          level: 'warn',
          board: this.where.board,
          role: identity.role,
          person: identity.person?.id,
          clientId: entry.clientId,
        });
      }
      if (state) applied.push({ clientId: entry.clientId, clock, state: JSON.stringify(state) });
    }
    if (applied.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeEntries(applied), peer);
  }

  /** The connection closed: its ids are released, and their states removed for everyone (see `relay`). */
  leave(peer: PresencePeer): void {
    const gone: number[] = [];
    for (const id of peer.awarenessIds) {
      const holder = this.holders.get(id);
      if (holder?.peer !== peer) continue;
      this.holders.delete(id);
      this.remember(this.released, id, holder.key);
      if (this.awareness.states.has(id)) gone.push(id);
    }
    peer.awarenessIds.clear();
    if (gone.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, gone, null);
  }

  /** Every state the room knows, as this connection must receive them (see `frameFor`). */
  statesFrame(peer: PresencePeer): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length === 0 ? null : this.frameFor(peer, clients);
  }

  destroy(): void {
    this.awareness.off('update', this.relay);
  }

  /**
   * Every change goes to every connection, the sender included: the echo keeps a lone client alive. A
   * connection gets the states of its own ids with its own clocks, so its echo is never newer than what it has.
   */
  private relay = (change: { added: number[]; updated: number[]; removed: number[] }): void => {
    const clients = [...change.added, ...change.updated, ...change.removed];
    if (clients.length === 0) return;
    let common: Uint8Array | null = null;
    for (const peer of this.peers) {
      if (clients.some((id) => this.shiftedFor(peer, id))) {
        peer.send(this.frameFor(peer, clients));
        continue;
      }
      common ??= this.frameFor(null, clients);
      peer.send(common);
    }
  };

  private shiftedFor(peer: PresencePeer, id: number): boolean {
    const holder = this.holders.get(id);
    return holder?.peer === peer && (holder.offset ?? 0) > 0;
  }

  private frameFor(peer: PresencePeer | null, clients: readonly number[]): Uint8Array {
    const entries = clients.map((clientId) => {
      const state = this.awareness.states.get(clientId);
      const clock = this.awareness.meta.get(clientId)?.clock ?? 0;
      const holder = this.holders.get(clientId);
      const offset = peer && holder?.peer === peer ? (holder.offset ?? 0) : 0;
      return { clientId, clock: clock - offset, state: JSON.stringify(state ?? null) };
    });
    return encodeAwarenessFrame(encodeEntries(entries));
  }

  private numberOf(clientId: number, role: Role): number {
    let number = this.numbers.get(clientId);
    if (number === undefined) {
      number = (this.lastNumber.get(role) ?? 0) + 1;
      this.lastNumber.set(role, number);
      this.remember(this.numbers, clientId, number);
    }
    return number;
  }

  private remember<V>(map: Map<number, V>, id: number, value: V): void {
    map.delete(id);
    map.set(id, value);
    if (map.size > REMEMBERED_IDS) map.delete(map.keys().next().value as number);
  }
}
