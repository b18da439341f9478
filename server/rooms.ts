import { roomName } from '../shared/protocol.js';
import type { DocKind } from '../shared/roles.js';
import { Room, type RoomsOptions } from './room.js';

export type { Peer } from './peer.js';
export type { RoomsOptions } from './room.js';
export { Room } from './room.js';
export type { SubmitResult } from './roomCommits.js';

export type JoinResult = { kind: 'room'; room: Room } | { kind: 'too-new' };

/** Which process serves a board, when several share one PostgreSQL (cluster/leases.ts). */
export interface BoardOwnership {
  acquire(boardId: string): Promise<{ kind: 'mine' } | { kind: 'elsewhere'; address: string }>;
  release(boardId: string): Promise<void>;
}

/** Another server process owns the board: the request or connection belongs there (the proxy sends it there). */
export class BoardOwnedElsewhereError extends Error {
  constructor(
    readonly boardId: string,
    readonly address: string,
  ) {
    super(`board ${boardId} is served by another server process (${address})`);
    this.name = 'BoardOwnedElsewhereError';
  }
}

/** Called once a room loaded, before anyone joins it: e.g. to bring server-applied state up to date. */
export type RoomLoadedListener = (room: Room) => void;

/** The loaded rooms, one per (board, document). */
export class Rooms {
  private readonly loaded = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<JoinResult>>();
  private readonly loadedListeners: RoomLoadedListener[] = [];
  /** Compactions of unloaded rooms still being written: a new load of the document waits for its own. */
  private readonly unloading = new Map<string, Promise<unknown>>();
  /** Rooms loaded (and so migrated and stored as current) since this server started. */
  private readonly everLoaded = new Set<string>();

  constructor(
    private readonly options: RoomsOptions,
    /** Several processes: a room loads only where the board's lease is held. */
    private readonly ownership: BoardOwnership | null = null,
  ) {
    options.store.onWritable?.(() => {
      for (const room of this.loaded.values()) room.writable();
    });
  }

  /** Tells the loaded rooms of a board that it was archived or unarchived. */
  setArchived(boardId: string, archived: boolean): void {
    for (const kind of ['board', 'settings'] as const) this.get(boardId, kind)?.setArchived(archived);
  }

  /** The write policy may allow more on this board now (e.g. it was unlocked): refused writers are asked again. */
  writePolicyChanged(boardId: string): void {
    for (const kind of ['board', 'settings'] as const) this.get(boardId, kind)?.askRefusedWritersAgain();
  }

  /** Closes the connections of a deleted board (4404) and frees its rooms without writing. */
  deleteBoard(boardId: string): void {
    for (const kind of ['board', 'settings'] as const) this.get(boardId, kind)?.closeDeleted();
  }

  onLoaded(listener: RoomLoadedListener): void {
    this.loadedListeners.push(listener);
  }

  /** The loaded room, loading it first; concurrent joins wait for the same load. */
  join(boardId: string, kind: DocKind): Promise<JoinResult> {
    const key = roomName(boardId, kind);
    const room = this.loaded.get(key);
    if (room) return Promise.resolve({ kind: 'room', room });
    let pending = this.loading.get(key);
    if (!pending) {
      pending = (async (): Promise<JoinResult> => {
        // The last unload's compaction first: the new room then reads the snapshot it wrote.
        await this.unloading.get(key);
        const owner = await this.ownership?.acquire(boardId);
        if (owner?.kind === 'elsewhere') throw new BoardOwnedElsewhereError(boardId, owner.address);
        const fresh = new Room(boardId, kind, this.options, (gone, compacted) => {
          if (this.loaded.get(key) === gone) this.loaded.delete(key);
          const settled = (compacted ?? Promise.resolve()).catch(() => {});
          this.unloading.set(key, settled);
          void settled.then(() => {
            if (this.unloading.get(key) === settled) this.unloading.delete(key);
            this.releaseWhenUnused(boardId);
          });
        });
        if ((await fresh.load()) === 'too-new') {
          fresh.discard();
          return { kind: 'too-new' };
        }
        this.loaded.set(key, fresh);
        this.everLoaded.add(key);
        for (const listener of this.loadedListeners) listener(fresh);
        return { kind: 'room', room: fresh };
      })();
      pending
        .finally(() => {
          this.loading.delete(key);
          // A load that failed or found the document too new leaves nothing loaded: the lease goes back.
          if (!this.loaded.has(key)) this.releaseWhenUnused(boardId);
        })
        .catch(() => {});
      this.loading.set(key, pending);
    }
    return pending;
  }

  /**
   * Whether this server loaded the document since it started: its stored state has then been migrated to this
   * version's schema (a migration is stored at once) and is not from a newer version.
   */
  loadedSinceStart(boardId: string, kind: DocKind): boolean {
    return this.everLoaded.has(roomName(boardId, kind));
  }

  /** Neither document of the board is loaded, loading or being compacted: its lease goes back. */
  private releaseWhenUnused(boardId: string): void {
    if (!this.ownership) return;
    const inUse = (['board', 'settings'] as const).some((kind) => {
      const key = roomName(boardId, kind);
      return this.loaded.has(key) || this.loading.has(key) || this.unloading.has(key);
    });
    if (!inUse) void this.ownership.release(boardId);
  }

  /**
   * This process lost the board's lease (another took it over): its connections close with "try again", and the
   * rooms are freed without writing (a write would be refused by the fence anyway). Clients reconnect to the owner.
   */
  handOver(boardId: string): void {
    for (const kind of ['board', 'settings'] as const) this.get(boardId, kind)?.closeForHandover();
  }

  get(boardId: string, kind: DocKind): Room | undefined {
    return this.loaded.get(roomName(boardId, kind));
  }

  get size(): number {
    return this.loaded.size;
  }

  /**
   * For shutdown: the caller flushed storage and let commits apply; compacts and frees every room, and resolves
   * once every compaction (these and earlier unloads') is written.
   */
  async unloadAll(): Promise<void> {
    await Promise.all([...this.loaded.values()].map((room) => room.unload()));
    await Promise.all([...this.unloading.values()]);
  }
}
