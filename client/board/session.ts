import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readWriteRefusalCode, roomName, WRITE_REFUSAL, type WriteRefusalCode } from '../../shared/protocol';
import type { DocKind } from '../../shared/roles';
import type { Me } from '../lib/api';
import { createStore, type Store } from '../lib/store';
import { createClusterSnapshots } from './clusterIndex';
import { createLaneIndex } from './laneIndex';
import { createNoteSnapshots } from './noteSnapshots';
import { createPresenceStore } from './presence';
import { createSettingsStore } from './settingsStore';

/** How long after an unlock the change the lock refused counts as saved (see the lock's notice below). */
const RESYNC_SETTLE_MS = 3000;

/** `closed`: the server ended the connection for good (a 44xx close); the board is read-only until reload. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

/** Something the server told us that the person must see. */
export type SessionNotice =
  | { kind: 'closed'; code: number; reason: string }
  | { kind: 'permissionDenied'; doc: DocKind; reason: string; code: WriteRefusalCode | null };

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
  /** Archived by the facilitator: read-only for everyone (from /me, then from the server's refusals). */
  readonly archived: Store<boolean>;
  /**
   * Changes made here while disconnected that the server has not received yet. Until offline storage lands,
   * they live only in this tab: closing it would lose them, so the page asks first.
   */
  readonly unsentChanges: Store<boolean> = createStore(false);
  readonly laneIndex;
  /** Shown clusters per pillar and their notes (computed with the lane index). */
  readonly clusterIndex;
  readonly clusterSnapshots;
  readonly settings;
  readonly presence;
  readonly noteSnapshots;
  private everConnected = false;
  /** Permission-denied messages received: a refusal after a resync started means the change is still here. */
  private refusals = 0;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly boardId: string,
    readonly token: string,
    readonly me: Me,
  ) {
    this.archived = createStore(me.archived ?? false);
    const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws`;
    // disableBc: a tab must never hold data the server has not seen (PROTOCOL-NOTES).
    const options = { params: { token }, disableBc: true };
    this.boardProvider = new WebsocketProvider(url, roomName(boardId, 'board'), this.boardDoc, options);
    this.settingsProvider = new WebsocketProvider(url, roomName(boardId, 'settings'), this.settingsDoc, options);
    this.watch(this.boardProvider, 'board');
    this.watch(this.settingsProvider, 'settings');
    this.laneIndex = createLaneIndex(this.boardDoc, this.settingsDoc);
    this.clusterIndex = this.laneIndex.clusters;
    this.clusterSnapshots = createClusterSnapshots(this.boardDoc);
    this.settings = createSettingsStore(this.settingsDoc);
    this.presence = createPresenceStore(this.boardProvider.awareness);
    this.noteSnapshots = createNoteSnapshots(this.boardDoc);
    // Archived and unarchived live: every tab turns read-only, and writable again, as the settings document says.
    this.cleanups.push(
      this.settings.subscribe(() => {
        if (!this.settingsProvider.synced) return;
        const archived = this.settings.get().archivedAt !== null;
        this.archived.set(archived);
        const notice = this.notice.get();
        if (!archived && notice?.kind === 'permissionDenied' && notice.code === WRITE_REFUSAL.archived) {
          this.notice.set(null);
        }
      }),
    );
    // A change refused because of the lock is saved when the lock is lifted (the server resyncs): the
    // notice saying it is not saved yet no longer holds then.
    this.cleanups.push(
      this.settings.subscribe(() => {
        const notice = this.notice.get();
        const lockedNotice = notice?.kind === 'permissionDenied' && notice.code === WRITE_REFUSAL.locked;
        if (lockedNotice && this.settings.get().lock === null) {
          this.notice.set(null);
          this.settleUnsentChanges();
        }
      }),
    );
    this.cleanups.push(
      () => this.laneIndex.destroy(),
      () => this.settings.destroy(),
      () => this.presence.destroy(),
      () => this.noteSnapshots.destroy(),
      () => this.clusterSnapshots.destroy(),
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
    // A sync step 1 from the server after the first sync is a resync: it asks for everything it lacks, such as
    // a change it refused for a full disk, which the stock client then sends in its step 2.
    const handleSync = provider.messageHandlers[0]!;
    provider.messageHandlers[0] = (encoder, decoder, messageProvider, emitSynced, messageType) => {
      const step = decoding.peekVarUint(decoder);
      if (step === 0 && messageProvider.synced) this.resyncRequested();
      handleSync(encoder, decoder, messageProvider, emitSynced, messageType);
    };
    // The stock client only logs a permission-denied message; show it to the person instead.
    provider.messageHandlers[2] = (_encoder, decoder) => {
      decoding.readVarUint(decoder);
      const reason = decoding.readVarString(decoder);
      const code = readWriteRefusalCode(reason);
      this.refusals++;
      if (code === WRITE_REFUSAL.archived) this.archived.set(true);
      // Refused for the lock, a full disk or a full board: the change lives only in this tab until the server asks for it
      // again, so the page asks before the tab is closed.
      if (code === WRITE_REFUSAL.locked || code === WRITE_REFUSAL.storageFull || code === WRITE_REFUSAL.boardFull) {
        this.unsentChanges.set(true);
      }
      this.notice.set({ kind: 'permissionDenied', doc, reason, code });
    };
  }

  /**
   * The server asked for what it lacks again (its resync step 1), e.g. once a full disk has room: the change it
   * refused is on its way in our step 2, so the refusal's notice no longer holds, unless it is refused again.
   */
  private resyncRequested() {
    const notice = this.notice.get();
    if (notice?.kind !== 'permissionDenied') return;
    if (notice.code !== WRITE_REFUSAL.storageFull && notice.code !== WRITE_REFUSAL.boardFull) return;
    this.settleUnsentChanges(() => {
      if (this.notice.get() === notice) this.notice.set(null);
    });
  }

  /**
   * A refused change is being sent again. The protocol has no acknowledgement (issue 7 adds the server's
   * confirmation): that is a round trip and a commit, so the tab counts as holding the change a while longer,
   * rather than saying too early that it may be closed.
   */
  private settleUnsentChanges(then: () => void = () => {}) {
    const refusalsBefore = this.refusals;
    const settle = window.setTimeout(() => {
      // Refused again meanwhile, or offline: the change still lives only here.
      if (this.refusals !== refusalsBefore || !this.boardProvider.wsconnected) return;
      this.unsentChanges.set(false);
      then();
    }, RESYNC_SETTLE_MS);
    this.cleanups.push(() => window.clearTimeout(settle));
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
