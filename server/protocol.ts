import * as decoding from 'lib0/decoding';
import type { RawData, WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { CLOSE, MESSAGE } from '../shared/protocol.js';
import type { Access } from './auth.js';
import { writerOf } from './clientWriters.js';
import { encodePermissionDenied, encodeStored, encodeSyncStep1 } from './frames.js';
import type { ServerLimits } from './limits.js';
import type { Log } from './log.js';
import { oversizeReason } from './oversizeFrames.js';
import { decodeAwarenessEntries } from './presence.js';
import type { PresenceIdentity } from './presenceIdentity.js';
import { type AwarenessEntry, PresenceGate } from './presenceLimits.js';
import type { Peer, Room } from './rooms.js';
import type { WriteRefusal } from './writeGate.js';

/** At most one resync step 1 per connection in this interval (ms), besides at most one awaiting its step 2. */
export const RESYNC_INTERVAL_MS = 500;

/** Close reasons are limited to 123 bytes by the websocket protocol. */
export function closeSafely(ws: WebSocket, code: number, reason: string): void {
  let text = reason;
  while (Buffer.byteLength(text) > 123) text = text.slice(0, -1);
  if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, text);
  // A socket paused by flow control must be read again, or the client's closing handshake is never seen.
  if (ws.isPaused) ws.resume();
}

export function frameBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

class MalformedMessage extends Error {}

/** The limits a connection enforces itself (flow control and connection counts live in websocket.ts). */
export type ConnectionLimits = Pick<
  ServerLimits,
  'maxFrameBytes' | 'maxDocumentBytes' | 'awarenessPerSecond' | 'maxAwarenessStateBytes'
>;

/**
 * Speaks the y-websocket protocol (sync + awareness) for one connection to one room. Writes the write policy
 * refuses (shared/writePolicy.ts: the role, the lock, the archive, a full disk, a full board) are never applied,
 * stored or relayed; malformed frames close this connection only (4422), oversized frames close it with 4413. A writer's update that depends on data the document lacks
 * is dropped and answered with a resync (our step 1), see `resync`.
 */
export class Connection implements Peer {
  readonly awarenessIds = new Set<number>();
  /** Yjs client ids belong to the first writer that wrote them (server/clientWriters.ts). */
  readonly writer: string;
  private closed = false;
  private corked = false;
  /** A resync step 1 was sent and no step 2 has arrived since. */
  private resyncPending = false;
  private lastResyncAt = Number.NEGATIVE_INFINITY;
  /** A resync deferred by the rate limit, for an update dropped with no resync awaiting its step 2. */
  private resyncTimer: NodeJS.Timeout | null = null;
  /** Write frames (sync step 2, update) received, numbered from 1; see `confirmStored`. */
  private writeFrames = 0;
  private storedThrough = 0;
  /** The first write frame not stored (refused or dropped) that no stored step 2 has covered yet. */
  private unstoredFrame: number | null = null;
  private lastUnstoredFrame = 0;
  /** `writeFrames` when our latest step 1 was sent: a step 2 received after it answers it. */
  private step1Mark = 0;
  private confirmScheduled = false;
  private readonly presence: PresenceGate;

  constructor(
    private readonly ws: WebSocket,
    private readonly room: Room,
    readonly access: Access,
    /**
     * The write policy for this connection now (shared/writePolicy.ts), or null when it may write. Asked at
     * every write; `boardFull` is asked last, only when nothing else refuses.
     */
    private readonly gate: (boardFull?: () => boolean) => WriteRefusal | null,
    private readonly log: Log,
    private readonly limits: ConnectionLimits,
    /** `ourClient`: the client named our app version, so it understands our own messages (stored, voting). */
    private readonly features: { ourClient: boolean } = { ourClient: false },
    /** A person's name now: presence shows a rename made after this connection opened. */
    private readonly personName: (personId: string) => string | null = () => null,
  ) {
    this.writer = writerOf(access);
    this.presence = new PresenceGate(
      limits,
      (entries) => this.applyAwareness(entries),
      (what) => this.log(`room ${this.room.name}: dropped ${what}`),
    );
  }

  get doc() {
    return this.room.kind;
  }

  /** Our client (it named our app version): it handles our own message types; other Yjs clients get none. */
  get ourClient(): boolean {
    return this.features.ourClient;
  }

  /** Joins the room and greets the client: our step 1 and the awareness states we know. */
  start(): void {
    this.room.add(this);
    this.sendSyncStep1();
    this.sendAwarenessStates();
    this.ws.on('close', () => this.stop());
  }

  /** Handles one frame from the client. */
  receive(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    const frame = frameBytes(data);
    if (frame.byteLength > this.limits.maxFrameBytes) {
      this.close(CLOSE.tooLarge, oversizeReason(this.limits.maxFrameBytes));
      return;
    }
    if (!isBinary) {
      this.close(CLOSE.invalidMessage, 'malformed message: text frames are not part of the protocol');
      return;
    }
    try {
      this.handle(frame);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.close(CLOSE.invalidMessage, `malformed message: ${detail}`);
    }
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.corkUntilNextTurn();
    this.ws.send(frame, { binary: true });
  }

  /**
   * Frames sent to this connection in one turn of the event loop (the relays of one commit batch, awareness
   * echoes) leave in one write instead of one system call each: on loopback and LANs the per-write cost of
   * the TCP stack is most of the server's CPU time under many typists. `ws` keeps its socket private.
   */
  private corkUntilNextTurn(): void {
    if (this.corked) return;
    const socket = (this.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    if (!socket) return;
    this.corked = true;
    socket.cork();
    setImmediate(() => {
      this.corked = false;
      socket.uncork();
    });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    closeSafely(this.ws, code, reason);
    this.stop();
  }

  private stop(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.presence.stop();
    this.room.remove(this);
  }

  private handle(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE.sync:
        this.handleSync(decoder);
        return;
      case MESSAGE.awareness:
        this.handleAwareness(decoding.readVarUint8Array(decoder));
        return;
      case MESSAGE.queryAwareness:
        this.sendAwarenessStates();
        return;
      case MESSAGE.auth:
        return; // clients have nothing to say here
      default:
        // A newer client's message type: ignored, as the stock client ignores types it does not know.
        this.log(`room ${this.room.name}: ignored message type ${type}`);
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const subType = decoding.readVarUint(decoder);
    if (subType === syncProtocol.messageYjsSyncStep1) {
      this.send(this.room.syncStep2For(decoding.readVarUint8Array(decoder)));
      return;
    }
    if (subType !== syncProtocol.messageYjsSyncStep2 && subType !== syncProtocol.messageYjsUpdate) {
      throw new MalformedMessage(`unknown sync message ${subType}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    const isStep2 = subType === syncProtocol.messageYjsSyncStep2;
    // What a step 2 holds covers the frames received before the step 1 it answers.
    const covers = isStep2 ? this.step1Mark : null;
    const frame = ++this.writeFrames;
    // Any step 2 answers (at least) our latest step 1: it carries everything the client holds.
    if (isStep2) this.resyncPending = false;
    const refusal = this.gate(() => this.wouldOverfill(update));
    if (refusal) {
      if (this.refuseWrite(update, refusal)) this.markUnstored(frame);
      else this.confirmStored(frame, covers); // nothing new in it: what it holds is stored
      return;
    }
    const result = this.room.submit(update, this, true, {
      applied: () => this.confirmStored(frame, covers),
      failed: () => this.markUnstored(frame),
    });
    if (result.ok) return;
    this.markUnstored(frame);
    if (result.kind === 'missing') this.resync(result.reason);
    else this.refuseUpdate(result.reason);
  }

  /** An update no honest client sends (malformed, order-dependent, another writer's client id): 4422, logged. */
  private refuseUpdate(reason: string): void {
    this.log(`room ${this.room.name}: closed a connection that sent an invalid update: ${reason}`, {
      event: 'security.refused-write',
      level: 'warn',
      board: this.room.boardId,
      role: this.access.role,
      person: this.access.person?.id,
    });
    this.close(CLOSE.invalidMessage, `invalid update: ${reason}`);
  }

  private markUnstored(frame: number): void {
    this.unstoredFrame = this.unstoredFrame === null ? frame : Math.min(this.unstoredFrame, frame);
    this.lastUnstoredFrame = Math.max(this.lastUnstoredFrame, frame);
  }

  /**
   * Write frame `frame` is stored. The client is told which of its frames are stored, so it can say "saved"
   * truthfully (MESSAGE.stored). Frames are stored in the order they came, so "stored up to N" holds unless
   * an earlier frame was refused or dropped; then nothing past it is confirmed until a later step 2 is stored
   * that covers it: a step 2 holds everything its sender had when it answered our step 1, so it covers every
   * frame received before that step 1 (`covers`), unless a frame since was not stored (our client splits a big
   * step 2 into updates ending with the step 2: a piece refused in between is not covered). Should another step
   * 1 of ours cross the pieces (a resync), the step 2 is taken to answer it; the client's answer to that one
   * follows and brings anything a piece lacked.
   */
  private confirmStored(frame: number, covers: number | null): void {
    if (covers !== null && this.unstoredFrame !== null && this.lastUnstoredFrame <= covers) this.unstoredFrame = null;
    if (this.unstoredFrame !== null && frame >= this.unstoredFrame) return;
    if (frame <= this.storedThrough) return;
    this.storedThrough = frame;
    if (this.confirmScheduled || !this.features.ourClient) return;
    // One confirmation per turn of the event loop: a commit batch stores many frames of one typist at once.
    this.confirmScheduled = true;
    setImmediate(() => {
      this.confirmScheduled = false;
      this.send(encodeStored(this.storedThrough));
    });
  }

  /**
   * The document is at its size limit (`maxDocumentBytes`) and this update would add content: refused with
   * permission denied, so memory and disk stay bounded and the person is told why. The client keeps its
   * change (the stock client never discards local edits). The server does not ask for it again by itself:
   * it reaches the board at that client's next resync once there is room (its next edit, which depends on the
   * refused one, or a reconnect). Deletions still pass: they are how people make room (a compaction then measures the
   * document again without what they removed).
   */
  private wouldOverfill(update: Uint8Array): boolean {
    if (this.room.storedBytes + update.byteLength <= this.limits.maxDocumentBytes) return false;
    const check = this.room.check(update);
    if (!check.ok || !check.adds) return false; // submit() refuses or resyncs it, or it only deletes
    this.room.measureAfterDeletions();
    if (this.room.storedBytes + update.byteLength <= this.limits.maxDocumentBytes) return false;
    this.log(
      `room ${this.room.name}: refused an update of ${update.byteLength} bytes: the document holds ${this.room.storedBytes} bytes`,
    );
    return true;
  }

  /**
   * A writer's update that depends on data the document lacks was dropped (nothing applied, stored or
   * relayed). That is a normal race: after a reconnect the stock client sends each new edit at once, while
   * the offline edits it builds on arrive only in the client's step 2 answering our step 1. Our step 1 makes
   * the client send a step 2 with everything it holds, the dropped update included; the stock client never
   * retries a 44xx close, so closing would strand it. Rate limit: at most one resync awaiting its step 2 and
   * at most one per RESYNC_INTERVAL_MS, so a client cannot make the server spin. An update dropped while a
   * resync awaits its step 2 is covered by that step 2; one dropped inside the interval otherwise gets a
   * resync when the interval ends, so a client that then stops typing is not left with an edit the server
   * never saw.
   */
  private resync(reason: string): void {
    const now = Date.now();
    if (this.resyncPending) {
      this.log(`room ${this.room.name}: dropped an update (${reason}); a resync is under way`);
      return;
    }
    const wait = this.lastResyncAt + RESYNC_INTERVAL_MS - now;
    if (wait > 0) {
      this.log(`room ${this.room.name}: dropped an update (${reason}); resync in ${wait} ms`);
      this.resyncTimer ??= setTimeout(() => {
        this.resyncTimer = null;
        if (!this.closed && !this.resyncPending) this.startResync(Date.now());
      }, wait);
      return;
    }
    this.log(`room ${this.room.name}: dropped an update (${reason}); asking the client to resync`);
    this.startResync(now);
  }

  private startResync(now: number): void {
    this.resyncPending = true;
    this.lastResyncAt = now;
    this.sendSyncStep1();
  }

  private sendSyncStep1(): void {
    this.step1Mark = this.writeFrames;
    this.send(encodeSyncStep1(this.room.doc));
  }

  /**
   * A write the gate refused. The stock client answers our step 1 with its own step 2 even when it has
   * nothing new: that is not a write attempt and is ignored quietly. An update that depends on missing data is
   * a write attempt too (typically one after an earlier refused write): permission denied. True when the
   * frame held a change that was refused.
   */
  private refuseWrite(update: Uint8Array, refusal: WriteRefusal): boolean {
    const check = this.room.check(update);
    if (!check.ok && check.kind !== 'missing') {
      this.close(CLOSE.invalidMessage, `invalid update: ${check.reason}`);
      return true;
    }
    if (check.ok && !check.changes) return false;
    const { access } = this;
    this.log(`room ${this.room.name}: refused a write (${refusal.code})`, {
      event: 'security.refused-write',
      level: 'warn',
      board: this.room.boardId,
      role: access.role,
      person: access.person?.id,
      reason: refusal.code,
    });
    // The auth message "permission denied" with the reason: the write was not applied, stored or relayed.
    this.send(encodePermissionDenied(refusal.message));
    this.room.refused(this, refusal); // asked again once the reason passed (RefusedWriters)
    return true;
  }

  /** A refused write may be accepted now: our step 1 asks the client for everything the server lacks. */
  askAgain(): void {
    if (!this.closed) this.startResync(Date.now());
  }

  /** Why the write policy refuses this connection's writes now (whatever they hold), or null. */
  writeRefusal(): WriteRefusal | null {
    return this.gate();
  }

  /**
   * Presence (server/presence.ts): only entries for client ids this connection holds or takes up pass, so
   * nobody can change or remove another person's presence; they pass the presence limits (size, rate:
   * presenceLimits.ts), then are published with the identity this connection authenticated.
   */
  private handleAwareness(update: Uint8Array): void {
    const kept = this.room.presence.admit(this, this.presenceIdentity(false), decodeAwarenessEntries(update));
    if (kept.length > 0) this.presence.offer(kept);
  }

  private applyAwareness(kept: AwarenessEntry[]): void {
    if (!this.closed) this.room.presence.publish(this, this.presenceIdentity(true), kept);
  }

  /** `currentName`: look the person's name up (a database read, so only for states that are published). */
  private presenceIdentity(currentName: boolean): PresenceIdentity {
    const { role, person } = this.access;
    if (!person) return { role, person: null };
    return { role, person: { id: person.id, name: (currentName && this.personName(person.id)) || person.name } };
  }

  private sendAwarenessStates(): void {
    const frame = this.room.presence.statesFrame(this);
    if (frame) this.send(frame);
  }
}
