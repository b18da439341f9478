import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { migrateBoardDoc, migrateSettingsDoc } from '../shared/migrations.js';
import { CLOSE, roomName } from '../shared/protocol.js';
import type { DocKind } from '../shared/roles.js';
import type { ClientWriters } from './clientWriters.js';
import { encodeSyncUpdate } from './frames.js';
import { FullStateCache } from './fullStateCache.js';
import type { Log } from './log.js';
import type { MetricsRecorder } from './metrics.js';
import type { Peer } from './peer.js';
import { RoomPresence } from './presence.js';
import { RefusedWriters } from './refusedWriters.js';
import { RoomCommits, SERVER_ORIGIN, type SubmitResult } from './roomCommits.js';
import { RoomStorage } from './roomStorage.js';
import type { StorageOutage } from './storage/writeOutage.js';
import type { DocumentStore } from './storage.js';
import type { UpdateRefusal } from './validateUpdate.js';
import { ARCHIVED_REFUSAL, STORAGE_FULL_REFUSAL, STORAGE_UNAVAILABLE_REFUSAL, type WriteRefusal } from './writeGate.js';

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

/**
 * A loaded document: its Y.Doc holds only committed state. Incoming updates are validated against the
 * committed state plus the updates still waiting for their commit, stored, and only once committed
 * applied to the doc and relayed to the other connections (server/roomCommits.ts). The room itself is the
 * document's lifecycle (load, unload), the relay to its connections, and the writers it refused.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<Peer>();
  /** Who holds which awareness client id, with what identity; relays presence (server/presence.ts). */
  readonly presence: RoomPresence;
  /** The committed state encoded for joins, once per change. */
  private readonly joins = new FullStateCache(this.doc);
  /** The stored snapshot and updates: their size and compaction. */
  private readonly storage: RoomStorage;
  /** Validation, storage and application of every write, in commit order. */
  private readonly commits: RoomCommits;
  private unloadTimer: NodeJS.Timeout | null = null;
  private archived = false;
  private unloaded = false;
  /** Writers refused for a reason that passes (lock, archive, full disk): asked for their changes again then. */
  private readonly refusedWriters = new RefusedWriters<Peer>();

  constructor(
    readonly boardId: string,
    readonly kind: DocKind,
    private readonly options: RoomsOptions,
    /** `compacted`: the unload's compaction under way, if any (settles once stored or failed). */
    private readonly onUnload: (room: Room, compacted: Promise<unknown> | null) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.presence = new RoomPresence(this.awareness, this.peers, options.log, { board: boardId, room: this.name });
    this.storage = new RoomStorage(
      boardId,
      kind,
      this.name,
      options,
      () => this.fullState(),
      () => !this.unloaded && !this.commits.failed,
    );
    this.commits = new RoomCommits(
      {
        boardId,
        kind,
        name: this.name,
        doc: this.doc,
        peers: this.peers,
        afterCommit: () => {
          if (this.peers.size === 0) this.scheduleUnload();
        },
        refusedForOutage: (peer, outage) =>
          this.announce(peer, outage === 'full' ? STORAGE_FULL_REFUSAL : STORAGE_UNAVAILABLE_REFUSAL),
      },
      this.storage,
      options,
    );
  }

  get name(): string {
    return roomName(this.boardId, this.kind);
  }

  /** Loads the stored state and migrates it; false when the document is newer than this server. */
  async load(): Promise<'loaded' | 'too-new'> {
    const stored = await this.options.store.loadDocument(this.boardId, this.kind);
    const archived = (await this.options.store.isArchived?.(this.boardId)) ?? false;
    // A board that never named its period gets the default of the day it was created (settings 2 → 3), not of
    // the day it happens to load: the kickoff deck's board of 令和3年 plans for 令和4〜5年度.
    const createdAt = (await this.options.store.createdAt?.(this.boardId)) ?? Date.now();
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
    if (stored.updates.length === 1 && !pending) this.joins.seed(stored.updates[0]!);
    this.archived = archived;
    this.storage.loaded(stored);
    const outcome =
      this.kind === 'board'
        ? migrateBoardDoc(this.doc, SERVER_ORIGIN)
        : migrateSettingsDoc(this.doc, SERVER_ORIGIN, createdAt);
    if (outcome === 'too-new') return 'too-new';
    // A migration's changes are stored at once, with everything before, as the new snapshot. Clients will
    // build on them, so a board whose migration could not be stored is not served (the join fails, 1011).
    if (outcome === 'migrated') {
      const stored = await this.storage.compact();
      if (stored !== true) throw new Error(`could not store the migration of ${this.name}: ${String(stored.error)}`);
    } else if (this.storage.compactionDue) {
      void this.storage.compact();
    }
    await this.commits.start();
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
    return this.joins.fullState();
  }

  /** What a client with `stateVector` lacks of the committed state. */
  diffFor(stateVector: Uint8Array): Uint8Array {
    return this.joins.diffFor(stateVector);
  }

  /** The sync step 2 frame answering a step 1 with `stateVector` (a fresh client's is framed once per change). */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    return this.joins.syncStep2For(stateVector);
  }

  /**
   * Validates an update against what the room holds or has queued, without applying it. `adds`: it brings
   * new content (not only deletions).
   */
  check(update: Uint8Array): UpdateRefusal | { ok: true; changes: boolean; adds: boolean } {
    return this.commits.check(update);
  }

  /** Stored size of this document (snapshot + updates since, queued ones included), in bytes. */
  get storedBytes(): number {
    return this.storage.storedBytes;
  }

  /**
   * What the document holds once compacted (its committed state, encoded once per change, and the updates still
   * queued), so that what deletions freed counts at once; and compacts when updates are stored beside the
   * snapshot, so `storedBytes` drops too once that is written. For a document at its size limit; compacting is
   * a no-op until something new was stored, so refusals cannot make it spin.
   */
  measureAfterDeletions(): number {
    if (this.storage.hasUpdates && !this.commits.failed) void this.storage.compact();
    return this.fullState().byteLength + this.storage.queuedUpdateBytes;
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
    return this.commits.submit(update, from, fromClient, settled);
  }

  /**
   * Compacts and frees the room; called when nobody used it for `unloadDelayMs`. The compaction's snapshot is
   * taken now; the returned promise settles once it is stored (or failed: the updates then stay stored).
   */
  unload(): Promise<void> {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = null;
    // A deleted board's room is freed first and its connections closed after, which schedules an unload.
    if (this.unloaded) return Promise.resolve();
    this.unloaded = true;
    const compacted = !this.commits.failed && this.storage.hasUpdates ? this.storage.compact() : null;
    this.presence.destroy();
    this.doc.off('update', this.relayUpdate);
    this.awareness.destroy();
    this.doc.destroy();
    this.onUnload(this, compacted);
    return compacted?.then(() => {}) ?? Promise.resolve();
  }

  /** Frees the room without writing anything (a document this server must not touch). */
  discard(): void {
    this.commits.discard();
    void this.unload();
  }

  get idle(): boolean {
    return this.commits.idle;
  }

  private scheduleUnload(): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    if (this.unloaded) return;
    this.unloadTimer = setTimeout(() => {
      this.unloadTimer = null;
      if (this.peers.size > 0) return;
      if (!this.idle) return this.scheduleUnload();
      void this.unload();
    }, this.options.unloadDelayMs);
  }

  /** Archived by the facilitator (the write policy reads it). */
  get isArchived(): boolean {
    return this.archived;
  }

  /** Storage refuses writes for now: the disk is full or the database unreachable (the write policy reads it). */
  get storageOutage(): StorageOutage | null {
    return this.options.store.writeOutage?.() ?? null;
  }

  /** The write gate refused `peer` and told it: asked again once the policy lets it write. */
  refused(peer: Peer, refusal: WriteRefusal): void {
    if (this.peers.has(peer)) this.refusedWriters.refused(peer, refusal);
  }

  private announce(peer: Peer, refusal: WriteRefusal): void {
    if (this.peers.has(peer)) this.refusedWriters.announce(peer, refusal);
  }

  /** Storage writes again (space, or the database, is back): writers refused meanwhile send what the server lacks. */
  writable(): void {
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

  /** Another process owns the board now: its connections reconnect (to it, through the proxy); nothing is written. */
  closeForHandover(): void {
    for (const peer of [...this.peers])
      peer.close(CLOSE.tryAgainLater, 'this board moved to another server; reconnecting');
    this.discard();
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
    if (!this.commits.failed) this.refusedWriters.askAgain(this.doc);
  }

  private relayUpdate = (update: Uint8Array, origin: unknown): void => {
    this.joins.invalidate();
    if (this.peers.size === 0) return;
    const frame = encodeSyncUpdate(update);
    for (const peer of this.peers) if (peer !== origin) peer.send(frame);
  };
}
