import type * as Y from 'yjs';
import { WRITE_REFUSAL, writeRefusalMessage } from '../shared/protocol.js';
import { encodePermissionDenied, encodeSyncStep1 } from './frames.js';

export const STORAGE_FULL_REASON = writeRefusalMessage(
  WRITE_REFUSAL.storageFull,
  "The server's disk is full: your change was not saved on the server. It is kept on your device and sent again once space is available.",
);
export const ARCHIVED_REASON = writeRefusalMessage(
  WRITE_REFUSAL.archived,
  'This board is archived: it is read-only. Your change was not saved on the server.',
);

interface Writer {
  send(frame: Uint8Array): void;
}

/**
 * Writers of one room refused for a reason that passes (a full disk, an archive), with that reason. Each is
 * told once per reason; once the reason passed, each gets our sync step 1 and its step 2 brings everything
 * the server lacks: the stock client keeps a refused change, so nothing is lost.
 */
export class RefusedWriters<W extends Writer> {
  private readonly refused = new Map<W, string>();

  refuse(writer: W, reason: string): void {
    if (this.refused.get(writer) === reason) return;
    this.refused.set(writer, reason);
    writer.send(encodePermissionDenied(reason));
  }

  forget(writer: W): void {
    this.refused.delete(writer);
  }

  /** Asks every refused writer for what `doc` lacks, and forgets them. */
  askAgain(doc: Y.Doc): void {
    if (this.refused.size === 0) return;
    const step1 = encodeSyncStep1(doc);
    for (const writer of this.refused.keys()) writer.send(step1);
    this.refused.clear();
  }
}
