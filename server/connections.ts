import type { Role } from '../shared/roles.js';
import type { Access, OwnCredential } from './auth.js';

/** What the registry needs of an open websocket connection. */
export interface RegisteredConnection {
  readonly access: Access;
  readonly doc: 'board' | 'settings';
  close(code: number, reason: string): void;
  /** Sends a frame to this connection alone (e.g. its person's own voting state). */
  send(frame: Uint8Array): void;
  /** It handles our own message types (it named our app version); other Yjs clients are sent none. */
  readonly ourClient: boolean;
}

export interface ConnectedPerson {
  personId: string;
  name: string;
  role: Role;
  kind: 'member' | 'guest';
  /** Open connections (a tab holds two: the board and the settings document). */
  connections: number;
}

export interface ConnectionSummary {
  /** Open tabs per role (a tab counts once, by its board-document connection). */
  byRole: Record<Role, number>;
  people: ConnectedPerson[];
}

/**
 * The open websocket connections per board, by the access they were opened with: a replaced link or a removed
 * person closes exactly the connections that used it, and the facilitator sees who is connected.
 */
export class ConnectionRegistry {
  private readonly byBoard = new Map<string, Set<RegisteredConnection>>();
  private readonly addedListeners: Array<(boardId: string, connection: RegisteredConnection) => void> = [];

  add(boardId: string, connection: RegisteredConnection): void {
    let set = this.byBoard.get(boardId);
    if (!set) {
      set = new Set();
      this.byBoard.set(boardId, set);
    }
    set.add(connection);
    for (const listener of this.addedListeners) listener(boardId, connection);
  }

  /** Called for each connection added (before its greeting is sent): e.g. to tell it its own private state. */
  onAdded(listener: (boardId: string, connection: RegisteredConnection) => void): void {
    this.addedListeners.push(listener);
  }

  remove(boardId: string, connection: RegisteredConnection): void {
    const set = this.byBoard.get(boardId);
    if (!set) return;
    set.delete(connection);
    if (set.size === 0) this.byBoard.delete(boardId);
  }

  of(boardId: string): RegisteredConnection[] {
    return [...(this.byBoard.get(boardId) ?? [])];
  }

  /**
   * Closes the connections opened with a credential of `boardId` that `pick` picks: on the board itself, and on
   * the earlier boards of its plan that its links read (server/auth.ts, `laterBoard`). Returns how many.
   */
  closeByCredential(boardId: string, pick: (credential: OwnCredential) => boolean, code: number, reason: string) {
    const picked: RegisteredConnection[] = [];
    for (const [board, connections] of this.byBoard) {
      for (const connection of connections) {
        const { credential } = connection.access;
        const own =
          credential.kind === 'laterBoard' ? (credential.boardId === boardId ? credential.via : null) : credential;
        if (own && (credential.kind === 'laterBoard' || board === boardId) && pick(own)) picked.push(connection);
      }
    }
    for (const connection of picked) connection.close(code, reason);
    return picked.length;
  }

  /** Closes the connections to earlier boards opened with any link of `boardId` (it was deleted). */
  closeReadersThrough(boardId: string, code: number, reason: string): number {
    const picked = [...this.byBoard.values()].flatMap((connections) =>
      [...connections].filter(
        ({ access: { credential } }) => credential.kind === 'laterBoard' && credential.boardId === boardId,
      ),
    );
    for (const connection of picked) connection.close(code, reason);
    return picked.length;
  }

  /** `currentName`: the person's name now (a rename after connecting shows at once). */
  summary(boardId: string, currentName: (personId: string) => string | null = () => null): ConnectionSummary {
    const byRole: Record<Role, number> = { facilitator: 0, participant: 0, viewer: 0 };
    const people = new Map<string, ConnectedPerson>();
    for (const connection of this.of(boardId)) {
      const { access } = connection;
      if (connection.doc === 'board') byRole[access.role]++;
      if (!access.person) continue;
      const known = people.get(access.person.id);
      if (known) known.connections++;
      else
        people.set(access.person.id, {
          personId: access.person.id,
          name: currentName(access.person.id) ?? access.person.name,
          role: access.role,
          kind: access.person.kind,
          connections: 1,
        });
    }
    return { byRole, people: [...people.values()].sort((a, b) => a.name.localeCompare(b.name, 'ja')) };
  }
}
