import type { DocKind } from '../shared/roles.js';
import type { Log } from './log.js';
import type { DocumentStore, StoredDocument } from './storage.js';

// What SQLite holds of one loaded document, as its room counts it: apart from the commit path so the size
// limit's arithmetic and the compaction policy (when, and what a failure does) are read in one place.

/** The snapshot and the updates stored beside it, their bytes (what the size limit counts), and compaction. */
export class RoomStorage {
  private storedUpdates = 0;
  private lastSeq = 0;
  /** Compact once more updates than this are stored; raised after a failed compaction, so it is not retried on every commit. */
  private compactThreshold: number;
  /** Bytes of the stored snapshot and updates, and of updates queued for commit: what the size limit counts. */
  private snapshotBytes = 0;
  private appendedBytes = 0;
  private queuedBytes = 0;

  constructor(
    private readonly boardId: string,
    private readonly kind: DocKind,
    private readonly name: string,
    private readonly options: { store: DocumentStore; compactAfter: number; log: Log },
    /** The committed state, which becomes the snapshot. */
    private readonly fullState: () => Uint8Array,
  ) {
    this.compactThreshold = options.compactAfter;
  }

  /** Counts what was loaded. */
  loaded(stored: StoredDocument): void {
    this.lastSeq = stored.lastSeq;
    this.storedUpdates = stored.updateCount;
    this.snapshotBytes = stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
  }

  /** Stored size of this document (snapshot + updates since, queued ones included), in bytes. */
  get storedBytes(): number {
    return this.snapshotBytes + this.appendedBytes;
  }

  /** Updates are stored beside the snapshot. */
  get hasUpdates(): boolean {
    return this.storedUpdates > 0;
  }

  /** More updates than `compactAfter` (or the raised threshold) are stored beside the snapshot. */
  get compactionDue(): boolean {
    return this.storedUpdates > this.compactThreshold;
  }

  /** An update of `bytes` is on its way to SQLite. */
  queued(bytes: number): void {
    this.appendedBytes += bytes;
    this.queuedBytes += bytes;
  }

  /** An update of `bytes` left the queue, committed or not. */
  dequeued(bytes: number): void {
    this.queuedBytes -= bytes;
  }

  /** An update was committed as row `seq`. */
  committed(seq: number): void {
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.storedUpdates++;
  }

  /** Not stored: it does not count towards the size limit. */
  notStored(bytes: number): void {
    this.appendedBytes -= bytes;
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
}
