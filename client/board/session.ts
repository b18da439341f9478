import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { roomName } from '../../shared/protocol';
import type { DocKind } from '../../shared/roles';
import { createStore, type Store } from '../lib/store';
import { createLaneIndex } from './laneIndex';
import { createNoteSnapshots } from './noteSnapshots';
import { createPresenceStore } from './presence';
import { createSettingsStore } from './settingsStore';

/** `closed`: the server ended the connection for good (a 44xx close); the board is read-only until reload. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

/** Something the server told us that the person must see. */
export type SessionNotice =
  | { kind: 'closed'; code: number; reason: string }
  | { kind: 'permissionDenied'; doc: DocKind; reason: string };

/**
 * One open board: its two documents, their providers and the stores the views read. Created once per
 * board page; `destroy()` disconnects everything.
 */
export class BoardSession {
  readonly boardDoc = new Y.Doc();
  readonly settingsDoc = new Y.Doc();
  readonly boardProvider: WebsocketProvider;
  readonly settingsProvider: WebsocketProvider;
  readonly connection: Store<ConnectionState> = createStore<ConnectionState>('connecting');
  /** Both documents have synced with the server at least once: the board can be shown (stays true). */
  readonly loaded: Store<boolean> = createStore(false);
  readonly notice: Store<SessionNotice | null> = createStore<SessionNotice | null>(null);
  /**
   * Changes made here while disconnected that the server has not received yet. Until offline storage lands,
   * they live only in this tab: closing it would lose them, so the page asks first.
   */
  readonly unsentChanges: Store<boolean> = createStore(false);
  readonly laneIndex;
  readonly settings;
  readonly presence;
  readonly noteSnapshots;
  private everConnected = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly boardId: string,
    readonly token: string,
  ) {
    const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws`;
    // disableBc: a tab must never hold data the server has not seen (PROTOCOL-NOTES).
    const options = { params: { token }, disableBc: true };
    this.boardProvider = new WebsocketProvider(url, roomName(boardId, 'board'), this.boardDoc, options);
    this.settingsProvider = new WebsocketProvider(url, roomName(boardId, 'settings'), this.settingsDoc, options);
    this.watch(this.boardProvider, 'board');
    this.watch(this.settingsProvider, 'settings');
    this.laneIndex = createLaneIndex(this.boardDoc, this.settingsDoc);
    this.settings = createSettingsStore(this.settingsDoc);
    this.presence = createPresenceStore(this.boardProvider.awareness);
    this.noteSnapshots = createNoteSnapshots(this.boardDoc);
    this.cleanups.push(
      () => this.laneIndex.destroy(),
      () => this.settings.destroy(),
      () => this.presence.destroy(),
      () => this.noteSnapshots.destroy(),
    );
    const updateOnline = () => this.refreshConnection();
    window.addEventListener('online', updateOnline);
    window.addEventListener('offline', updateOnline);
    this.cleanups.push(() => {
      window.removeEventListener('online', updateOnline);
      window.removeEventListener('offline', updateOnline);
    });
  }

  get awareness() {
    return this.boardProvider.awareness;
  }

  private watch(provider: WebsocketProvider, doc: DocKind) {
    provider.on('status', () => this.refreshConnection());
    provider.on('sync', () => {
      if (!this.boardProvider.synced || !this.settingsProvider.synced) return;
      this.loaded.set(true);
      // On (re)connect the provider answers the server's step 1 with everything it holds.
      this.unsentChanges.set(false);
    });
    provider.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider && !provider.wsconnected) this.unsentChanges.set(true);
    });
    provider.on('closed', ({ code, reason }) => {
      console.warn(`board ${this.boardId} (${doc}): the server closed the connection for good: ${code} ${reason}`);
      // One document closed for good: close the other too, so the board is not half-live.
      this.boardProvider.disconnect();
      this.settingsProvider.disconnect();
      this.connection.set('closed');
      this.notice.set({ kind: 'closed', code, reason });
    });
    // The stock client only logs a permission-denied message; show it to the person instead.
    provider.messageHandlers[2] = (_encoder, decoder) => {
      decoding.readVarUint(decoder);
      const reason = decoding.readVarString(decoder);
      this.notice.set({ kind: 'permissionDenied', doc, reason });
    };
  }

  private refreshConnection() {
    if (this.connection.get() === 'closed') return;
    const connected = this.boardProvider.wsconnected && this.settingsProvider.wsconnected;
    if (connected) this.everConnected = true;
    if (!navigator.onLine && !connected) this.connection.set('offline');
    else if (connected) this.connection.set('connected');
    else this.connection.set(this.everConnected ? 'reconnecting' : 'connecting');
  }

  destroy() {
    for (const cleanup of this.cleanups) cleanup();
    this.boardProvider.destroy();
    this.settingsProvider.destroy();
    this.boardDoc.destroy();
    this.settingsDoc.destroy();
  }
}
