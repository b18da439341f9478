import type { Access } from './auth.js';
import type { Log } from './log.js';
import type { Peer } from './peer.js';
import { decodeAwarenessEntries } from './presence.js';
import type { PresenceIdentity } from './presenceIdentity.js';
import { type AwarenessEntry, PresenceGate, type PresenceLimits } from './presenceLimits.js';
import type { Room } from './room.js';

// One connection's side of presence (awareness): what it may publish and under which identity. Apart from
// the sync handling in protocol.ts, since presence never touches the document.

/**
 * Presence (server/presence.ts): only entries for client ids this connection holds or takes up pass, so
 * nobody can change or remove another person's presence; they pass the presence limits (size, rate:
 * presenceLimits.ts), then are published with the identity this connection authenticated.
 */
export class ConnectionPresence {
  private readonly gate: PresenceGate;

  constructor(
    private readonly peer: Peer,
    private readonly room: Room,
    private readonly access: Access,
    limits: PresenceLimits,
    log: Log,
    /** A person's name now: presence shows a rename made after this connection opened. */
    private readonly personName: (personId: string) => string | null,
    private readonly closed: () => boolean,
  ) {
    this.gate = new PresenceGate(
      limits,
      (entries) => this.apply(entries),
      (what) => log(`room ${room.name}: dropped ${what}`),
    );
  }

  /** An awareness update from the client. */
  receive(update: Uint8Array): void {
    const kept = this.room.presence.admit(this.peer, this.identity(false), decodeAwarenessEntries(update));
    if (kept.length > 0) this.gate.offer(kept);
  }

  private apply(kept: AwarenessEntry[]): void {
    if (!this.closed()) this.room.presence.publish(this.peer, this.identity(true), kept);
  }

  /** `currentName`: look the person's name up (a database read, so only for states that are published). */
  private identity(currentName: boolean): PresenceIdentity {
    const { role, person } = this.access;
    if (!person) return { role, person: null };
    return { role, person: { id: person.id, name: (currentName && this.personName(person.id)) || person.name } };
  }

  /** The awareness states this connection is to be told, or null when there are none. */
  statesFrame(): Uint8Array | null {
    return this.room.presence.statesFrame(this.peer);
  }

  stop(): void {
    this.gate.stop();
  }
}
