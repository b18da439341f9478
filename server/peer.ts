import type { WriteRefusal } from './writeGate.js';

// Apart from the room so the modules that serve a room's connections (commits, presence, refused writers)
// share one definition of a connection without importing the room itself.

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
