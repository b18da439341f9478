import type { WebsocketProvider } from 'y-websocket';
import { createStore, type ReadStore } from '../lib/store';
import { serverChannelOf } from './serverChannel';

/**
 * Counts this tab's changes to one document that the server has not confirmed as stored. The y-websocket
 * protocol has no acknowledgement, so our server numbers the write frames (sync step 2 and update) of each
 * connection and confirms "stored up to N" (MESSAGE.stored). The frames are sent and numbered by serverChannel.ts:
 * each local change rides on the update frames sent for it (confirmed with the last), or — made while
 * disconnected, or carried over from an earlier visit — on the next step 2, which holds everything the tab has.
 *
 * No DOM here: the server tests drive it with a Node provider.
 */
export class PendingChanges {
  /** The write frame that carries each unconfirmed change; null: the next step 2. */
  private pending: (number | null)[];
  private destroyed = false;
  private readonly store;
  private readonly cleanups: (() => void)[] = [];

  /**
   * `carriedOver`: unconfirmed changes of an earlier visit, restored from the offline copy (their content is in
   * the document already; the first step 2 sends it). `ignoredOrigins`: transaction origins that are not this
   * tab's changes (e.g. the offline copy loading into the document).
   */
  constructor(
    provider: WebsocketProvider,
    carriedOver = 0,
    private readonly ignoredOrigins: readonly unknown[] = [],
  ) {
    this.pending = new Array<number | null>(carriedOver).fill(null);
    this.store = createStore(this.pending.length);
    const onStatus = ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      // A new socket numbers its frames from 1; what the old one carried unconfirmed goes in the next step 2.
      this.pending = this.pending.map(() => null);
    };
    provider.on('status', onStatus);
    this.cleanups.push(() => provider.off('status', onStatus));

    const frames = serverChannelOf(provider);
    // The offline copy's changes are sent too (one loading late, or another tab's it reads back), and numbered,
    // but they are not this tab's: nothing to wait for.
    frames.onLocalChange((origin, frame) => {
      if (this.destroyed || this.ignoredOrigins.includes(origin)) return;
      this.pending.push(frame);
      this.publish();
    });
    // A step 2 holds everything the tab has: it carries every change not sent yet.
    frames.onStep2((lastFrame) => {
      this.pending = this.pending.map((carrier) => carrier ?? lastFrame);
    });
    frames.onStored((through) => {
      if (this.destroyed) return;
      this.pending = this.pending.filter((carrier) => carrier === null || carrier > through);
      this.publish();
    });
  }

  /** How many of this tab's changes the server has not confirmed as stored. */
  get count(): ReadStore<number> {
    return this.store;
  }

  private publish(): void {
    this.store.set(this.pending.length);
  }

  destroy(): void {
    this.destroyed = true;
    for (const cleanup of this.cleanups) cleanup();
  }
}
