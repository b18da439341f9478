import type * as Y from 'yjs';
import type { Log } from './log.js';
import { BoardOwnedElsewhereError, type Rooms } from './rooms.js';

/** One piece of server-applied state: what the server holds, what the settings document shows, how to write it. */
export interface MirroredState<T> {
  name: string;
  wanted(boardId: string): T | Promise<T>;
  shown(settings: Y.Doc): T;
  write(settings: Y.Doc, value: T): void;
}

/**
 * Writes server-applied state (the lock, the archive) into the settings document's `server` map whenever it
 * changes and whenever a settings room loads, so the document catches up after a crash or a failed write. One
 * write at a time per board (two concurrent writes of one key could end in the older one), each on the room as
 * loaded at that moment.
 */
export class ServerStateMirror {
  private readonly states: MirroredState<unknown>[] = [];
  private readonly queues = new Map<string, Promise<void>>();

  /** Several processes: the board is served by another one, which is told to show the state (cluster/bus.ts). */
  private elsewhere: ((boardId: string) => Promise<void>) | null = null;

  constructor(
    private readonly rooms: Rooms,
    private readonly log: Log,
  ) {
    rooms.onLoaded((room) => {
      if (room.kind === 'settings') this.mirror(room.boardId).catch(() => {});
    });
  }

  whenServedElsewhere(tell: (boardId: string) => Promise<void>): void {
    this.elsewhere = tell;
  }

  add<T>(state: MirroredState<T>): void {
    this.states.push(state as MirroredState<unknown>);
  }

  /** Resolves once the settings document shows the server's state; rejects when it could not be written. */
  mirror(boardId: string): Promise<void> {
    const previous = this.queues.get(boardId) ?? Promise.resolve();
    const next = previous
      .catch(() => {})
      .then(async () => {
        let joined: Awaited<ReturnType<Rooms['join']>>;
        try {
          joined = await this.rooms.join(boardId, 'settings');
        } catch (error) {
          if (!(error instanceof BoardOwnedElsewhereError) || !this.elsewhere) throw error;
          return this.elsewhere(boardId);
        }
        if (joined.kind !== 'room') throw new Error('the settings document is newer than this server');
        const { room } = joined;
        const wanted = await Promise.all(
          this.states.map(async (state) => ({ state, value: await state.wanted(boardId) })),
        );
        const stale = wanted.filter(
          ({ state, value }) => JSON.stringify(state.shown(room.doc)) !== JSON.stringify(value),
        );
        if (stale.length === 0) return;
        await room.applyServerChange((doc) => {
          for (const { state, value } of stale) state.write(doc, value);
        });
      });
    this.queues.set(boardId, next);
    next
      .finally(() => {
        if (this.queues.get(boardId) === next) this.queues.delete(boardId);
      })
      .catch((error: unknown) =>
        this.log(`board ${boardId}: could not show the server's state in the settings document: ${String(error)}`),
      );
    return next;
  }
}
