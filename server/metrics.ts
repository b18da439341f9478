import type { Role } from '../shared/roles.js';

/**
 * What the server counts for `GET /metrics` (Prometheus text format). Injected where things happen; when
 * METRICS is off the recorder is `noMetrics`, whose methods do nothing, so the hot paths pay one call.
 */
export interface MetricsRecorder {
  readonly enabled: boolean;
  connectionOpened(role: Role): void;
  connectionClosed(role: Role): void;
  /** A write arrived and passed validation (it is now queued for its commit). */
  updateReceived(): void;
  /** A committed update was relayed to `receivers` connections, `ms` after it arrived. */
  updateRelayed(receivers: number, ms: number): void;
  /** One SQLite transaction committed `updates` updates in `ms`. */
  commitDone(updates: number, ms: number): void;
}

export const noMetrics: MetricsRecorder = {
  enabled: false,
  connectionOpened() {},
  connectionClosed() {},
  updateReceived() {},
  updateRelayed() {},
  commitDone() {},
};

/** Bucket bounds in seconds: sub-millisecond to seconds, the range a relay or a commit can take. */
const BUCKETS = [0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

class Histogram {
  readonly counts = BUCKETS.map(() => 0);
  sum = 0;
  count = 0;

  observe(seconds: number): void {
    this.sum += seconds;
    this.count++;
    for (let i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]!) {
        this.counts[i]!++;
        return;
      }
    }
  }

  render(name: string, help: string): string[] {
    const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
    let cumulative = 0;
    BUCKETS.forEach((bound, i) => {
      cumulative += this.counts[i]!;
      lines.push(`${name}_bucket{le="${bound}"} ${cumulative}`);
    });
    lines.push(`${name}_bucket{le="+Inf"} ${this.count}`, `${name}_sum ${this.sum}`, `${name}_count ${this.count}`);
    return lines;
  }
}

export interface MetricsSource {
  /** Documents (board or settings) loaded in memory now. */
  roomsLoaded(): number;
}

export interface Metrics extends MetricsRecorder {
  /** The Prometheus text exposition of everything counted, read at each scrape. */
  render(source: MetricsSource): string;
}

export function createMetrics(): Metrics {
  const connections: Record<Role, number> = { facilitator: 0, participant: 0, viewer: 0 };
  let received = 0;
  let relayed = 0;
  let relayFrames = 0;
  let commits = 0;
  let committedUpdates = 0;
  const relayLatency = new Histogram();
  const commitLatency = new Histogram();

  function counter(name: string, help: string, value: number): string[] {
    return [`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name} ${value}`];
  }
  function gauge(name: string, help: string, values: Array<[string, number]>): string[] {
    return [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, ...values.map(([labels, v]) => `${name}${labels} ${v}`)];
  }

  return {
    enabled: true,
    connectionOpened(role) {
      connections[role]++;
    },
    connectionClosed(role) {
      connections[role]--;
    },
    updateReceived() {
      received++;
    },
    updateRelayed(receivers, ms) {
      relayed++;
      relayFrames += receivers;
      relayLatency.observe(ms / 1000);
    },
    commitDone(updates, ms) {
      commits++;
      committedUpdates += updates;
      commitLatency.observe(ms / 1000);
    },
    render(source) {
      const memory = process.memoryUsage();
      return `${[
        ...gauge(
          'board_connections',
          'Open websocket connections by role.',
          Object.entries(connections).map(([role, n]) => [`{role="${role}"}`, n]),
        ),
        ...gauge('board_rooms_loaded', 'Documents (board or settings) loaded in memory.', [['', source.roomsLoaded()]]),
        ...counter('board_updates_received_total', 'Valid updates received from clients.', received),
        ...counter('board_updates_relayed_total', 'Committed updates relayed to the other connections.', relayed),
        ...counter('board_update_frames_sent_total', 'Update frames sent to connections by relays.', relayFrames),
        ...relayLatency.render(
          'board_update_relay_seconds',
          'Time from receiving an update to relaying it (validation, durable commit, apply, send).',
        ),
        ...counter('board_storage_commits_total', 'SQLite transactions that committed updates.', commits),
        ...counter('board_storage_committed_updates_total', 'Updates committed to SQLite.', committedUpdates),
        ...commitLatency.render('board_storage_commit_seconds', 'Duration of one SQLite commit of queued updates.'),
        ...gauge('process_resident_memory_bytes', 'Resident memory of the server process.', [['', memory.rss]]),
        ...gauge('process_heap_used_bytes', 'V8 heap in use.', [['', memory.heapUsed]]),
        ...gauge('process_external_memory_bytes', 'Memory of buffers outside the V8 heap.', [['', memory.external]]),
      ].join('\n')}\n`;
    },
  };
}
