import type * as Y from 'yjs';
import { encodePermissionDenied, encodeSyncStep1 } from './frames.js';
import type { WriteRefusal } from './writeGate.js';

interface Writer {
  send(frame: Uint8Array): void;
  /** Why the write policy refuses this writer now (without a given update), or null; absent: nothing refuses. */
  writeRefusal?(): WriteRefusal | null;
  /** Sends our step 1 itself (a connection keeps count of the step 1s it sent); absent: sent here. */
  askAgain?(): void;
}

/**
 * "Refuse, keep, ask again", the one mechanism for every reason that passes (the lock, the archive, a full
 * disk: `liftable` in shared/writePolicy.ts). The stock client keeps a refused change, so nothing is lost: once
 * the policy lets a refused writer write again, it gets our sync step 1 and its step 2 brings everything the
 * server lacks. Telling: the write gate answers each refused write frame itself (`refused`); what the room
 * announces on its own (an archive, a batch the full disk refused) is told once per reason until asked again.
 */
export class RefusedWriters<W extends Writer> {
  /** Writers refused for a reason that passes, with the reason they were last told of (null: none). */
  private readonly waiting = new Map<W, string | null>();

  /** The gate refused a write of `writer` and told it: kept for asking again if the reason passes. */
  refused(writer: W, refusal: WriteRefusal): void {
    if (refusal.liftable) this.waiting.set(writer, this.waiting.get(writer) ?? null);
  }

  /** The room refuses `writer` on its own: told once per reason, and kept for asking again. */
  announce(writer: W, refusal: WriteRefusal): void {
    if (this.waiting.get(writer) === refusal.message) return;
    writer.send(encodePermissionDenied(refusal.message));
    if (refusal.liftable) this.waiting.set(writer, refusal.message);
  }

  forget(writer: W): void {
    this.waiting.delete(writer);
  }

  /**
   * Something that can lift a refusal changed (unlocked, unarchived, space again): each waiting writer the
   * policy now lets write is asked for what `doc` lacks, and forgotten; the others keep waiting.
   */
  askAgain(doc: Y.Doc): void {
    if (this.waiting.size === 0) return;
    let step1: Uint8Array | null = null;
    for (const writer of [...this.waiting.keys()]) {
      if (writer.writeRefusal?.()) continue;
      this.waiting.delete(writer);
      if (writer.askAgain) {
        writer.askAgain();
      } else {
        step1 ??= encodeSyncStep1(doc);
        writer.send(step1);
      }
    }
  }
}
