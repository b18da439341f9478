import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { migrateBoardDoc, migrateSettingsDoc } from '../shared/migrations.js';
import { CLOSE, roomName } from '../shared/protocol.js';
import type { DocKind } from '../shared/roles.js';
import { ClientOwners, type ClientWriters } from './clientWriters.js';
import { encodeSyncStep2, encodeSyncUpdate } from './frames.js';
import type { Log } from './log.js';
import { type MetricsRecorder, noMetrics } from './metrics.js';
import { RoomPresence } from './presence.js';
import { RefusedWriters } from './refusedWriters.js';
import { SERVER_ONLY_KEYS } from './serverOnlyKeys.js';
import { type DocumentStore, StorageFullError } from './storage.js';
import {
  type DecodedStruct,
  deletionsAlreadyApplied,
  type StateVector,
  stateVectorOf,
  type UpdateRefusal,
  validateUpdate,
} from './validateUpdate.js';
import { ARCHIVED_REFUSAL, STORAGE_FULL_REFUSAL, type WriteRefusal } from './writeGate.js';

/** One websocket connection as the room sees it. */
export interface Peer {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Awareness client ids this connection introduced (and only it may update or remove). */
  readonly awarenessIds: Set<number>;
  /** Why the write policy refuses this peer's writes now, or null (see RefusedWriters). */
  writeRefusal?(): WriteRefusal | null;
  /** Sends our step 1 to ask for what the server lacks (absent: the room sends it). */
  askAgain?(): void;
  /** Who writes through this connection (server/clientWriters.ts): Yjs client ids belong to their first writer. */
  readonly writer?: string;
}

export type SubmitResult = { ok: true } | UpdateRefusal;

export interface RoomsOptions {
  store: DocumentStore;
  /** How long a room stays loaded after its last connection left (ms). */
  unloadDelayMs: number;
  /** Compact when more updates than this are stored beside the snapshot. */
  compactAfter: number;
  log: Log;
  metrics?: MetricsRecorder;
  /** Who wrote each client id first; without it, client ids are not bound to writers (tools, tests). */
  clientWriters?: ClientWriters;
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
  readonly peers = new Set<Peer>();
  /** Who holds which awareness client id, with what identity; relays presence (server/presence.ts). */
  readonly presence: RoomPresence;
  /** Committed state plus the updates queued for commit. */
  private knownStateVector: StateVector = new Map();
  private pendingCommits = 0;
  /** The structs of the updates queued for commit, oldest first: validation finds references in them. */
  private readonly queuedStructs: Array<readonly DecodedStruct[]> = [];
  /** The latest append still on its way to SQLite (settles after every earlier one: commits are in order). */
  private lastAppend: Promise<unknown> = Promise.resolve();
  private storedUpdates = 0;
  private lastSeq = 0;
  /** Compact once more updates than this are stored; raised after a failed compaction, so it is not retried on every commit. */
  private compactThreshold: number;
  private fullStateCache: Uint8Array | null = null;
  private fullStateFrameCache: Uint8Array | null = null;
  /** Bytes of the stored snapshot and updates, and of updates queued for commit: what the size limit counts. */
  private snapshotBytes = 0;
  private appendedBytes = 0;
  private queuedBytes = 0;
  private unloadTimer: NodeJS.Timeout | null = null;
  private failed = false;
  private archived = false;
  private unloaded = false;
  /** Writers refused for a reason that passes (lock, archive, full disk): asked for their changes again then. */
  private readonly refusedWriters = new RefusedWriters<Peer>();
  private clientOwners: ClientOwners | null = null;

  constructor(
    readonly boardId: string,
    readonly kind: DocKind,
    private readonly options: RoomsOptions,
    private readonly onUnload: (room: Room) => void,
  ) {
    this.compactThreshold = options.compactAfter;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.presence = new RoomPresence(this.awareness, this.peers, options.log, { board: boardId, room: this.name });
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
    this.archived = this.options.store.isArchived?.(this.boardId) ?? false;
    this.lastSeq = stored.lastSeq;
    this.storedUpdates = stored.updateCount;
    this.snapshotBytes = stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
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
    const writers = this.options.clientWriters;
    if (writers) {
      this.clientOwners = new ClientOwners(
        writers.load(this.boardId, this.kind),
        writers,
        this.boardId,
        this.kind,
        (error) =>
          this.options.log(`room ${this.name}: could not store who wrote a client id: ${String(error)}`, {
            level: 'error',
          }),
      );
    }
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
    this.refusedWriters.forget(peer);
    this.presence.leave(peer);
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

  /**
   * Validates an update against what the room holds or has queued, without applying it. `adds`: it brings
   * new content (not only deletions).
   */
  check(update: Uint8Array): UpdateRefusal | { ok: true; changes: boolean; adds: boolean } {
    const check = validateUpdate(update, this.knownStateVector, this.validateOptions(true));
    if (!check.ok) return check;
    const changes = !check.empty && (check.hasNewStructs || !deletionsAlreadyApplied(update, this.doc));
    return { ok: true, changes, adds: check.hasNewStructs };
  }

  /** Stored size of this document (snapshot + updates since, queued ones included), in bytes. */
  get storedBytes(): number {
    return this.snapshotBytes + this.appendedBytes;
  }

  /**
   * Compacts when updates are stored beside the snapshot, so `storedBytes` drops what deletions freed. For
   * a document at its size limit; a no-op until something new was stored, so refusals cannot make it spin.
   */
  measureAfterDeletions(): void {
    if (this.storedUpdates > 0 && !this.failed) this.compact();
  }

  private validateOptions(fromClient: boolean) {
    return { doc: this.doc, serverOnlyKeys: fromClient ? SERVER_ONLY_KEYS[this.kind] : [], queued: this.queuedStructs };
  }

  /**
   * The server's own change (e.g. the board lock mirrored into the settings document): made on a copy of the
   * committed state and submitted like a client's update, so it is stored before anyone sees it. Resolves
   * once it is committed and applied. The only way to write what clients may not (SERVER_ONLY_KEYS).
   */
  applyServerChange(change: (doc: Y.Doc) => void): Promise<void> {
    const scratch = new Y.Doc();
    try {
      Y.applyUpdate(scratch, this.fullState());
      const before = Y.encodeStateVector(scratch);
      scratch.transact(() => change(scratch));
      const update = Y.encodeStateAsUpdate(scratch, before);
      return new Promise((resolve, reject) => {
        const result = this.submit(update, null, false, { applied: resolve, failed: reject });
        if (!result.ok) reject(new Error(`the server's own change was refused: ${result.reason}`));
      });
    } finally {
      scratch.destroy();
    }
  }

  /** Stores a write; it reaches the doc and the other peers once its transaction committed. */
  submit(
    update: Uint8Array,
    from: Peer | null,
    fromClient = true,
    settled: { applied(): void; failed(error: unknown): void } | null = null,
  ): SubmitResult {
    if (this.failed) return { ok: false, kind: 'malformed', reason: 'the board is unavailable' };
    const check = validateUpdate(update, this.knownStateVector, this.validateOptions(fromClient));
    // Whether a client may write is the write policy's (the connection asks it before submitting). The server's
    // own change is not kept anywhere: on a full disk it fails, and its caller writes it again later.
    if (!from && this.options.store.isFull?.()) {
      return { ok: false, kind: 'malformed', reason: STORAGE_FULL_REFUSAL.message };
    }
    if (!check.ok) return check;
    if (check.empty || (!check.hasNewStructs && deletionsAlreadyApplied(update, this.doc))) {
      // Nothing new against what is stored *or queued*: it counts as stored once the queued appends are.
      this.afterQueuedAppends(settled);
      return { ok: true };
    }
    const stolen = from?.writer ? this.claimClients(check.structs, from.writer) : null;
    if (stolen) return stolen;
    // What is stored is what Yjs will integrate: the structs (or their parts) past what is known. An update
    // repeating known structs would otherwise be stored with bytes the document never held.
    const stored = check.repeatsKnown ? Y.diffUpdate(update, Y.encodeStateVector(this.knownStateVector)) : update;
    this.knownStateVector = check.stateVector;
    this.queuedStructs.push(check.structs);
    this.pendingCommits++;
    const metrics = this.options.metrics ?? noMetrics;
    const receivedAt = metrics.enabled ? performance.now() : 0;
    metrics.updateReceived();
    this.appendedBytes += stored.byteLength;
    this.queuedBytes += stored.byteLength;
    const append = this.options.store.appendUpdate(this.boardId, this.kind, stored);
    this.lastAppend = append;
    append.then(
      (seq) => {
        this.pendingCommits--;
        this.queuedStructs.shift();
        this.queuedBytes -= stored.byteLength;
        if (this.failed) return settled?.failed(new Error(`room ${this.name} failed before the change applied`));
        this.lastSeq = Math.max(this.lastSeq, seq);
        this.storedUpdates++;
        try {
          Y.applyUpdate(this.doc, stored, from ?? SERVER_ORIGIN);
        } catch (error) {
          // An observer threw (they run inside applyUpdate): the update is stored, but what this room holds
          // and relayed is uncertain, so its clients reconnect to a fresh load rather than the process dying.
          settled?.failed(error);
          this.fail(error);
          return;
        }
        settled?.applied();
        if (metrics.enabled) {
          const receivers = this.peers.size - (from && this.peers.has(from) ? 1 : 0);
          metrics.updateRelayed(receivers, performance.now() - receivedAt);
        }
        if (this.storedUpdates > this.compactThreshold) this.compact();
        if (this.peers.size === 0) this.scheduleUnload();
      },
      (error: unknown) => {
        this.pendingCommits--;
        this.queuedStructs.shift();
        this.queuedBytes -= stored.byteLength;
        // Not stored: it does not count towards the size limit.
        this.appendedBytes -= stored.byteLength;
        settled?.failed(error);
        if (error instanceof StorageFullError) this.refuseForFullDisk(from);
        else this.fail(error);
      },
    );
    return { ok: true };
  }

  /**
   * The client ids whose new changes the update brings must be the writer's own (or nobody's yet: then they
   * become its own). Checked after validation, before anything is stored.
   */
  private claimClients(structs: readonly DecodedStruct[], writer: string): UpdateRefusal | null {
    if (!this.clientOwners) return null;
    const writing = new Set<number>();
    for (const struct of structs) {
      if (struct.id.clock + struct.length > (this.knownStateVector.get(struct.id.client) ?? 0)) {
        writing.add(struct.id.client);
      }
    }
    const taken = this.clientOwners.claim(writing, writer);
    if (taken === null) return null;
    const reason = `client id ${taken} belongs to another writer`;
    return { ok: false, kind: 'forbidden', reason };
  }

  /**
   * An update with nothing new may still depend on changes queued for commit by another connection (the same
   * change sent again after a reconnect): it counts as stored only once those are. A failed append (a full disk)
   * means it was not.
   */
  private afterQueuedAppends(settled: { applied(): void; failed(error: unknown): void } | null): void {
    if (!settled) return;
    if (this.pendingCommits === 0) {
      settled.applied();
      return;
    }
    this.lastAppend.then(
      () => settled.applied(),
      (error: unknown) => settled.failed(error),
    );
  }

  /**
   * Merges the snapshot and the stored updates into one snapshot of the (committed) doc. Compaction is an
   * optimisation: the updates stay stored when it fails, so a failure is logged and the room keeps working
   * (it runs inside a commit's callback and the unload timer, where a throw would end the process).
   */
  compact(): true | { error: unknown } {
    const snapshot = this.fullState();
    try {
      this.options.store.compact(this.boardId, this.kind, snapshot, this.lastSeq);
    } catch (error) {
      this.options.log(
        `room ${this.name}: compaction failed (up to update ${this.lastSeq}, ${this.storedUpdates} updates beside the snapshot); the updates stay stored: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      this.compactThreshold = this.storedUpdates + this.options.compactAfter;
      return { error };
    }
    this.storedUpdates = 0;
    this.compactThreshold = this.options.compactAfter;
    // Updates still queued for commit are not in the snapshot: they stay stored beside it.
    this.appendedBytes = this.queuedBytes;
    this.snapshotBytes = snapshot.byteLength;
    return true;
  }

  /** Compacts and frees the room; called when nobody used it for `unloadDelayMs`. */
  unload(): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = null;
    // A deleted board's room is freed first and its connections closed after, which schedules an unload.
    if (this.unloaded) return;
    this.unloaded = true;
    if (!this.failed && this.storedUpdates > 0) this.compact();
    this.presence.destroy();
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
    if (this.unloaded) return;
    this.unloadTimer = setTimeout(() => {
      this.unloadTimer = null;
      if (this.peers.size > 0) return;
      if (!this.idle) return this.scheduleUnload();
      this.unload();
    }, this.options.unloadDelayMs);
  }

  /** Archived by the facilitator (the write policy reads it). */
  get isArchived(): boolean {
    return this.archived;
  }

  /** The server's disk is full (the write policy reads it). */
  get storageFull(): boolean {
    return this.options.store.isFull?.() ?? false;
  }

  /** The write gate refused `peer` and told it: asked again once the policy lets it write. */
  refused(peer: Peer, refusal: WriteRefusal): void {
    if (this.peers.has(peer)) this.refusedWriters.refused(peer, refusal);
  }

  private announce(peer: Peer, refusal: WriteRefusal): void {
    if (this.peers.has(peer)) this.refusedWriters.announce(peer, refusal);
  }

  /**
   * A batch holding this update was not stored for lack of space: nothing of it was applied or relayed. The
   * storage refuses every append while full, so every commit pending here belonged to that batch; once the
   * last has failed, what the room knows is the committed doc again, and the writers' step 2 after the
   * resync is checked against it.
   */
  private refuseForFullDisk(from: Peer | null): void {
    if (this.failed) return;
    if (this.pendingCommits === 0) this.knownStateVector = stateVectorOf(this.doc);
    if (from) this.announce(from, STORAGE_FULL_REFUSAL);
  }

  /** The storage has space again: writers refused for the full disk send what the server lacks. */
  spaceAvailable(): void {
    this.askRefusedWritersAgain();
  }

  /** Archives or unarchives: every connection is told of an archive; unarchiving asks refused writers again. */
  setArchived(archived: boolean): void {
    if (this.archived === archived) return;
    this.archived = archived;
    if (archived) {
      // Every connection is told (and counted as refused: a write racing the archive is asked for later).
      for (const peer of this.peers) this.announce(peer, ARCHIVED_REFUSAL);
    } else {
      this.askRefusedWritersAgain();
    }
  }

  /** The board was deleted: every connection is closed for good and nothing more is written. */
  closeDeleted(): void {
    for (const peer of [...this.peers]) peer.close(CLOSE.notFound, 'this board was deleted');
    this.discard();
  }

  /**
   * A reason that refused writes may have passed (unlocked, unarchived, space again): each refused writer the
   * write policy now lets write gets our step 1 and sends what we lack.
   */
  askRefusedWritersAgain(): void {
    if (!this.failed) this.refusedWriters.askAgain(this.doc);
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
}
