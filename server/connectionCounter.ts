import type { ServerLimits } from './limits.js';

/**
 * Open websocket connections per board, and per client address when that limit is on. Per-address limits are
 * off by default: a city hall often reaches the server through one proxy address, and everyone would share it.
 */
export class ConnectionCounter {
  private readonly perBoard = new Map<string, number>();
  private readonly perAddress = new Map<string, number>();

  constructor(private readonly limits: Pick<ServerLimits, 'maxConnectionsPerBoard' | 'maxConnectionsPerAddress'>) {}

  /** Counts a new connection, or returns why it is refused (a close reason) and counts nothing. */
  admit(boardId: string, address: string): string | null {
    const onBoard = this.perBoard.get(boardId) ?? 0;
    if (onBoard >= this.limits.maxConnectionsPerBoard) {
      return `too many connections to this board (limit ${this.limits.maxConnectionsPerBoard}); try again later`;
    }
    const perAddressLimit = this.limits.maxConnectionsPerAddress;
    const fromAddress = this.perAddress.get(address) ?? 0;
    if (perAddressLimit > 0 && fromAddress >= perAddressLimit) {
      return `too many connections from this address (limit ${perAddressLimit}); try again later`;
    }
    this.perBoard.set(boardId, onBoard + 1);
    if (perAddressLimit > 0) this.perAddress.set(address, fromAddress + 1);
    return null;
  }

  release(boardId: string, address: string): void {
    decrement(this.perBoard, boardId);
    if (this.limits.maxConnectionsPerAddress > 0) decrement(this.perAddress, address);
  }

  connectionsTo(boardId: string): number {
    return this.perBoard.get(boardId) ?? 0;
  }
}

function decrement(map: Map<string, number>, key: string): void {
  const count = (map.get(key) ?? 0) - 1;
  if (count > 0) map.set(key, count);
  else map.delete(key);
}
