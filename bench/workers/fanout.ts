/**
 * Fan-out load: `editors` send a marked text edit to their own note at `rate` per second; `observers` only
 * receive. Every client counts the update frames it receives and, for each marker, how long the edit took
 * from its sender to here. Only edits sent inside the measuring window count.
 */
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { MARK, markedTimes, nowMs, RawClient, syncFrame } from '../lib/rawClient';
import { type Histogram, record } from '../lib/stats';
import { failWorker, nextMessage, report, workerInput } from '../lib/workers';

export interface FanoutInput {
  role: 'editors' | 'observers';
  urls: string[];
  /** Editors: the board's stored state (a file), and the note each edits. */
  fixtureFile?: string;
  noteIds?: string[];
  rate: number;
}

export interface FanoutStart {
  /** Epoch ms: edits start; the window is [from, to). */
  startAt: number;
  from: number;
  to: number;
}

export interface FanoutResult {
  latency: Histogram;
  frames: number;
  edits: number;
}

async function main(): Promise<void> {
  const input = await workerInput<FanoutInput>();
  const latency: Histogram = {};
  let frames = 0;
  let edits = 0;
  let lastFrameAt = 0;
  let window = { from: Number.POSITIVE_INFINITY, to: 0 };
  const fixture = input.fixtureFile ? new Uint8Array(readFileSync(input.fixtureFile)) : null;

  const synced: Promise<void>[] = [];
  const clients = input.urls.map((url, index) => {
    const doc = fixture ? new Y.Doc() : null;
    if (doc && fixture) Y.applyUpdate(doc, fixture);
    let markSynced: () => void = () => {};
    synced.push(new Promise((done) => (markSynced = done)));
    const client = new RawClient(
      url,
      {
        onUpdate(payload, kind) {
          if (kind === 'step2') return markSynced();
          const now = nowMs();
          lastFrameAt = now;
          if (now >= window.from) {
            for (const sent of markedTimes(payload)) {
              if (sent >= window.from && sent < window.to) {
                frames++;
                record(latency, now - sent);
              }
            }
          }
        },
        answer: (stateVector) => (doc ? Y.encodeStateAsUpdate(doc, stateVector) : new Uint8Array([0, 0])),
      },
      doc ? Y.encodeStateVector(doc) : undefined,
    );
    if (doc) doc.on('update', (update: Uint8Array) => client.send(syncFrame(2, update)));
    return { client, doc, noteId: input.noteIds?.[index] };
  });
  await Promise.all(clients.map((c) => c.client.opened));
  await Promise.all(synced);
  await report('ready');

  const start = await nextMessage<FanoutStart>();
  window = { from: start.from, to: start.to };
  const timers: NodeJS.Timeout[] = [];
  if (input.role === 'editors') {
    const period = 1000 / input.rate;
    for (const { doc, noteId } of clients) {
      if (!doc || !noteId) continue;
      const text = (doc.getMap('notes').get(noteId) as Y.Map<unknown>).get('text') as Y.Text;
      const edit = () => {
        const sent = nowMs();
        if (sent >= window.to) return;
        if (sent >= window.from) edits++;
        text.insert(text.length, `${MARK}${sent.toFixed(2)};`);
      };
      // Spread the editors over the period, as people do not type in step.
      const delay = Math.max(0, start.startAt - nowMs()) + Math.random() * period;
      timers.push(
        setTimeout(() => {
          edit();
          timers.push(setInterval(edit, period));
        }, delay),
      );
    }
  }
  // Frames of the window's edits still count when they arrive late: wait until a second passes without any
  // (at most 30 s), so a saturated server's backlog is counted, not cut off.
  await new Promise((done) => setTimeout(done, Math.max(0, window.to - nowMs())));
  const drainUntil = nowMs() + 30_000;
  while (nowMs() - lastFrameAt < 1_000 && nowMs() < drainUntil) {
    await new Promise((done) => setTimeout(done, 200));
  }
  for (const timer of timers) clearInterval(timer);
  for (const { client } of clients) client.close();
  await report('result', { latency, frames, edits } satisfies FanoutResult);
  process.exit(0);
}

main().catch(failWorker);
