import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { nanoid } from 'nanoid';
import type { BoardLocks } from '../boardLock.js';
import type { ClientAddresses } from '../clientAddress.js';
import type { Log } from '../log.js';
import type { Rooms } from '../rooms.js';
import type { ServerStateMirror } from '../serverStateMirror.js';
import type { Storage } from '../storage/types.js';
import { ClusterBus } from './bus.js';
import { BoardLeases } from './leases.js';
import { ClusterRouter } from './router.js';

// Several server processes on one PostgreSQL (docs/deploy/scaling.md), put together: board leases fencing every
// document write, the hop to a board's owner, and the notifications of server-side state changes.

export interface ClusterOptions {
  databaseUrl: string;
  /** CLUSTER_ADDRESS, or this process's own URL once it listens. */
  address: () => string;
  /** How long a lease lasts without renewal (ms); default 15,000. */
  leaseTtlMs?: number;
  log: Log;
}

export class Cluster {
  readonly leases: BoardLeases;
  private bus: ClusterBus | null = null;
  private router: ClusterRouter | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly options: ClusterOptions,
  ) {
    this.leases = new BoardLeases(storage.sql, {
      instanceId: nanoid(12),
      address: options.address,
      ttlMs: options.leaseTtlMs,
      log: options.log,
    });
    // Every write of a board's documents checks, in its transaction, that this process still owns the board.
    storage.fenceWith((tx, boardIds) => this.leases.fence(tx, boardIds));
  }

  /** Wires the board's services once they exist, and listens for the other processes' notifications. */
  async start(services: {
    rooms: Rooms;
    locks: BoardLocks;
    stateMirror: ServerStateMirror;
    addresses: ClientAddresses;
  }): Promise<void> {
    const { rooms, locks, stateMirror } = services;
    // Taken over from another process: what this one caches of the board may be stale.
    this.leases.onAcquired((boardId) => locks.refresh(boardId));
    this.leases.onLost((boardId) => rooms.handOver(boardId));
    const bus = new ClusterBus(this.options.databaseUrl, this.storage.sql, this.options.log, (boardId) => {
      if (this.leases.tokenOf(boardId) === null) return; // not served here
      void (async () => {
        rooms.setArchived(boardId, await this.storage.isArchived(boardId));
        await locks.refresh(boardId);
        rooms.writePolicyChanged(boardId);
        await stateMirror.mirror(boardId);
      })().catch((error: unknown) =>
        this.options.log(`cluster: could not show board ${boardId}'s new state: ${String(error)}`),
      );
    });
    stateMirror.whenServedElsewhere((boardId) => bus.publish(boardId));
    await bus.start();
    this.bus = bus;
    this.router = new ClusterRouter(this.leases, services.addresses);
  }

  /** Listening at its address: the boards of a process that died there are served again at once. */
  async listening(): Promise<void> {
    await this.leases.releasePredecessors();
  }

  /** Handles a request here, or passes it to the process that owns its board. */
  request(req: IncomingMessage, res: ServerResponse, here: () => void): void {
    if (this.router) void this.router.request(req, res, here);
    else here();
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, route: { here: () => void; passed: () => void }): void {
    if (this.router) void this.router.upgrade(req, socket, head, route);
    else route.here();
  }

  /** After the rooms unloaded: the leases go back (another process may take the boards at once). */
  async stop(): Promise<void> {
    await this.leases.stop();
    await this.bus?.stop();
  }
}
