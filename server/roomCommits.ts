import * as Y from 'yjs';
import type { DocKind } from '../shared/roles.js';
import { ClientOwners, type ClientWriters } from './clientWriters.js';
import type { Log } from './log.js';
import { type MetricsRecorder, noMetrics } from './metrics.js';
import type { Peer } from './peer.js';
import type { RoomStorage } from './roomStorage.js';
import { SERVER_ONLY_KEYS } from './serverOnlyKeys.js';
import { StorageUnavailableError } from './storage/errors.js';
import type { StorageOutage } from './storage/writeOutage.js';
import { type DocumentStore, StorageFullError } from './storage.js';
import {
  type DecodedStruct,
  deletionsAlreadyApplied,
  type StateVector,
  stateVectorOf,
  type UpdateRefusal,
  validateUpdate,
} from './validateUpdate.js';
import { STORAGE_FULL_REFUSAL, STORAGE_UNAVAILABLE_REFUSAL } from './writeGate.js';

// Commit-then-relay (docs/api.md, Durability) is the rule the whole server's durability rests on: apart from
// the room's lifecycle so the path of one write, from validation to the applied commit, reads in one place.

export type SubmitResult = { ok: true } | UpdateRefusal;

/** The origin of what the server applies itself (stored updates, migrations, its own changes). */
export const SERVER_ORIGIN = Symbol('server');

type Settled = { applied(): void; failed(error: unknown): void } | null;

/** What the commits need of their room. */
export interface CommittingRoom {
  readonly boardId: string;
  readonly kind: DocKind;
  readonly name: string;
  /** Holds only committed state: a commit is applied to it, and its 'update' listener relays it. */
  readonly doc: Y.Doc;
  readonly peers: ReadonlySet<Peer>;
  /** A commit was applied: the room may unload when nobody is connected. */
  afterCommit(): void;
  /** A batch holding `peer`'s write was refused (a full disk, an unreachable database): the room tells it. */
  refusedForOutage(peer: Peer, outage: StorageOutage): void;
}

/**
 * The writes of one room: incoming updates are validated against the committed state plus the updates still
 * waiting for their commit, stored, and only once committed applied to the doc (which relays them).
 */
export class RoomCommits {
  /** Committed state plus the updates queued for commit. */
  private knownStateVector: StateVector = new Map();
  private pendingCommits = 0;
  /** The structs of the updates queued for commit, oldest first: validation finds references in them. */
  private readonly queuedStructs: Array<readonly DecodedStruct[]> = [];
  /** The latest append still on its way to SQLite (settles after every earlier one: commits are in order). */
  private lastAppend: Promise<unknown> = Promise.resolve();
  private clientOwners: ClientOwners | null = null;
  private hasFailed = false;

  constructor(
    private readonly room: CommittingRoom,
    private readonly storage: RoomStorage,
    private readonly options: {
      store: DocumentStore;
      log: Log;
      metrics?: MetricsRecorder;
      clientWriters?: ClientWriters;
    },
  ) {}

  /** The loaded (and migrated) document is what writes are checked against from now on. */
  async start(): Promise<void> {
    this.knownStateVector = stateVectorOf(this.room.doc);
    const writers = this.options.clientWriters;
    if (writers) {
      this.clientOwners = new ClientOwners(
        await writers.load(this.room.boardId, this.room.kind),
        writers,
        this.room.boardId,
        this.room.kind,
        (error) =>
          this.options.log(`room ${this.room.name}: could not store who wrote a client id: ${String(error)}`, {
            level: 'error',
          }),
      );
    }
  }

  /** Storage failed, or the room was discarded: nothing more is written or applied. */
  get failed(): boolean {
    return this.hasFailed;
  }

  /** Frees the room without writing anything: nothing more is stored, applied or compacted. */
  discard(): void {
    this.hasFailed = true;
  }

  get idle(): boolean {
    return this.pendingCommits === 0;
  }

  /**
   * Validates an update against what the room holds or has queued, without applying it. `adds`: it brings
   * new content (not only deletions).
   */
  check(update: Uint8Array): UpdateRefusal | { ok: true; changes: boolean; adds: boolean } {
    const check = validateUpdate(update, this.knownStateVector, this.validateOptions(true));
    if (!check.ok) return check;
    const changes = !check.empty && (check.hasNewStructs || !deletionsAlreadyApplied(update, this.room.doc));
    return { ok: true, changes, adds: check.hasNewStructs };
  }

  private validateOptions(fromClient: boolean) {
    return {
      doc: this.room.doc,
      serverOnlyKeys: fromClient ? SERVER_ONLY_KEYS[this.room.kind] : [],
      queued: this.queuedStructs,
    };
  }

  /** Stores a write; it reaches the doc and the other peers once its transaction committed. */
  submit(update: Uint8Array, from: Peer | null, fromClient = true, settled: Settled = null): SubmitResult {
    if (this.hasFailed) return { ok: false, kind: 'malformed', reason: 'the board is unavailable' };
    const check = validateUpdate(update, this.knownStateVector, this.validateOptions(fromClient));
    // Whether a client may write is the write policy's (the connection asks it before submitting). The server's
    // own change is not kept anywhere: on a full disk it fails, and its caller writes it again later.
    const outage = this.options.store.writeOutage?.();
    if (!from && outage) {
      const refusal = outage === 'full' ? STORAGE_FULL_REFUSAL : STORAGE_UNAVAILABLE_REFUSAL;
      return { ok: false, kind: 'malformed', reason: refusal.message };
    }
    if (!check.ok) return check;
    if (check.empty || (!check.hasNewStructs && deletionsAlreadyApplied(update, this.room.doc))) {
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
    this.storage.queued(stored.byteLength);
    const append = this.options.store.appendUpdate(this.room.boardId, this.room.kind, stored);
    this.lastAppend = append;
    append.then(
      (seq) => {
        this.pendingCommits--;
        this.queuedStructs.shift();
        this.storage.dequeued(stored.byteLength);
        if (this.hasFailed)
          return settled?.failed(new Error(`room ${this.room.name} failed before the change applied`));
        this.storage.committed(seq, stored.byteLength);
        try {
          Y.applyUpdate(this.room.doc, stored, from ?? SERVER_ORIGIN);
        } catch (error) {
          // An observer threw (they run inside applyUpdate): the update is stored, but what this room holds
          // and relayed is uncertain, so its clients reconnect to a fresh load rather than the process dying.
          settled?.failed(error);
          this.fail(error);
          return;
        }
        settled?.applied();
        if (metrics.enabled) {
          const receivers = this.room.peers.size - (from && this.room.peers.has(from) ? 1 : 0);
          metrics.updateRelayed(receivers, performance.now() - receivedAt);
        }
        if (this.storage.compactionDue) void this.storage.compact();
        this.room.afterCommit();
      },
      (error: unknown) => {
        this.pendingCommits--;
        this.queuedStructs.shift();
        this.storage.dequeued(stored.byteLength);
        settled?.failed(error);
        if (error instanceof StorageFullError) this.refuseForOutage(from, 'full');
        else if (error instanceof StorageUnavailableError) this.refuseForOutage(from, 'unavailable');
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
  private afterQueuedAppends(settled: Settled): void {
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
   * A batch holding this update was not stored for lack of space, or because the database could not be reached:
   * nothing of it was applied or relayed. Storage refuses every append during such an outage, so every commit
   * pending here belonged to that batch; once the last has failed, what the room knows is the committed doc
   * again, and the writers' step 2 after the resync is checked against it.
   */
  private refuseForOutage(from: Peer | null, outage: StorageOutage): void {
    if (this.hasFailed) return;
    if (this.pendingCommits === 0) this.knownStateVector = stateVectorOf(this.room.doc);
    if (from) this.room.refusedForOutage(from, outage);
  }

  /** Storage failed: the queued state is unknown, so nobody is served from this room any more. */
  private fail(error: unknown): void {
    if (this.hasFailed) return;
    this.hasFailed = true;
    this.options.log(`room ${this.room.name}: storage failed, closing its connections: ${String(error)}`);
    for (const peer of this.room.peers) peer.close(1011, 'the server could not store a change; reconnecting');
  }
}
