import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { MESSAGE } from '../../shared/protocol';
import { createStore, type ReadStore } from '../lib/store';

/**
 * Counts this tab's changes to one document that the server has not confirmed as stored. The y-websocket
 * protocol has no acknowledgement, so our server numbers the write frames (sync step 2 and update) of each
 * connection and confirms "stored up to N" (MESSAGE.stored). This tracker numbers the same frames as the
 * provider sends them: each local change rides on the update frame sent for it, or — made while
 * disconnected, or carried over from an earlier visit — on the next step 2, which holds everything the tab has.
 *
 * No DOM here: the server tests drive it with a Node provider.
 */
export class PendingChanges {
  /** The write frame that carries each unconfirmed change; null: the next step 2. */
  private pending: (number | null)[];
  private framesSent = 0;
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
      this.framesSent = 0;
      this.pending = this.pending.map(() => null);
    };
    provider.on('status', onStatus);
    this.cleanups.push(() => provider.off('status', onStatus));

    // Registered after the provider's own listener, so the provider has already sent the change (if connected).
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
      // The provider sends every other update while connected, the offline copy's too (one loading late, or
      // another tab's changes it reads back): the server numbers that frame, so it is counted here as well.
      const frame = provider.wsconnected ? ++this.framesSent : null;
      if (this.ignoredOrigins.includes(origin)) return; // not this tab's change: nothing to wait for
      this.pending.push(frame);
      this.publish();
    };
    provider.doc.on('update', onUpdate);
    this.cleanups.push(() => provider.doc.off('update', onUpdate));

    const handleSync = provider.messageHandlers[MESSAGE.sync]!;
    provider.messageHandlers[MESSAGE.sync] = (encoder, decoder, messageProvider, emitSynced, messageType) => {
      const isStep1 = decoding.peekVarUint(decoder) === 0;
      handleSync(encoder, decoder, messageProvider, emitSynced, messageType);
      if (!isStep1) return;
      // The provider answers a step 1 with a step 2 (sent right after this handler): the next write frame.
      const frame = ++this.framesSent;
      this.pending = this.pending.map((carrier) => carrier ?? frame);
    };
    provider.messageHandlers[MESSAGE.stored] = (_encoder, decoder) => {
      const through = decoding.readVarUint(decoder);
      this.pending = this.pending.filter((carrier) => carrier === null || carrier > through);
      this.publish();
    };
  }

  /** How many of this tab's changes the server has not confirmed as stored. */
  get count(): ReadStore<number> {
    return this.store;
  }

  private publish(): void {
    this.store.set(this.pending.length);
  }

  destroy(): void {
    for (const cleanup of this.cleanups) cleanup();
  }
}
