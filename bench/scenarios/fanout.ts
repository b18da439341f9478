/**
 * Scenario 1 and 2: 50 editors typing at 5 edits per second and 200 observers on one board, on our server
 * (durable SQLite storage) and on the reference server (memory only), one after the other in the same run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { BENCH_TOKENS, boardInOneGo, storeOurBoard } from '../lib/fixtures';
import { nowMs } from '../lib/rawClient';
import { type BenchServer, cpuSeconds, memoryMb, startOurs, startReference } from '../lib/servers';
import { count, type Histogram, merge, quantile, type Row } from '../lib/stats';
import { startWorker } from '../lib/workers';
import type { FanoutInput, FanoutResult, FanoutStart } from '../workers/fanout';

export interface FanoutOptions {
  editors: number;
  observers: number;
  rate: number;
  warmupMs: number;
  measureMs: number;
}

interface FanoutFigures {
  cpuPerFrameUs: number;
  p50: number;
  p95: number;
  p99: number;
  rssMb: number;
  framesPerSecond: number;
  editsPerSecond: number;
}

const BOARD_ID = 'fanoutBoard1';

async function drive(server: BenchServer, fixtureFile: string, options: FanoutOptions): Promise<FanoutFigures> {
  const noteIds = Array.from({ length: options.editors }, (_, i) => `note${String(i).padStart(5, '0')}`);
  const editorUrls = noteIds.map(() => server.roomUrl(BOARD_ID, BENCH_TOKENS.participant));
  const editors = startWorker<FanoutResult>('fanout.ts', {
    role: 'editors',
    urls: editorUrls,
    fixtureFile,
    noteIds,
    rate: options.rate,
  } satisfies FanoutInput);
  await editors.ready;
  // Two observer processes, so one process's event loop is not what limits the latency seen.
  const half = Math.ceil(options.observers / 2);
  const observers = [half, options.observers - half].map((n) =>
    startWorker<FanoutResult>('fanout.ts', {
      role: 'observers',
      urls: Array.from({ length: n }, () => server.roomUrl(BOARD_ID, BENCH_TOKENS.viewer)),
      rate: options.rate,
    } satisfies FanoutInput),
  );
  await Promise.all(observers.map((w) => w.ready));
  const workers = [editors, ...observers];

  const startAt = nowMs() + 500;
  const from = startAt + options.warmupMs;
  const to = from + options.measureMs;
  for (const worker of workers) worker.send({ startAt, from, to } satisfies FanoutStart);
  const at = (time: number) => new Promise((done) => setTimeout(done, Math.max(0, time - nowMs())));
  await at(from);
  const cpuFrom = cpuSeconds(server.pid);
  await at(to);
  const memory = memoryMb(server.pid);
  // The CPU time runs until the last frame of the window's edits arrived (a saturated server works through
  // its backlog after the window closes); the workers report once a second passed without frames.
  const results = await Promise.all(workers.map((w) => w.result));
  const cpuTo = cpuSeconds(server.pid);
  const latency: Histogram = {};
  for (const result of results) merge(latency, result.latency);
  const frames = results.reduce((sum, r) => sum + r.frames, 0);
  const seconds = options.measureMs / 1000;
  return {
    cpuPerFrameUs: ((cpuTo - cpuFrom) * 1e6) / Math.max(1, frames),
    p50: quantile(latency, 0.5),
    p95: quantile(latency, 0.95),
    p99: quantile(latency, 0.99),
    rssMb: memory.rss,
    framesPerSecond: count(latency) / seconds,
    editsPerSecond: results[0]!.edits / seconds,
  };
}

export async function fanoutScenario(options: FanoutOptions, log: (line: string) => void): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'board-bench-fanout-'));
  try {
    // A board after a first meeting: 300 notes. Each editor types into its own note.
    const fixture = Y.encodeStateAsUpdate(boardInOneGo(300));
    const fixtureFile = join(dir, 'fixture.bin');
    writeFileSync(fixtureFile, fixture);
    await storeOurBoard(join(dir, 'ours'), BOARD_ID, fixture);

    log('fan-out: our server…');
    const ours = await startOurs(join(dir, 'ours'));
    const oursFigures = await drive(ours, fixtureFile, options).finally(() => ours.stop());
    log('fan-out: reference server…');
    const reference = await startReference();
    const refFigures = await drive(reference, fixtureFile, options).finally(() => reference.stop());

    const load = `${options.editors} editors × ${options.rate}/s, ${options.observers} observers, ${options.measureMs / 1000} s window`;
    const scenario = 'fan-out';
    return [
      {
        scenario,
        figure: 'server CPU per delivered frame',
        unit: 'µs',
        ours: oursFigures.cpuPerFrameUs,
        reference: refFigures.cpuPerFrameUs,
        target: '≤ 0.8× ref',
        met: oursFigures.cpuPerFrameUs <= 0.8 * refFigures.cpuPerFrameUs,
        note: `${load}; ours stores every update durably (SQLite, synchronous=FULL) before relaying, the reference keeps them in memory only`,
      },
      {
        scenario,
        figure: 'edit → observer latency p50',
        unit: 'ms',
        ours: oursFigures.p50,
        reference: refFigures.p50,
      },
      {
        scenario,
        figure: 'edit → observer latency p95',
        unit: 'ms',
        ours: oursFigures.p95,
        reference: refFigures.p95,
      },
      {
        scenario,
        figure: 'edit → observer latency p99',
        unit: 'ms',
        ours: oursFigures.p99,
        reference: refFigures.p99,
        target: '≤ 50 ms',
        met: oursFigures.p99 <= 50,
      },
      { scenario, figure: 'server RSS at the end', unit: 'MB', ours: oursFigures.rssMb, reference: refFigures.rssMb },
      {
        scenario,
        figure: 'frames delivered',
        unit: '/s',
        ours: oursFigures.framesPerSecond,
        reference: refFigures.framesPerSecond,
        note: `edits sent: ours ${oursFigures.editsPerSecond.toFixed(0)}/s, reference ${refFigures.editsPerSecond.toFixed(0)}/s`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
