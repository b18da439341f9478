import type { Role } from '../shared/roles.js';
import type { Access } from './auth.js';
import type { ServerLimits } from './limits.js';

export type ConnectionQuotas = Pick<
  ServerLimits,
  | 'maxConnectionsPerBoard'
  | 'maxConnectionsPerAddress'
  | 'maxViewerConnectionsPerBoard'
  | 'facilitatorReservedConnections'
  | 'maxConnectionsPerToken'
>;

/** What the counter needs of an admitted connection, kept to release exactly what was counted. */
export interface CountedConnection {
  boardId: string;
  address: string;
  role: Role;
  /** A personal token's person (the per-token cap); null for a shared link, bounded by its role's quota. */
  personId: string | null;
}

/** What is counted of an access: its role, and its person when the token is personal. */
export function countedAs(boardId: string, address: string, access: Access): CountedConnection {
  return {
    boardId,
    address,
    role: access.role,
    personId: access.credential.kind === 'person' ? access.credential.personId : null,
  };
}

/**
 * Open websocket connections per board, with per-role quotas so that one shared link cannot lock the others
 * out: viewers fill at most `maxViewerConnectionsPerBoard`, participants and viewers together leave
 * `facilitatorReservedConnections` free for the facilitator, and one personal token holds at most
 * `maxConnectionsPerToken` (a person's tabs; a shared link is bounded by its role's quota instead). Per-address
 * limits are off by default: a city hall often reaches the server through one proxy address.
 */
export class ConnectionCounter {
  private readonly perBoard = new Map<string, number>();
  private readonly perAddress = new Map<string, number>();

  constructor(private readonly limits: ConnectionQuotas) {}

  /** Counts a new connection, or returns why it is refused (a close reason) and counts nothing. */
  admit(connection: CountedConnection): string | null {
    const { limits } = this;
    const { boardId, role } = connection;
    if (this.count(boardId) >= limits.maxConnectionsPerBoard) {
      return `too many connections to this board (limit ${limits.maxConnectionsPerBoard}); try again later`;
    }
    if (role === 'viewer' && this.count(boardId, 'viewer') >= limits.maxViewerConnectionsPerBoard) {
      return `too many viewer connections to this board (limit ${limits.maxViewerConnectionsPerBoard}); try again later`;
    }
    const othersLimit = Math.max(0, limits.maxConnectionsPerBoard - limits.facilitatorReservedConnections);
    if (role !== 'facilitator' && this.count(boardId) - this.count(boardId, 'facilitator') >= othersLimit) {
      return `this board's remaining connections are kept for the facilitator (limit ${othersLimit} for participants and viewers); try again later`;
    }
    if (
      connection.personId !== null &&
      this.count(boardId, `person:${connection.personId}`) >= limits.maxConnectionsPerToken
    ) {
      return `too many connections with this link (limit ${limits.maxConnectionsPerToken}); close other tabs`;
    }
    const perAddressLimit = limits.maxConnectionsPerAddress;
    if (perAddressLimit > 0 && (this.perAddress.get(connection.address) ?? 0) >= perAddressLimit) {
      return `too many connections from this address (limit ${perAddressLimit}); try again later`;
    }
    for (const key of this.keysOf(connection)) increment(this.perBoard, key);
    if (perAddressLimit > 0) increment(this.perAddress, connection.address);
    return null;
  }

  release(connection: CountedConnection): void {
    for (const key of this.keysOf(connection)) decrement(this.perBoard, key);
    if (this.limits.maxConnectionsPerAddress > 0) decrement(this.perAddress, connection.address);
  }

  /** Open connections to the board: all, or of one counted group (a role, `person:<id>`). */
  count(boardId: string, group?: string): number {
    return this.perBoard.get(group === undefined ? boardId : `${boardId}\n${group}`) ?? 0;
  }

  private keysOf({ boardId, role, personId }: CountedConnection): string[] {
    const keys = [boardId, `${boardId}\n${role}`];
    if (personId !== null) keys.push(`${boardId}\nperson:${personId}`);
    return keys;
  }
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function decrement(map: Map<string, number>, key: string): void {
  const count = (map.get(key) ?? 0) - 1;
  if (count > 0) map.set(key, count);
  else map.delete(key);
}
