/**
 * Scenario 5 (and 7): how many updates the storage layer commits per second, and how long the server takes
 * from receiving an update to relaying it, read from its own `GET /metrics` histogram under a steady load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { openStorage } from '../../server/storage';
import { BENCH_TOKENS, boardInOneGo, storeOurBoard } from '../lib/fixtures';
import { MARK, markedTimes, nowMs, RawClient, syncFrame } from '../lib/rawClient';
import { startOurs } from '../lib/servers';
import { type Histogram, quantile, type Row, record } from '../lib/stats';

/** Updates per second through the batching SQLite store (WAL, synchronous=FULL), `waves` of 50 at a time. */
async function commitThroughput(dir: string, total: number): Promise<number> {
  const storage = openStorage({ dataDir: dir, batchMs: 4 });
  await storeOurBoardInto(storage);
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const text = doc.getText('t');
  for (let i = 0; i < total; i++) text.insert(i, 'あ');
  const started = performance.now();
  let inFlight: Promise<number>[] = [];
  for (const update of updates) {
    inFlight.push(storage.appendUpdate('durableBoard', 'board', update));
    // 50 clients' worth of edits arriving together, then the next wave once they are committed.
    if (inFlight.length === 50) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  await storage.close();
  return total / seconds;
}

async function storeOurBoardInto(storage: ReturnType<typeof openStorage>): Promise<void> {
  await storage.createBoard(
    {
      id: 'durableBoard',
      title: 'bench',
      createdAt: Date.now(),
      tokenHashes: { facilitator: 'a', participant: 'b', viewer: 'c' },
    },
    { board: Y.encodeStateAsUpdate(new Y.Doc()), settings: Y.encodeStateAsUpdate(new Y.Doc()) },
  );
}

/** The bucket bound under which `q` of the observations of a Prometheus histogram fall (seconds → ms). */
function histogramQuantile(metrics: string, name: string, q: number): number {
  const buckets = [...metrics.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\d+)$`, 'gm'))].map(
    (m) => [m[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(m[1]), Number(m[2])] as const,
  );
  const total = buckets.at(-1)?.[1] ?? 0;
  const found = buckets.find(([, cumulative]) => cumulative >= q * total);
  return found ? found[0] * 1000 : Number.NaN;
}

function metricValue(metrics: string, name: string): number {
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1] ?? Number.NaN);
}

/** A steady stream of edits (`editors` × `rate`/s) to our server with METRICS=1, watched by one observer. */
async function relayLatency(dir: string, editors: number, rate: number, seconds: number) {
  const fixture = Y.encodeStateAsUpdate(boardInOneGo(300));
  await storeOurBoard(dir, 'durableRelay', fixture);
  const server = await startOurs(dir, { METRICS: '1' });
  try {
    const latency: Histogram = {};
    const observer = new RawClient(server.roomUrl('durableRelay', BENCH_TOKENS.viewer), {
      onUpdate(payload) {
        const now = nowMs();
        for (const sent of markedTimes(payload)) record(latency, now - sent);
      },
    });
    await observer.opened;
    const clients = Array.from({ length: editors }, (_, i) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, fixture);
      const client = new RawClient(
        server.roomUrl('durableRelay', BENCH_TOKENS.participant),
        { answer: (sv) => Y.encodeStateAsUpdate(doc, sv) },
        Y.encodeStateVector(doc),
      );
      doc.on('update', (update: Uint8Array) => client.send(syncFrame(2, update)));
      const text = (doc.getMap('notes').get(`note${String(i).padStart(5, '0')}`) as Y.Map<unknown>).get(
        'text',
      ) as Y.Text;
      return { client, text };
    });
    await Promise.all(clients.map((c) => c.client.opened));
    await new Promise((done) => setTimeout(done, 500));
    // Spread over the period, as people do not type in step.
    const timers: NodeJS.Timeout[] = [];
    for (const { text } of clients) {
      const edit = () => text.insert(text.length, `${MARK}${nowMs().toFixed(2)};`);
      timers.push(setTimeout(() => timers.push(setInterval(edit, 1000 / rate)), Math.random() * (1000 / rate)));
    }
    await new Promise((done) => setTimeout(done, seconds * 1000));
    for (const timer of timers) clearInterval(timer);
    await new Promise((done) => setTimeout(done, 500));
    const metrics = await (await fetch(`${server.httpUrl}/metrics`)).text();
    for (const { client } of clients) client.close();
    observer.close();
    const commits = metricValue(metrics, 'board_storage_commits_total');
    return {
      observedP50: quantile(latency, 0.5),
      observedP99: quantile(latency, 0.99),
      relayP50: histogramQuantile(metrics, 'board_update_relay_seconds', 0.5),
      relayP99: histogramQuantile(metrics, 'board_update_relay_seconds', 0.99),
      commitMeanMs: (metricValue(metrics, 'board_storage_commit_seconds_sum') / commits) * 1000,
      updatesPerCommit: metricValue(metrics, 'board_storage_committed_updates_total') / commits,
    };
  } finally {
    await server.stop();
  }
}

export async function durableScenario(log: (line: string) => void): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'board-bench-durable-'));
  try {
    log('durable writes: commit throughput…');
    const perSecond = await commitThroughput(join(dir, 'throughput'), 5000);
    log('durable writes: update → relay under a steady load…');
    const relay = await relayLatency(join(dir, 'relay'), 20, 5, 8);
    const scenario = 'durable writes';
    return [
      {
        scenario,
        figure: 'updates committed per second',
        unit: '/s',
        ours: perSecond,
        note: '5,000 keystroke updates arriving in waves of 50, WAL, synchronous=FULL, 4 ms commit batches',
      },
      {
        scenario,
        figure: 'update received → relayed p50 (server, /metrics)',
        unit: 'ms',
        ours: relay.relayP50,
        note: `20 editors × 5/s for 8 s; histogram bucket bounds, so "≤" these values; mean commit ${relay.commitMeanMs.toFixed(2)} ms for ${relay.updatesPerCommit.toFixed(1)} updates`,
      },
      { scenario, figure: 'update received → relayed p99 (server, /metrics)', unit: 'ms', ours: relay.relayP99 },
      { scenario, figure: 'edit → observer p50 (same load)', unit: 'ms', ours: relay.observedP50 },
      { scenario, figure: 'edit → observer p99 (same load)', unit: 'ms', ours: relay.observedP99 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
