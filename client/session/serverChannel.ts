import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MAX_UPDATE_PIECE_BYTES } from '../../shared/limits';
import { MESSAGE } from '../../shared/protocol';
import { splitUpdate } from '../../shared/splitUpdate';
import { applyReceivedUpdate } from './applyReceived';
import { PREFETCH_ORIGIN } from './boardPrefetch';

type LocalChangeListener = (origin: unknown, frame: number | null) => void;

/**
 * Our extensions of the stock provider, in one place (no other module patches its handlers): how this tab's
 * changes leave for the server, the server's resync, permission denied, and our own message types.
 * - Every write frame (sync step 2 or update) stays under the frame limit: a change, or what a step 2 carries
 *   after a long offline period, is split into updates that each integrate on their own (shared/splitUpdate.ts).
 *   A split step 2 goes as updates followed by a step 2 with the last piece, so the server knows where it ends.
 * - Write frames are numbered as the server numbers them (from 1 per connection), so "stored up to N"
 *   (MESSAGE.stored) can be matched to changes (pendingChanges.ts).
 * Our client disables the provider's BroadcastChannel (tabs share only through the server), so nothing is sent
 * there. No DOM here: the server tests drive it with a Node provider.
 */
export class ServerChannel {
  private framesSent = 0;
  private readonly localListeners: LocalChangeListener[] = [];
  private readonly step2Listeners: Array<(lastFrame: number) => void> = [];
  private readonly resyncListeners: Array<() => void> = [];
  private readonly deniedListeners: Array<(reason: string) => void> = [];
  private readonly storedListeners: Array<(through: number) => void> = [];

  constructor(private readonly provider: WebsocketProvider) {
    provider.on('status', ({ status }) => {
      if (status === 'connected') this.framesSent = 0; // a new socket: the server numbers from 1 again
    });
    // The provider's own sender would put a change in one frame, however big: ours replaces it (the provider
    // removes whatever `_updateHandler` holds when it is destroyed).
    provider.doc.off('update', provider._updateHandler);
    provider._updateHandler = (update: Uint8Array, origin: unknown) => this.sendChange(update, origin);
    provider.doc.on('update', provider._updateHandler);

    provider.messageHandlers[MESSAGE.sync] = (_encoder, decoder, messageProvider, emitSynced) => {
      const subType = decoding.readVarUint(decoder);
      if (subType === syncProtocol.messageYjsSyncStep2 || subType === MESSAGE_UPDATE) {
        // As the stock handler does, but without encoding the received update again for the listeners.
        try {
          applyReceivedUpdate(provider.doc, decoding.readVarUint8Array(decoder), messageProvider);
        } catch (error) {
          console.error('Caught error while handling a Yjs update', error);
        }
        if (emitSynced && subType === syncProtocol.messageYjsSyncStep2 && !messageProvider.synced) {
          messageProvider.synced = true;
        }
        return;
      }
      if (subType !== syncProtocol.messageYjsSyncStep1) throw new Error(`unknown sync message ${subType}`);
      // After the first sync, the server's step 1 is a resync: it asks for what it lacks, such as a change it
      // refused for a reason that passed; our step 2 brings it.
      if (messageProvider.synced) for (const listener of this.resyncListeners) listener();
      this.answerStep1(decoding.readVarUint8Array(decoder));
    };
    provider.messageHandlers[MESSAGE.stored] = (_encoder, decoder) => {
      const through = decoding.readVarUint(decoder);
      for (const listener of this.storedListeners) listener(through);
    };
  }

  /** The server refused a write, with its reason (`<code>: <explanation>`, docs/api.md). */
  onPermissionDenied(listener: (reason: string) => void): void {
    this.deniedListeners.push(listener);
    if (this.deniedListeners.length > 1) return;
    // The stock client only logs a permission-denied message (auth, sub-type 0); we show it to the person.
    this.provider.messageHandlers[MESSAGE.auth] = (_encoder, decoder) => {
      decoding.readVarUint(decoder);
      const reason = decoding.readVarString(decoder);
      for (const each of this.deniedListeners) each(reason);
    };
  }

  /** One of our own server → client message types (MESSAGE.voting, MESSAGE.scoring): `read` decodes the rest. */
  onOwnMessage(type: typeof MESSAGE.voting | typeof MESSAGE.scoring, read: (decoder: decoding.Decoder) => void): void {
    this.provider.messageHandlers[type] = (_encoder, decoder) => read(decoder);
  }

  /** A change of this tab's document was sent (`frame`: the last frame carrying it) or not (null: offline). */
  onLocalChange(listener: LocalChangeListener): void {
    this.localListeners.push(listener);
  }

  /** A step 2 answering the server's step 1 was sent; it carries everything this tab has. */
  onStep2(listener: (lastFrame: number) => void): void {
    this.step2Listeners.push(listener);
  }

  /** The server asked again for what it lacks (a step 1 after the first sync); our step 2 follows at once. */
  onResyncRequested(listener: () => void): void {
    this.resyncListeners.push(listener);
  }

  /** The server confirmed this connection's write frames stored up to `through`. */
  onStored(listener: (through: number) => void): void {
    this.storedListeners.push(listener);
  }

  private sendChange(update: Uint8Array, origin: unknown): void {
    if (origin === this.provider || origin === PREFETCH_ORIGIN) return; // it came from the server
    let frame: number | null = null;
    if (this.open()) {
      for (const piece of splitUpdate(update, MAX_UPDATE_PIECE_BYTES)) frame = this.send(MESSAGE_UPDATE, piece);
    }
    for (const listener of this.localListeners) listener(origin, frame);
  }

  private answerStep1(stateVector: Uint8Array): void {
    if (!this.open()) return;
    const pieces = splitUpdate(Y.encodeStateAsUpdate(this.provider.doc, stateVector), MAX_UPDATE_PIECE_BYTES);
    let frame = 0;
    pieces.forEach((piece, index) => {
      frame = this.send(index === pieces.length - 1 ? syncProtocol.messageYjsSyncStep2 : MESSAGE_UPDATE, piece);
    });
    for (const listener of this.step2Listeners) listener(frame);
  }

  private open(): boolean {
    const { ws } = this.provider;
    return this.provider.wsconnected && ws !== null && ws.readyState === ws.OPEN;
  }

  /** Sends one write frame; returns its number. */
  private send(subType: number, update: Uint8Array): number {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.sync);
    encoding.writeVarUint(encoder, subType);
    encoding.writeVarUint8Array(encoder, update);
    this.provider.ws!.send(encoding.toUint8Array(encoder));
    return ++this.framesSent;
  }
}

const MESSAGE_UPDATE = syncProtocol.messageYjsUpdate;

const installed = new WeakMap<WebsocketProvider, ServerChannel>();

/** The provider's channel, installed once (its handlers are replaced once, whoever asks first). */
export function serverChannelOf(provider: WebsocketProvider): ServerChannel {
  let channel = installed.get(provider);
  if (!channel) {
    channel = new ServerChannel(provider);
    installed.set(provider, channel);
  }
  return channel;
}
