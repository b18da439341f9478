import type { DocKind } from '../shared/roles.js';
import type { Log } from './log.js';
import type { DocumentStore, StoredDocument } from './storage.js';

// What SQLite holds of one loaded document, as its room counts it: apart from the commit path so the size
// limit's arithmetic and the compaction policy (when, and what a failure does) are read in one place.

/** The snapshot and the updates stored beside it, their bytes (what the size limit counts), and compaction. */
export class RoomStorage {
  /** Rows stored beside the snapshot at load, plus every row committed since: only grows. */
  private rowsEver = 0;
  /** Bytes of the rows committed since the load: only grows. */
  private committedBytesEver = 0;
  /** What the last stored compaction's snapshot covered, in those two counts (and bytes loaded beside it). */
  private compactedRows = 0;
  private compactedBytes = 0;
  private lastSeq = 0;
  /** Compact once more updates than this are stored; raised after a failed compaction, so it is not retried on every commit. */
  private compactThreshold: number;
  /** Bytes of the stored snapshot, of the updates loaded beside it, and of updates queued for commit. */
  private snapshotBytes = 0;
  private loadedUpdateBytes = 0;
  private queuedBytes = 0;
  /** Compactions are written one after the other, each with the snapshot taken when it was asked for. */
  private writing: Promise<unknown> = Promise.resolve();
  private pending: Promise<true | { error: unknown }> | null = null;

  constructor(
    private readonly boardId: string,
    private readonly kind: DocKind,
    private readonly name: string,
    private readonly options: { store: DocumentStore; compactAfter: number; log: Log },
    /** The committed state, which becomes the snapshot. */
    private readonly fullState: () => Uint8Array,
    /** The room is still loaded and working: updates committed during a compaction may be compacted next. */
    private readonly stillLive: () => boolean,
  ) {
    this.compactThreshold = options.compactAfter;
  }

  /** Counts what was loaded. */
  loaded(stored: StoredDocument): void {
    this.lastSeq = stored.lastSeq;
    this.rowsEver = stored.updateCount;
    const bytes = stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
    // The first of `updates` is the snapshot when there are more than the rows beside it.
    this.snapshotBytes = stored.updates.length > stored.updateCount ? (stored.updates[0]?.byteLength ?? 0) : 0;
    this.loadedUpdateBytes = bytes - this.snapshotBytes;
  }

  private get storedUpdates(): number {
    return this.rowsEver - this.compactedRows;
  }

  /** Stored size of this document (snapshot + updates since, queued ones included), in bytes. */
  get storedBytes(): number {
    return (
      this.snapshotBytes + this.loadedUpdateBytes + this.committedBytesEver - this.compactedBytes + this.queuedBytes
    );
  }

  /** Bytes of the updates on their way to storage. */
  get queuedUpdateBytes(): number {
    return this.queuedBytes;
  }

  /** Updates are stored beside the snapshot. */
  get hasUpdates(): boolean {
    return this.storedUpdates > 0;
  }

  /** More updates than `compactAfter` (or the raised threshold) are stored beside the snapshot. */
  get compactionDue(): boolean {
    return this.storedUpdates > this.compactThreshold && this.pending === null;
  }

  /** An update of `bytes` is on its way to storage. */
  queued(bytes: number): void {
    this.queuedBytes += bytes;
  }

  /** An update of `bytes` left the queue, committed or not. */
  dequeued(bytes: number): void {
    this.queuedBytes -= bytes;
  }

  /** An update of `bytes` was committed as row `seq`. */
  committed(seq: number, bytes: number): void {
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.rowsEver++;
    this.committedBytesEver += bytes;
  }

  /**
   * Merges the snapshot and the stored updates into one snapshot of the (committed) doc, taken now; resolves
   * once it is stored. Compaction is an optimisation: the updates stay stored when it fails, so a failure is
   * logged and the room keeps working (it runs after a commit and at the unload, where nobody could act on it).
   */
  compact(): Promise<true | { error: unknown }> {
    const snapshot = this.fullState();
    const upToSeq = this.lastSeq;
    const rows = this.rowsEver;
    const bytes = this.committedBytesEver;
    const written = this.writing.then(async (): Promise<true | { error: unknown }> => {
      try {
        await this.options.store.compact(this.boardId, this.kind, snapshot, upToSeq);
      } catch (error) {
        this.options.log(
          `room ${this.name}: compaction failed (up to update ${upToSeq}, ${this.storedUpdates} updates beside the snapshot); the updates stay stored: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        this.compactThreshold = this.storedUpdates + this.options.compactAfter;
        return { error };
      }
      // Updates committed after the snapshot was taken stay stored beside it.
      this.compactedRows = Math.max(this.compactedRows, rows);
      this.compactedBytes = Math.max(this.compactedBytes, bytes);
      this.loadedUpdateBytes = 0;
      this.compactThreshold = this.options.compactAfter;
      this.snapshotBytes = snapshot.byteLength;
      // Commits that arrived while this one was written may be due already; nothing else would compact them
      // until the next commit or the unload.
      if (this.storedUpdates > this.compactThreshold && this.stillLive()) queueMicrotask(() => void this.compact());
      return true;
    });
    this.writing = written;
    this.pending = written;
    void written.then(() => {
      if (this.pending === written) this.pending = null;
    });
    return written;
  }
}
