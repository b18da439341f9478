import type { FanoutInput, FanoutResult, FanoutStart } from '../workers/fanout';
import { BENCH_TOKENS } from './fixtures';
import { nowMs } from './rawClient';
import type { BenchServer } from './servers';
import { type Histogram, merge } from './stats';
import { startWorker } from './workers';

/**
 * One measuring window of `seconds` on a live board: 20 editors (5 edits/s each) and 20 observers, the edit →
 * observer latency recorded. `busyWork`, if given, runs meanwhile (until the window's end, the time it is given)
 * and returns the durations of what it did: exports, suggestions… (bench/scenarios/exportLoad.ts, suggestLoad.ts).
 */
export async function liveBoardWindow(
  server: BenchServer,
  boardId: string,
  fixtureFile: string,
  seconds: number,
  busyWork: ((until: number) => Promise<number[]>) | null,
): Promise<{ latency: Histogram; durations: number[] }> {
  const noteIds = Array.from({ length: 20 }, (_, i) => `note${String(i).padStart(5, '0')}`);
  const editors = startWorker<FanoutResult>('fanout.ts', {
    role: 'editors',
    urls: noteIds.map(() => server.roomUrl(boardId, BENCH_TOKENS.participant)),
    fixtureFile,
    noteIds,
    rate: 5,
  } satisfies FanoutInput);
  const observers = startWorker<FanoutResult>('fanout.ts', {
    role: 'observers',
    urls: Array.from({ length: 20 }, () => server.roomUrl(boardId, BENCH_TOKENS.viewer)),
    rate: 5,
  } satisfies FanoutInput);
  await Promise.all([editors.ready, observers.ready]);
  const startAt = nowMs() + 500;
  const from = startAt + 2_000;
  const to = from + seconds * 1000;
  for (const worker of [editors, observers]) worker.send({ startAt, from, to } satisfies FanoutStart);
  await new Promise((done) => setTimeout(done, from - nowMs()));
  const durations = busyWork ? await busyWork(to) : [];
  const results = await Promise.all([editors.result, observers.result]);
  const latency: Histogram = {};
  for (const result of results) merge(latency, result.latency);
  return { latency, durations };
}
