import * as decoding from 'lib0/decoding';
import type { RawData, WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { CLOSE, MESSAGE } from '../shared/protocol.js';
import type { Access } from './auth.js';
import { writerOf } from './clientWriters.js';
import { ConnectionPresence } from './connectionPresence.js';
import { encodePermissionDenied, encodeSyncStep1 } from './frames.js';
import type { ServerLimits } from './limits.js';
import type { Log } from './log.js';
import { oversizeReason } from './oversizeFrames.js';
import { closeSafely, frameBytes } from './rawSocket.js';
import { Resync } from './resync.js';
import type { Peer, Room } from './rooms.js';
import { StoredConfirmations } from './storedConfirmations.js';
import type { WriteRefusal } from './writeGate.js';

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
 * is dropped and answered with a resync (our step 1), see server/resync.ts.
 */
export class Connection implements Peer {
  readonly awarenessIds = new Set<number>();
  /** Yjs client ids belong to the first writer that wrote them (server/clientWriters.ts). */
  readonly writer: string;
  private closed = false;
  private corked = false;
  /** Asks the client for everything it holds when an update was dropped (rate-limited). */
  private readonly resync: Resync;
  /** Numbers the write frames and confirms "stored up to N" to our client. */
  private readonly confirmations: StoredConfirmations;
  private readonly presence: ConnectionPresence;

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
    personName: (personId: string) => string | null = () => null,
  ) {
    this.writer = writerOf(access);
    this.resync = new Resync(
      room,
      log,
      () => this.sendSyncStep1(),
      () => this.closed,
    );
    this.confirmations = new StoredConfirmations(
      (frame) => this.send(frame),
      () => this.features.ourClient,
    );
    this.presence = new ConnectionPresence(this, room, access, limits, log, personName, () => this.closed);
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
    this.resync.stop();
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
        this.presence.receive(decoding.readVarUint8Array(decoder));
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
    const { frame, covers } = this.confirmations.received(isStep2);
    if (isStep2) this.resync.answered();
    const refusal = this.gate(() => this.wouldOverfill(update));
    if (refusal) {
      if (this.refuseWrite(update, refusal)) this.confirmations.markUnstored(frame);
      else this.confirmations.confirmStored(frame, covers); // nothing new in it: what it holds is stored
      return;
    }
    const result = this.room.submit(update, this, true, {
      applied: () => this.confirmations.confirmStored(frame, covers),
      failed: () => this.confirmations.markUnstored(frame),
    });
    if (result.ok) return;
    this.confirmations.markUnstored(frame);
    if (result.kind === 'missing') this.resync.request(result.reason);
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
    const holds = this.room.measureAfterDeletions();
    if (holds + update.byteLength <= this.limits.maxDocumentBytes) return false;
    this.log(
      `room ${this.room.name}: refused an update of ${update.byteLength} bytes: the document holds ${holds} bytes`,
    );
    return true;
  }

  private sendSyncStep1(): void {
    this.confirmations.step1Sent();
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
    if (!this.closed) this.resync.start(Date.now());
  }

  /** Why the write policy refuses this connection's writes now (whatever they hold), or null. */
  writeRefusal(): WriteRefusal | null {
    return this.gate();
  }

  private sendAwarenessStates(): void {
    const frame = this.presence.statesFrame();
    if (frame) this.send(frame);
  }
}
