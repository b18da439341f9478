import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { migrateBoardDoc, migrateSettingsDoc } from '../shared/migrations.js';
import { roomName } from '../shared/protocol.js';
import type { DocKind } from '../shared/roles.js';
import { encodeAwarenessFrame, encodeSyncStep2, encodeSyncUpdate } from './frames.js';
import { type MetricsRecorder, noMetrics } from './metrics.js';
import type { DocumentStore } from './storage.js';
import {
  deletionsAlreadyApplied,
  type StateVector,
  stateVectorOf,
  type UpdateRefusal,
  validateUpdate,
} from './validateUpdate.js';

/** One websocket connection as the room sees it. */
export interface Peer {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Awareness client ids this connection introduced (and only it may update or remove). */
  readonly awarenessIds: Set<number>;
}

export type SubmitResult = { ok: true } | UpdateRefusal;

export interface RoomsOptions {
  store: DocumentStore;
  /** How long a room stays loaded after its last connection left (ms). */
  unloadDelayMs: number;
  /** Compact when more updates than this are stored beside the snapshot. */
  compactAfter: number;
  log: (message: string) => void;
  metrics?: MetricsRecorder;
}

const SERVER_ORIGIN = Symbol('server');

/**
 * A loaded document: its Y.Doc holds only committed state. Incoming updates are validated against the
 * committed state plus the updates still waiting for their commit, stored, and only once committed
 * applied to the doc and relayed to the other connections.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly awarenessOwners = new Map<number, Peer>();
  readonly peers = new Set<Peer>();
  /** Committed state plus the updates queued for commit. */
  private knownStateVector: StateVector = new Map();
  private pendingCommits = 0;
  private storedUpdates = 0;
  private lastSeq = 0;
  /** Compact once more updates than this are stored; raised after a failed compaction, so it is not retried on every commit. */
  private compactThreshold: number;
  private fullStateCache: Uint8Array | null = null;
  private fullStateFrameCache: Uint8Array | null = null;
  private unloadTimer: NodeJS.Timeout | null = null;
  private failed = false;

  constructor(
    readonly boardId: string,
    readonly kind: DocKind,
    private readonly options: RoomsOptions,
    private readonly onUnload: (room: Room) => void,
  ) {
    this.compactThreshold = options.compactAfter;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.relayAwareness);
  }

  get name(): string {
    return roomName(this.boardId, this.kind);
  }

  /** Loads the stored state and migrates it; false when the document is newer than this server. */
  load(): 'loaded' | 'too-new' {
    const stored = this.options.store.loadDocument(this.boardId, this.kind);
    this.doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(this.doc, update, SERVER_ORIGIN);
    }, SERVER_ORIGIN);
    const pending = this.doc.store.pendingStructs || this.doc.store.pendingDs;
    if (pending) {
      this.options.log(`room ${this.name}: stored updates left pending structs; serving what integrated`);
    }
    // Listening only now: Yjs encodes every transaction for 'update' listeners, and re-encoding the stored
    // board (megabytes) would only be thrown away. A lone stored snapshot already is the full state, so the
    // first joins are served those bytes without encoding the board again.
    this.doc.on('update', this.relayUpdate);
    if (stored.updates.length === 1 && !pending) this.fullStateCache = stored.updates[0]!;
    this.lastSeq = stored.lastSeq;
    this.storedUpdates = stored.updateCount;
    const migrate = this.kind === 'board' ? migrateBoardDoc : migrateSettingsDoc;
    const outcome = migrate(this.doc, SERVER_ORIGIN);
    if (outcome === 'too-new') return 'too-new';
    // A migration's changes are stored at once, with everything before, as the new snapshot. Clients will
    // build on them, so a board whose migration could not be stored is not served (the join fails, 1011).
    if (outcome === 'migrated') {
      const stored = this.compact();
      if (stored !== true) throw new Error(`could not store the migration of ${this.name}: ${String(stored.error)}`);
    } else if (this.storedUpdates > this.compactThreshold) {
      this.compact();
    }
    this.knownStateVector = stateVectorOf(this.doc);
    // A join that gave up while the room loaded must not leave it loaded for ever.
    this.scheduleUnload();
    return 'loaded';
  }

  add(peer: Peer): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = null;
    this.peers.add(peer);
  }

  remove(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    for (const id of peer.awarenessIds) {
      if (this.awarenessOwners.get(id) === peer) this.awarenessOwners.delete(id);
    }
    const ids = [...peer.awarenessIds].filter((id) => this.awareness.states.has(id));
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
    if (this.peers.size === 0) this.scheduleUnload();
  }

  /** The whole committed state, encoded once per change: many joins at once share it. */
  fullState(): Uint8Array {
    this.fullStateCache ??= Y.encodeStateAsUpdate(this.doc);
    return this.fullStateCache;
  }

  /** What a client with `stateVector` lacks of the committed state. */
  diffFor(stateVector: Uint8Array): Uint8Array {
    const decoded = Y.decodeStateVector(stateVector);
    return decoded.size === 0 ? this.fullState() : Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  /**
   * The sync step 2 frame answering a step 1 with `stateVector`. A fresh client's (an empty state vector)
   * is framed once per change: a join storm on a big board would otherwise copy megabytes per join.
   */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    if (Y.decodeStateVector(stateVector).size > 0) return encodeSyncStep2(this.diffFor(stateVector));
    this.fullStateFrameCache ??= encodeSyncStep2(this.fullState());
    return this.fullStateFrameCache;
  }

  /** Validates an update against what the room holds or has queued, without applying it. */
  check(update: Uint8Array): UpdateRefusal | { ok: true; changes: boolean } {
    const check = validateUpdate(update, this.knownStateVector, { doc: this.doc });
    if (!check.ok) return check;
    const changes = !check.empty && (check.hasNewStructs || !deletionsAlreadyApplied(update, this.doc));
    return { ok: true, changes };
  }

  /** Stores a write; it reaches the doc and the other peers once its transaction committed. */
  submit(update: Uint8Array, from: Peer): SubmitResult {
    if (this.failed) return { ok: false, kind: 'malformed', reason: 'the board is unavailable' };
    const check = validateUpdate(update, this.knownStateVector, { doc: this.doc });
    if (!check.ok) return check;
    if (check.empty || (!check.hasNewStructs && deletionsAlreadyApplied(update, this.doc))) return { ok: true };
    this.knownStateVector = check.stateVector;
    this.pendingCommits++;
    const metrics = this.options.metrics ?? noMetrics;
    const receivedAt = metrics.enabled ? performance.now() : 0;
    metrics.updateReceived();
    this.options.store.appendUpdate(this.boardId, this.kind, update).then(
      (seq) => {
        this.pendingCommits--;
        if (this.failed) return;
        this.lastSeq = Math.max(this.lastSeq, seq);
        this.storedUpdates++;
        Y.applyUpdate(this.doc, update, from);
        if (metrics.enabled)
          metrics.updateRelayed(this.peers.size - (this.peers.has(from) ? 1 : 0), performance.now() - receivedAt);
        if (this.storedUpdates > this.compactThreshold) this.compact();
        if (this.peers.size === 0) this.scheduleUnload();
      },
      (error: unknown) => {
        this.pendingCommits--;
        this.fail(error);
      },
    );
    return { ok: true };
  }

  /**
   * Merges the snapshot and the stored updates into one snapshot of the (committed) doc. Compaction is an
   * optimisation: the updates stay stored when it fails, so a failure is logged and the room keeps working
   * (it runs inside a commit's callback and the unload timer, where a throw would end the process).
   */
  compact(): true | { error: unknown } {
    try {
      this.options.store.compact(this.boardId, this.kind, this.fullState(), this.lastSeq);
    } catch (error) {
      this.options.log(
        `room ${this.name}: compaction failed (up to update ${this.lastSeq}, ${this.storedUpdates} updates beside the snapshot); the updates stay stored: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      this.compactThreshold = this.storedUpdates + this.options.compactAfter;
      return { error };
    }
    this.storedUpdates = 0;
    this.compactThreshold = this.options.compactAfter;
    return true;
  }

  /** Compacts and frees the room; called when nobody used it for `unloadDelayMs`. */
  unload(): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = null;
    if (!this.failed && this.storedUpdates > 0) this.compact();
    this.awareness.off('update', this.relayAwareness);
    this.doc.off('update', this.relayUpdate);
    this.awareness.destroy();
    this.doc.destroy();
    this.onUnload(this);
  }

  /** Frees the room without writing anything (a document this server must not touch). */
  discard(): void {
    this.failed = true;
    this.unload();
  }

  get idle(): boolean {
    return this.pendingCommits === 0;
  }

  private scheduleUnload(): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = setTimeout(() => {
      this.unloadTimer = null;
      if (this.peers.size > 0) return;
      if (!this.idle) return this.scheduleUnload();
      this.unload();
    }, this.options.unloadDelayMs);
  }

  /** Storage failed: the queued state is unknown, so nobody is served from this room any more. */
  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.options.log(`room ${this.name}: storage failed, closing its connections: ${String(error)}`);
    for (const peer of this.peers) peer.close(1011, 'the server could not store a change; reconnecting');
  }

  private relayUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullStateCache = null;
    this.fullStateFrameCache = null;
    if (this.peers.size === 0) return;
    const frame = encodeSyncUpdate(update);
    for (const peer of this.peers) if (peer !== origin) peer.send(frame);
  };

  /** Every awareness change goes to every peer, the sender included: the echo keeps a lone client alive. */
  private relayAwareness = (
    change: { added: number[]; updated: number[]; removed: number[] },
    _origin: unknown,
  ): void => {
    const clients = [...change.added, ...change.updated, ...change.removed];
    if (clients.length === 0 || this.peers.size === 0) return;
    const frame = encodeAwarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    for (const peer of this.peers) peer.send(frame);
  };
}

export type JoinResult = { kind: 'room'; room: Room } | { kind: 'too-new' };

/** The loaded rooms, one per (board, document). */
export class Rooms {
  private readonly loaded = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<JoinResult>>();

  constructor(private readonly options: RoomsOptions) {}

  /** The loaded room, loading it first; concurrent joins wait for the same load. */
  join(boardId: string, kind: DocKind): Promise<JoinResult> {
    const key = roomName(boardId, kind);
    const room = this.loaded.get(key);
    if (room) return Promise.resolve({ kind: 'room', room });
    let pending = this.loading.get(key);
    if (!pending) {
      pending = Promise.resolve().then((): JoinResult => {
        const fresh = new Room(boardId, kind, this.options, (gone) => {
          if (this.loaded.get(key) === gone) this.loaded.delete(key);
        });
        if (fresh.load() === 'too-new') {
          fresh.discard();
          return { kind: 'too-new' };
        }
        this.loaded.set(key, fresh);
        return { kind: 'room', room: fresh };
      });
      pending.finally(() => this.loading.delete(key)).catch(() => {});
      this.loading.set(key, pending);
    }
    return pending;
  }

  get(boardId: string, kind: DocKind): Room | undefined {
    return this.loaded.get(roomName(boardId, kind));
  }

  get size(): number {
    return this.loaded.size;
  }

  /** For shutdown: the caller flushed storage and let commits apply; compact and free every room. */
  unloadAll(): void {
    for (const room of [...this.loaded.values()]) room.unload();
  }
}
