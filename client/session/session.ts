import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { settingsRoots } from '../../shared/docs';
import {
  APP_PROTOCOL_VERSION,
  readWriteRefusalCode,
  roomName,
  WRITE_REFUSAL,
  type WriteRefusalCode,
} from '../../shared/protocol';
import type { DocKind } from '../../shared/roles';
import type { Me } from '../lib/api';
import { readLocal, writeLocal } from '../lib/localStore';
import { createStore, type Store } from '../lib/store';
import { createClusterSnapshots } from './clusterIndex';
import { type BoardHistory, createBoardHistory } from './history';
import { createLaneIndex } from './laneIndex';
import { createNoteSnapshots } from './noteSnapshots';
import { type BoardDocs, type OfflineCopy, openBoardDocs, pendingCountKey } from './offlineCopy';
import { PendingChanges } from './pendingChanges';
import { createPresenceStore } from './presence';
import { serverChannelOf } from './serverChannel';
import { createSettingsStore } from './settingsStore';
import {
  createRoundsStore,
  createScoringChannel,
  createScoringRoundsStore,
  createVotingChannel,
} from './votingChannel';

/** Refusals whose notice stays until the server confirms the change it asked for again is stored. */
const NOTICE_UNTIL_STORED: ReadonlySet<string> = new Set([
  WRITE_REFUSAL.storageFull,
  WRITE_REFUSAL.storageUnavailable,
  WRITE_REFUSAL.boardFull,
]);

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
  readonly boardDoc: Y.Doc;
  readonly settingsDoc: Y.Doc;
  readonly boardProvider: WebsocketProvider;
  readonly settingsProvider: WebsocketProvider;
  readonly connection: Store<ConnectionState> = createStore<ConnectionState>('connecting');
  /**
   * The documents hold the board, so it can be shown (stays true): both synced with the server once, or before
   * that the copy this device kept, or the board's committed state fetched over HTTP on a first visit.
   */
  readonly loaded: Store<boolean> = createStore(false);
  /** The providers were asked to connect once (`connectFirst`); they reconnect by themselves after. */
  private connectStarted = false;
  readonly notice: Store<SessionNotice | null> = createStore<SessionNotice | null>(null);
  /** Archived by the facilitator: read-only for everyone (from /me, then from the server's refusals). */
  readonly archived: Store<boolean>;
  /**
   * This tab's changes the server has not confirmed as stored (made offline, refused for now, or on their
   * way), per document; `unsentChanges` is true while there is any.
   */
  readonly pending: Record<DocKind, PendingChanges>;
  readonly unsentChanges: Store<boolean> = createStore(false);
  /** This device's copy of the board (IndexedDB): what makes it open and work offline. */
  readonly offlineCopy: OfflineCopy;
  readonly laneIndex;
  /** Shown clusters per pillar and their notes (computed with the lane index). */
  readonly clusterIndex;
  readonly clusterSnapshots;
  readonly settings;
  readonly presence;
  readonly noteSnapshots;
  /** Undo and redo of this person's own board changes. */
  readonly history: BoardHistory;
  /** Voting: the public rounds, and this person's own ballot told by the server alone (client/voting/). */
  readonly votingRounds;
  readonly ownVote;
  /** Sealed scoring: the public rounds, and this person's own scores told by the server alone (client/scoring/). */
  readonly scoringRounds;
  readonly ownScores;
  private everConnected = false;
  private destroyed = false;
  /** A refusal notice that holds until the change it refused is stored (after the server asked again). */
  private noticeUntilStored: SessionNotice | null = null;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly boardId: string,
    readonly token: string,
    readonly me: Me,
    // Opened early (earlyBoard.ts) while the server was asked who this link is; otherwise now.
    docs: BoardDocs = openBoardDocs(boardId),
  ) {
    this.boardDoc = docs.boardDoc;
    this.settingsDoc = docs.settingsDoc;
    this.offlineCopy = docs.offlineCopy;
    this.archived = createStore(me.archived ?? false);
    const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws`;
    // disableBc: tabs share only through the server (and the offline copy), never a side channel.
    // `app`: our version, which also asks the server to confirm what it stored. Connected once the offline
    // copy kept on an earlier visit is in the documents, so what it holds goes in the first step 2 and the server
    // sends only what it lacks; on a first visit once the board fetched over HTTP is in (see below).
    const options = { params: { token, app: APP_PROTOCOL_VERSION }, disableBc: true, connect: false };
    this.boardProvider = new WebsocketProvider(url, roomName(boardId, 'board'), this.boardDoc, options);
    this.settingsProvider = new WebsocketProvider(url, roomName(boardId, 'settings'), this.settingsDoc, options);
    this.pending = {
      board: this.trackPending(this.boardProvider, 'board'),
      settings: this.trackPending(this.settingsProvider, 'settings'),
    };
    this.onPendingChanged(); // changes carried over from an earlier visit
    this.watch(this.boardProvider, 'board');
    this.watch(this.settingsProvider, 'settings');
    // Before connecting: the copy this device kept, else the board fetched over HTTP (boardPrefetch.ts). What they
    // put in the documents is shown at once, the server's changes arriving on top of it: a copy from an earlier
    // visit, or the board's committed state just fetched.
    void (this.offlineCopy.kept ? this.offlineCopy.ready : (docs.prefetched ?? Promise.resolve())).then(() => {
      if (this.destroyed) return;
      if (!this.loaded.get() && settingsRoots.pillars(this.settingsDoc).size > 0) this.loaded.set(true);
      this.connectFirst();
    });
    this.laneIndex = createLaneIndex(this.boardDoc, this.settingsDoc);
    this.clusterIndex = this.laneIndex.clusters;
    this.clusterSnapshots = createClusterSnapshots(this.boardDoc);
    this.settings = createSettingsStore(this.settingsDoc);
    this.presence = createPresenceStore(this.boardProvider, me.role);
    this.noteSnapshots = createNoteSnapshots(this.boardDoc);
    this.history = createBoardHistory(this.boardDoc);
    this.votingRounds = createRoundsStore(this.settingsDoc);
    this.ownVote = createVotingChannel(this.boardProvider);
    this.scoringRounds = createScoringRoundsStore(this.settingsDoc);
    this.ownScores = createScoringChannel(this.boardProvider);
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
        if (lockedNotice && this.settings.get().lock === null) this.notice.set(null);
      }),
    );
    this.cleanups.push(
      () => this.laneIndex.destroy(),
      () => this.settings.destroy(),
      () => this.presence.destroy(),
      () => this.noteSnapshots.destroy(),
      () => this.history.destroy(),
      () => this.pending.board.destroy(),
      () => this.pending.settings.destroy(),
      () => this.offlineCopy.destroy(),
      () => this.votingRounds.destroy(),
      () => this.scoringRounds.destroy(),
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

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  get awareness() {
    return this.boardProvider.awareness;
  }

  private watch(provider: WebsocketProvider, doc: DocKind) {
    provider.on('status', () => this.refreshConnection());
    provider.on('sync', () => {
      if (!this.boardProvider.synced || !this.settingsProvider.synced) return;
      if (performance.getEntriesByName('board-synced').length === 0) performance.mark('board-synced');
      this.loaded.set(true);
    });
    provider.on('closed', ({ code, reason }) => {
      console.warn(`board ${this.boardId} (${doc}): the server closed the connection for good: ${code} ${reason}`);
      // One document closed for good: close the other too, so the board is not half-live.
      this.boardProvider.disconnect();
      this.settingsProvider.disconnect();
      this.connection.set('closed');
      this.notice.set({ kind: 'closed', code, reason });
    });
    // A resync asks for everything the server lacks, such as a change it refused for a full disk.
    const channel = serverChannelOf(provider);
    channel.onResyncRequested(() => this.resyncRequested());
    // The stock client only logs a permission-denied message; show it to the person instead.
    channel.onPermissionDenied((reason) => {
      const code = readWriteRefusalCode(reason);
      if (code === WRITE_REFUSAL.archived) this.archived.set(true);
      // The refused change stays here, unconfirmed (see `pending`), until the server asks for it again.
      this.noticeUntilStored = null;
      this.notice.set({ kind: 'permissionDenied', doc, reason, code });
    });
  }

  /**
   * The server asked for what it lacks again (its resync step 1), e.g. once a full disk has room: the change it
   * refused is on its way in our step 2. The refusal's notice goes once the server confirms it stored
   * everything, unless it is refused again first.
   */
  private resyncRequested() {
    const notice = this.notice.get();
    if (notice?.kind !== 'permissionDenied') return;
    if (!notice.code || !NOTICE_UNTIL_STORED.has(notice.code)) return;
    this.noticeUntilStored = notice;
    this.onPendingChanged();
  }

  /** Counts one document's unconfirmed changes, carrying over those of an earlier visit (offline copy). */
  private trackPending(provider: WebsocketProvider, doc: DocKind): PendingChanges {
    const key = pendingCountKey(this.boardId, doc);
    const carried = Number.parseInt(readLocal(key) ?? '0', 10);
    const pending = new PendingChanges(
      provider,
      Number.isSafeInteger(carried) && carried > 0 ? carried : 0,
      this.offlineCopy.origins,
    );
    this.cleanups.push(
      pending.count.subscribe(() => {
        writeLocal(key, String(pending.count.get()));
        this.onPendingChanged();
      }),
    );
    return pending;
  }

  private onPendingChanged() {
    // Called while `pending` is being built: nothing to do yet.
    if (!this.pending?.board || !this.pending.settings) return;
    const total = this.pending.board.count.get() + this.pending.settings.count.get();
    this.unsentChanges.set(total > 0);
    if (total === 0 && this.noticeUntilStored !== null && this.notice.get() === this.noticeUntilStored) {
      this.notice.set(null);
      this.noticeUntilStored = null;
    }
  }

  private refreshConnection() {
    if (this.connection.get() === 'closed') return;
    const connected = this.boardProvider.wsconnected && this.settingsProvider.wsconnected;
    if (connected) this.everConnected = true;
    if (!navigator.onLine && !connected) this.connection.set('offline');
    else if (connected) this.connection.set('connected');
    else this.connection.set(this.everConnected ? 'reconnecting' : 'connecting');
  }

  /**
   * Connects both providers the first time (later connections are the providers' own reconnects), once what must
   * be in the documents first is in: their first step 1 then carries it, and the server sends only what it lacks.
   */
  private connectFirst(): void {
    if (this.destroyed || this.connectStarted) return;
    this.connectStarted = true;
    performance.mark('board-connect'); // the load path's steps, for the bench (docs/benchmarks.md)
    this.boardProvider.connect();
    this.settingsProvider.connect();
  }

  destroy() {
    this.destroyed = true;
    for (const cleanup of this.cleanups) cleanup();
    this.boardProvider.destroy();
    this.settingsProvider.destroy();
    this.boardDoc.destroy();
    this.settingsDoc.destroy();
  }
}
