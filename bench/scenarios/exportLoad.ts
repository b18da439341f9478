/**
 * Exports under load: 20 editors (5 edits/s each) and 20 observers on one board while the facilitator of
 * another board, 3,000 notes, downloads exports through `GET /api/boards/<id>/export` one after the other.
 * Prints how long each export takes and the edit → observer latency on the busy board, without exports and
 * during them: the render runs in a worker thread, so the live board should not notice.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { BENCH_TOKENS, boardInOneGo, storeOurBoard } from '../lib/fixtures';
import { liveBoardWindow } from '../lib/liveBoardLoad';
import { nowMs } from '../lib/rawClient';
import { type BenchServer, startOurs } from '../lib/servers';
import { quantile, type Row } from '../lib/stats';

const LIVE_BOARD = 'liveBoard001';
const EXPORT_BOARD = 'exportBoard1';

/** One measuring window of `seconds` on the live board; with `format`, exports run back to back meanwhile. */
function window(server: BenchServer, fixtureFile: string, seconds: number, format: string | null) {
  const exportsUntil = async (until: number) => {
    const exports: number[] = [];
    while (nowMs() < until) {
      const started = nowMs();
      const response = await fetch(`${server.httpUrl}/api/boards/${EXPORT_BOARD}/export?format=${format}`, {
        headers: { authorization: `Bearer ${BENCH_TOKENS.facilitator}` },
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`export ${format}: ${response.status}`);
      exports.push(nowMs() - started);
    }
    return exports;
  };
  return liveBoardWindow(server, LIVE_BOARD, fixtureFile, seconds, format ? exportsUntil : null);
}

/** docx once the exporters are built; the JSON backup (also rendered in the worker) until then. */
async function formatToUse(server: BenchServer): Promise<string> {
  const probe = await fetch(`${server.httpUrl}/api/boards/${EXPORT_BOARD}/export?format=docx`, {
    headers: { authorization: `Bearer ${BENCH_TOKENS.facilitator}` },
  });
  await probe.arrayBuffer();
  return probe.status === 200 ? 'docx' : 'json';
}

export async function exportScenario(log: (line: string) => void, seconds = 10): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'board-bench-export-'));
  try {
    const live = Y.encodeStateAsUpdate(boardInOneGo(300));
    const fixtureFile = join(dir, 'fixture.bin');
    writeFileSync(fixtureFile, live);
    await storeOurBoard(join(dir, 'data'), LIVE_BOARD, live);
    await storeOurBoard(join(dir, 'data'), EXPORT_BOARD, Y.encodeStateAsUpdate(boardInOneGo(3000, 60)));
    const server = await startOurs(join(dir, 'data'));
    try {
      const format = await formatToUse(server);
      log(`export: 20 editors and 20 observers on one board, ${format} exports of a 3,000-note board…`);
      const quiet = await window(server, fixtureFile, seconds, null);
      const busy = await window(server, fixtureFile, seconds, format);
      const sorted = [...busy.durations].sort((a, b) => a - b);
      const scenario = 'export under load';
      const note = `${format} of 3,000 notes via HTTP, back to back (${busy.durations.length} in ${seconds} s), worker thread`;
      return [
        {
          scenario,
          figure: `${format} export time p50`,
          unit: 'ms',
          ours: sorted[Math.floor(sorted.length / 2)] ?? 0,
          note,
        },
        { scenario, figure: `${format} export time max`, unit: 'ms', ours: sorted.at(-1) ?? 0 },
        { scenario, figure: 'live board latency p50, no export', unit: 'ms', ours: quantile(quiet.latency, 0.5) },
        { scenario, figure: 'live board latency p50, during exports', unit: 'ms', ours: quantile(busy.latency, 0.5) },
        { scenario, figure: 'live board latency p99, no export', unit: 'ms', ours: quantile(quiet.latency, 0.99) },
        {
          scenario,
          figure: 'live board latency p99, during exports',
          unit: 'ms',
          ours: quantile(busy.latency, 0.99),
          target: '≤ 50 ms',
          met: quantile(busy.latency, 0.99) <= 50,
        },
      ];
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
