import type { DocKind } from '../shared/roles.js';
import type { Access } from './auth.js';
import type { AsyncWriteGuard, SqlDatabase } from './sql/types.js';

/**
 * Yjs numbers each writer's changes by its client id and keeps the first change it sees at each (client, clock):
 * someone who wrote under another tab's client id, at the clocks that tab uses next, would make that tab's
 * next edits ignored by everyone (issue 15). So each client id of a board's document belongs to the first
 * writer that wrote it, and nobody else may write it.
 *
 * A writer is a person (a roster member's or a guest's personal token) or, where there is no person, the
 * shared link's role: everyone holding the same shared link is one writer. Every tab has its own client id;
 * a person's reconnects, offline edits replayed later and other devices are the same writer. A person
 * removed from the board (a revoked guest: the facilitator replaced the shared link) writes nothing any more,
 * so their client ids pass to the next writer: the same browser, under its new guest identity, replaying
 * edits it made before. Client ids no writer wrote since this rule exists (boards restored from a snapshot or
 * imported, changes older than the rule) belong to whoever writes them next.
 */
export interface ClientWriters {
  /** The writers bound to the client ids of one document (and which of those people were removed since). */
  load(boardId: string, doc: DocKind): Promise<Map<number, string>>;
  bind(boardId: string, doc: DocKind, client: number, writer: string): Promise<void>;
  /** False once the writer can no longer write this board (a removed person): from memory, asked on a write. */
  canStillWrite(boardId: string, writer: string): boolean;
  /** These people were removed from the board (PeopleStore's `onRevoked`). */
  revoked(boardId: string, personIds: readonly string[]): void;
}

/** The writer an access writes as. */
export function writerOf(access: Access): string {
  return access.person ? `person:${access.person.id}` : `link:${access.credential.kind === 'link' ? access.role : ''}`;
}

export function openClientWriters(db: SqlDatabase, guard: AsyncWriteGuard = (run) => run()): ClientWriters {
  /** Per board, the writers (`person:<id>`) removed: learnt at each load, and from every removal after. */
  const removed = new Map<string, Set<string>>();
  const removedOf = (boardId: string) => {
    const known = removed.get(boardId);
    if (known) return known;
    const fresh = new Set<string>();
    removed.set(boardId, fresh);
    return fresh;
  };
  return {
    async load(boardId, doc) {
      // With each person writer, whether that person is still on the board (a live row of `people`).
      const rows = await db.all<{ client_id: number; writer: string; live: number | null }>(
        `SELECT w.client_id, w.writer, p.created_at AS live FROM client_writers w
         LEFT JOIN people p ON p.board_id = w.board_id AND 'person:' || p.id = w.writer AND p.revoked_at IS NULL
         WHERE w.board_id = ? AND w.doc = ?`,
        [boardId, doc],
      );
      for (const row of rows) {
        if (row.writer.startsWith('person:') && row.live === null) removedOf(boardId).add(row.writer);
      }
      return new Map(rows.map((row) => [row.client_id, row.writer]));
    },
    async bind(boardId, doc, client, writer) {
      await guard(() =>
        db.run(
          `INSERT INTO client_writers (board_id, doc, client_id, writer) VALUES (?, ?, ?, ?)
           ON CONFLICT (board_id, doc, client_id) DO UPDATE SET writer = excluded.writer`,
          [boardId, doc, client, writer],
        ),
      );
    },
    canStillWrite: (boardId, writer) => !writer.startsWith('person:') || !removed.get(boardId)?.has(writer),
    revoked(boardId, personIds) {
      for (const id of personIds) removedOf(boardId).add(`person:${id}`);
    },
  };
}

/** The client ids one loaded document's writers own; a binding is stored before the change it came with. */
export class ClientOwners {
  constructor(
    private readonly owners: Map<number, string>,
    private readonly store: ClientWriters,
    private readonly boardId: string,
    private readonly doc: DocKind,
    /** A binding that could not be stored (a full disk) holds until the room unloads; the change is not lost for it. */
    private readonly onStoreError: (error: unknown) => void,
  ) {}

  /** The first of `clients` that belongs to another writer (nothing is bound then), or null once all are `writer`'s. */
  claim(clients: Iterable<number>, writer: string): number | null {
    const unbound: number[] = [];
    for (const client of clients) {
      const owner = this.owners.get(client);
      if (owner === writer) continue;
      if (owner !== undefined && this.store.canStillWrite(this.boardId, owner)) return client;
      unbound.push(client);
    }
    for (const client of unbound) {
      this.owners.set(client, writer);
      // Stored on its way before the change it came with is appended (a binding lost to a crash only lets the
      // next writer of that client id have it).
      this.store.bind(this.boardId, this.doc, client, writer).catch(this.onStoreError);
    }
    return null;
  }
}
