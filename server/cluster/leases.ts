import type { Log } from '../log.js';
import type { SqlDatabase, SqlExecutor } from '../sql/types.js';
import { isDatabaseUnreachable } from '../storage/errors.js';

/**
 * Board ownership among several server processes on one PostgreSQL (docs/deploy/scaling.md): a board's rooms
 * live in exactly one process at a time, the one holding its lease. A lease is a row of `board_leases` with an
 * expiry (PostgreSQL's clock, so the processes' clocks do not matter) and a fencing token: every acquisition
 * takes a new token from a sequence, and every write of the board's documents checks, inside its transaction,
 * that the token it holds is still the board's (`fence`). A process cut off from the others keeps its token, but
 * once another process took the board over its writes are refused: two processes never both write a board.
 */

/** Now in ms, by PostgreSQL's clock. */
const NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::bigint';

export type Ownership = { kind: 'mine'; token: number } | { kind: 'elsewhere'; owner: string; address: string };

export class LeaseLostError extends Error {
  constructor(readonly boardId: string) {
    super(`this server no longer owns board ${boardId}: another server took it over`);
    this.name = 'LeaseLostError';
  }
}

export interface LeaseOptions {
  /** This process's name in the lease rows (unique per start). */
  instanceId: string;
  /** Where the other processes reach this one (CLUSTER_ADDRESS), e.g. `http://10.0.0.5:8080`; known once listening. */
  address: () => string;
  /** How long a lease lasts without renewal (ms); renewed every third of it. Default 15,000. */
  ttlMs?: number;
  log: Log;
}

export class BoardLeases {
  /** The boards this process owns, with their token and when its lease surely still holds (local clock). */
  private readonly held = new Map<string, { token: number; validUntil: number }>();
  private readonly lostListeners: Array<(boardId: string) => void> = [];
  private readonly acquiredListeners: Array<(boardId: string) => Promise<void> | void> = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly ttlMs: number;

  constructor(
    private readonly sql: SqlDatabase,
    private readonly options: LeaseOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 15_000;
  }

  get instanceId(): string {
    return this.options.instanceId;
  }

  /** Heard when a lease could not be renewed in time or was taken over: the board must stop being served here. */
  onLost(listener: (boardId: string) => void): void {
    this.lostListeners.push(listener);
  }

  /** Heard once a lease was taken, before the board is loaded (to refresh what this process caches of it). */
  onAcquired(listener: (boardId: string) => Promise<void> | void): void {
    this.acquiredListeners.push(listener);
  }

  /** Takes the board's lease when nobody live holds it (or this process does); else says who does. */
  async acquire(boardId: string): Promise<Ownership> {
    const mine = this.held.get(boardId);
    if (mine && mine.validUntil > performance.now()) return { kind: 'mine', token: mine.token };
    const asked = performance.now();
    const taken = await this.sql.get<{ token: number }>(
      `INSERT INTO board_leases AS l (board_id, owner, address, token, expires_at)
       VALUES (?, ?, ?, nextval('lease_tokens'), ${NOW_MS} + ?)
       ON CONFLICT (board_id) DO UPDATE
         SET owner = excluded.owner, address = excluded.address, token = excluded.token, expires_at = excluded.expires_at
         WHERE l.owner = excluded.owner OR l.expires_at < ${NOW_MS}
       RETURNING token`,
      [boardId, this.options.instanceId, this.options.address(), this.ttlMs],
    );
    if (taken) {
      this.held.set(boardId, { token: taken.token, validUntil: asked + this.ttlMs * (2 / 3) });
      for (const listener of this.acquiredListeners) await listener(boardId);
      this.schedule();
      return { kind: 'mine', token: taken.token };
    }
    const holder = await this.ownerOf(boardId);
    if (holder) return { kind: 'elsewhere', ...holder };
    return this.acquire(boardId); // it expired meanwhile
  }

  /** The live holder of the board's lease when it is another process; null when none or this one. */
  async ownerOf(boardId: string): Promise<{ owner: string; address: string } | null> {
    if (this.held.has(boardId)) return null;
    const row = await this.sql.get<{ owner: string; address: string }>(
      `SELECT owner, address FROM board_leases WHERE board_id = ? AND expires_at >= ${NOW_MS} AND owner <> ?`,
      [boardId, this.options.instanceId],
    );
    return row ?? null;
  }

  tokenOf(boardId: string): number | null {
    return this.held.get(boardId)?.token ?? null;
  }

  /**
   * Inside a write transaction of the boards' documents: holds each board's lease row (shared) until the commit
   * and checks that it still carries this process's token. A takeover waits for the commit; a write after it
   * is refused with a LeaseLostError.
   */
  async fence(tx: SqlExecutor, boardIds: Iterable<string>): Promise<void> {
    for (const boardId of new Set(boardIds)) {
      const token = this.tokenOf(boardId);
      const row = await tx.get<{ token: number }>('SELECT token FROM board_leases WHERE board_id = ? FOR SHARE', [
        boardId,
      ]);
      if (token === null || row?.token !== token) throw new LeaseLostError(boardId);
    }
  }

  /**
   * Once listening: leases held under this process's address by another instance belong to a predecessor that
   * died (nothing else can listen there now), e.g. this server restarted after a crash. They are let go at
   * once rather than after their expiry, so its boards are served again without waiting. Returns how many.
   */
  async releasePredecessors(): Promise<number> {
    const result = await this.sql.run(
      'UPDATE board_leases SET expires_at = 0 WHERE address = ? AND owner <> ? AND expires_at > 0',
      [this.options.address(), this.options.instanceId],
    );
    if (result.changes > 0) {
      this.options.log(`cluster: released ${result.changes} board leases of the process that ran here before`, {
        event: 'cluster.predecessor-released',
        level: 'info',
      });
    }
    return result.changes;
  }

  /** Gives the lease back (the board's rooms unloaded): another process may take it at once. */
  async release(boardId: string): Promise<void> {
    const mine = this.held.get(boardId);
    if (!mine) return;
    this.held.delete(boardId);
    await this.sql
      .run('UPDATE board_leases SET expires_at = 0 WHERE board_id = ? AND owner = ? AND token = ?', [
        boardId,
        this.options.instanceId,
        mine.token,
      ])
      .catch((error: unknown) => this.options.log(`cluster: could not release board ${boardId}: ${String(error)}`));
  }

  /** Renews every lease held; a lease not renewed before it may have expired is lost. */
  async renew(): Promise<void> {
    const boards = [...this.held.keys()];
    if (boards.length === 0) return;
    const asked = performance.now();
    const renewed = new Set<string>();
    try {
      for (const boardId of boards) {
        const mine = this.held.get(boardId);
        if (!mine) continue;
        const result = await this.sql.run(
          `UPDATE board_leases SET expires_at = ${NOW_MS} + ? WHERE board_id = ? AND owner = ? AND token = ?`,
          [this.ttlMs, boardId, this.options.instanceId, mine.token],
        );
        if (result.changes > 0) {
          renewed.add(boardId);
          mine.validUntil = asked + this.ttlMs * (2 / 3);
        } else {
          this.lose(boardId);
        }
      }
    } catch (error) {
      this.options.log(`cluster: could not renew the board leases: ${String(error)}`, {
        event: 'cluster.renew-failed',
        level: 'warn',
      });
      // The database is out of reach: no other process can take a board over through it either, so the boards
      // go on being read from memory here (writes are refused meanwhile). Once it answers, a lease another
      // process took in between is found lost by the next renewal, and the fence refused any write under it.
      if (isDatabaseUnreachable(error)) return;
    }
    // Not renewed (the database was out of reach) past the time it surely held: another process may own it now.
    for (const [boardId, mine] of this.held) {
      if (!renewed.has(boardId) && mine.validUntil <= performance.now()) this.lose(boardId);
    }
  }

  private lose(boardId: string): void {
    if (!this.held.delete(boardId)) return;
    this.options.log(`cluster: lost the lease of board ${boardId}; its connections reconnect to its new owner`, {
      event: 'cluster.lease-lost',
      level: 'warn',
      board: boardId,
    });
    for (const listener of this.lostListeners) listener(boardId);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  /** Stops renewing and gives every lease back (shutdown, once the rooms are unloaded). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all([...this.held.keys()].map((boardId) => this.release(boardId)));
  }
}
