import * as Y from 'yjs';
import { encodeSyncStep2 } from './frames.js';

// The full-state encoding of a large board is expensive (PROTOCOL-NOTES.md): many joins at once must not each
// recompute it. Kept apart from the room so the join path's caching is one small thing to read and measure.

/** A room's committed state encoded for joins, kept until the document's next change. */
export class FullStateCache {
  private fullStateCache: Uint8Array | null = null;
  private fullStateFrameCache: Uint8Array | null = null;

  constructor(private readonly doc: Y.Doc) {}

  /** The stored state already is the full state (a lone stored snapshot): served without encoding it again. */
  seed(fullState: Uint8Array): void {
    this.fullStateCache = fullState;
  }

  /** The document changed. */
  invalidate(): void {
    this.fullStateCache = null;
    this.fullStateFrameCache = null;
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
}
