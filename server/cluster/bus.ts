import pg from 'pg';
import type { Log } from '../log.js';
import type { SqlDatabase } from '../sql/types.js';

/** The one channel: "the server-side state of this board changed" (payload: the board id). */
const CHANNEL = 'board_state';

/**
 * Tells the other server processes that a board's server-side state (its archive, lock, plan, rounds) changed
 * where it was not served, so that the process that owns the board shows it in the board's settings document.
 * PostgreSQL's LISTEN/NOTIFY: the database the processes share already, so no other engine to run. A
 * notification sent while a process was disconnected is lost; each room also reads that state when it loads.
 */
export class ClusterBus {
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly sql: SqlDatabase,
    private readonly log: Log,
    private readonly onBoardState: (boardId: string) => void,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) this.onBoardState(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the connection ended')));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
  }

  /** Tells every process (this one too) that the board's server-side state changed. */
  async publish(boardId: string): Promise<void> {
    await this.sql.run(`SELECT pg_notify('${CHANNEL}', ?)`, [boardId]);
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client || this.stopped) return;
    this.client = null;
    this.log(`cluster: the notification connection failed (${error.message}); reconnecting`, {
      event: 'cluster.bus-lost',
      level: 'warn',
    });
    void client.end().catch(() => {});
    const reconnect = () => {
      this.retry = null;
      if (this.stopped) return;
      this.start().catch(() => {
        this.retry = setTimeout(reconnect, 1_000);
        this.retry.unref();
      });
    };
    reconnect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
