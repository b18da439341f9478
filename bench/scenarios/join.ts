/**
 * Scenario 3: 100 clients join a 2.5 MB board (3,000 notes with typing history) that no server holds in
 * memory: ours reads it from SQLite, the reference from LevelDB (YPERSISTENCE). Each server is started fresh
 * for every repetition, so every storm is a cold load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { BENCH_TOKENS, boardWithHistory, storeOurBoard, storeReferenceDoc } from '../lib/fixtures';
import { nowMs } from '../lib/rawClient';
import { type BenchServer, memoryMb, startOurs, startReference } from '../lib/servers';
import { median, type Row } from '../lib/stats';
import { startWorker } from '../lib/workers';
import type { JoinInput, JoinResult } from '../workers/join';

export interface JoinOptions {
  clients: number;
  repetitions: number;
}

const BOARD_ID = 'joinStormBrd';

async function storm(
  server: BenchServer,
  clients: number,
  expectBytes: number,
): Promise<{ all: number; p50: number; notesSeen: number; rssMb: number }> {
  // Two processes, each opening half of the connections at the same instant.
  const half = Math.ceil(clients / 2);
  const workers = [half, clients - half].map((n) =>
    startWorker<JoinResult>('join.ts', {
      urls: Array.from({ length: n }, () => server.roomUrl(BOARD_ID, BENCH_TOKENS.viewer)),
      expectBytes,
    } satisfies JoinInput),
  );
  await Promise.all(workers.map((w) => w.ready));
  const startAt = nowMs() + 300;
  for (const worker of workers) worker.send({ startAt, timeoutMs: 120_000 });
  const results = await Promise.all(workers.map((w) => w.result));
  const times = results.flatMap((r) => r.times);
  const rssMb = memoryMb(server.pid).peak;
  return {
    all: times.some(Number.isNaN) ? Number.NaN : Math.max(...times),
    p50: median(times),
    notesSeen: results[0]!.notesSeen,
    rssMb,
  };
}

export async function joinScenario(options: JoinOptions, log: (line: string) => void): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'board-bench-join-'));
  try {
    const board = Y.encodeStateAsUpdate(boardWithHistory(3000));
    await storeOurBoard(join(dir, 'ours'), BOARD_ID, board);
    await storeReferenceDoc(join(dir, 'reference'), BOARD_ID, board);
    // 2 % margin: the reference's GC may encode the same content a little smaller.
    const expectBytes = Math.floor(board.byteLength * 0.98);
    const figures = {
      ours: [] as Awaited<ReturnType<typeof storm>>[],
      reference: [] as Awaited<ReturnType<typeof storm>>[],
    };
    for (let i = 0; i < options.repetitions; i++) {
      log(`join storm ${i + 1}/${options.repetitions}: our server…`);
      const ours = await startOurs(join(dir, 'ours'));
      figures.ours.push(await storm(ours, options.clients, expectBytes).finally(() => ours.stop()));
      log(`join storm ${i + 1}/${options.repetitions}: reference server…`);
      const reference = await startReference(join(dir, 'reference'));
      figures.reference.push(await storm(reference, options.clients, expectBytes).finally(() => reference.stop()));
    }
    const pick = (list: typeof figures.ours, key: 'all' | 'p50' | 'rssMb') => median(list.map((f) => f[key]));
    const oursAll = pick(figures.ours, 'all');
    const refAll = pick(figures.reference, 'all');
    const seen = [...figures.ours, ...figures.reference].map((f) => f.notesSeen);
    const scenario = 'join storm';
    const sizeMb = (board.byteLength / 1e6).toFixed(2);
    return [
      {
        scenario,
        figure: `${options.clients} cold joins, all synced`,
        unit: 'ms',
        ours: oursAll,
        reference: refAll,
        target: '≤ 0.25× ref',
        met: oursAll <= 0.25 * refAll,
        note: `board of ${sizeMb} MB (3,000 notes with typing history), median of ${options.repetitions} storms; ours from SQLite, the reference from LevelDB; a client counts as synced when it received the whole board (check: the first client saw ${Math.min(...seen)}–${Math.max(...seen)} notes); all times: ours ${figures.ours.map((f) => f.all.toFixed(0)).join(', ')} ms, reference ${figures.reference.map((f) => f.all.toFixed(0)).join(', ')} ms`,
      },
      {
        scenario,
        figure: 'median client synced',
        unit: 'ms',
        ours: pick(figures.ours, 'p50'),
        reference: pick(figures.reference, 'p50'),
      },
      {
        scenario,
        figure: 'server peak RSS',
        unit: 'MB',
        ours: pick(figures.ours, 'rssMb'),
        reference: pick(figures.reference, 'rssMb'),
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
