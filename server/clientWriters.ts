import type Database from 'better-sqlite3';
import type { DocKind } from '../shared/roles.js';
import type { Access } from './auth.js';
import type { PeopleStore, WriteGuard } from './people.js';

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
  /** The writers bound to the client ids of one document. */
  load(boardId: string, doc: DocKind): Map<number, string>;
  bind(boardId: string, doc: DocKind, client: number, writer: string): void;
  /** False once the writer can no longer write this board (a removed person). */
  canStillWrite(boardId: string, writer: string): boolean;
}

/** The writer an access writes as. */
export function writerOf(access: Access): string {
  return access.person ? `person:${access.person.id}` : `link:${access.credential.kind === 'link' ? access.role : ''}`;
}

export function openClientWriters(
  db: Database.Database,
  people: Pick<PeopleStore, 'get'>,
  guardWrite: WriteGuard = (run) => run(),
): ClientWriters {
  const select = db.prepare<[string, string], { client_id: number; writer: string }>(
    'SELECT client_id, writer FROM client_writers WHERE board_id = ? AND doc = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO client_writers (board_id, doc, client_id, writer) VALUES (?, ?, ?, ?)
     ON CONFLICT (board_id, doc, client_id) DO UPDATE SET writer = excluded.writer`,
  );
  return {
    load: (boardId, doc) => new Map(select.all(boardId, doc).map((row) => [row.client_id, row.writer])),
    bind: (boardId, doc, client, writer) => {
      guardWrite(() => upsert.run(boardId, doc, client, writer));
    },
    canStillWrite: (boardId, writer) =>
      !writer.startsWith('person:') || people.get(boardId, writer.slice('person:'.length)) !== null,
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
      try {
        this.store.bind(this.boardId, this.doc, client, writer);
      } catch (error) {
        this.onStoreError(error);
      }
    }
    return null;
  }
}
