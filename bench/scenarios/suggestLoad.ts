/**
 * Suggestions under load (issue 19's "Cost"): 20 editors (5 edits/s each) and 20 observers on one board while
 * the facilitator of another board, 3,000 notes in one pillar, asks for suggested groups through
 * `GET /api/boards/<id>/suggestions/groups` one after the other (at the route's rate, one a second at most). The
 * analysis runs in a worker thread, so the live board's edit → observer latency should not notice.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { BENCH_TOKENS, boardInOneGo, PILLAR_IDS, storeOurBoard } from '../lib/fixtures';
import { liveBoardWindow } from '../lib/liveBoardLoad';
import { nowMs, RawClient } from '../lib/rawClient';
import { type BenchServer, startOurs } from '../lib/servers';
import { quantile, type Row } from '../lib/stats';
import { suggestionBoard } from './suggestions';

const LIVE_BOARD = 'liveBoard001';
const SUGGEST_BOARD = 'suggestBoard';

async function askGroups(server: BenchServer, granularity: number): Promise<number> {
  const started = nowMs();
  const response = await fetch(
    `${server.httpUrl}/api/boards/${SUGGEST_BOARD}/suggestions/groups?pillarId=${PILLAR_IDS[0]}&lane=all&granularity=${granularity}`,
    { headers: { authorization: `Bearer ${BENCH_TOKENS.facilitator}` } },
  );
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`suggestions: ${response.status}`);
  return nowMs() - started;
}

export async function suggestLoadScenario(log: (line: string) => void, seconds = 10): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'board-bench-suggest-'));
  try {
    const live = Y.encodeStateAsUpdate(boardInOneGo(300));
    const fixtureFile = join(dir, 'fixture.bin');
    writeFileSync(fixtureFile, live);
    await storeOurBoard(join(dir, 'data'), LIVE_BOARD, live);
    await storeOurBoard(join(dir, 'data'), SUGGEST_BOARD, Y.encodeStateAsUpdate(suggestionBoard(3000).doc));
    const server = await startOurs(join(dir, 'data'));
    // The facilitator is on the board whose panel asks (as in a meeting): the room stays loaded. A board nobody
    // has open is loaded for the request and unloaded 5 s later, as for every HTTP read of a board.
    const facilitator = new RawClient(server.roomUrl(SUGGEST_BOARD, BENCH_TOKENS.facilitator), {});
    await facilitator.opened;
    try {
      // Warm: the worker started, the dictionary loaded and the board analysed, as after the panel's first ask.
      await askGroups(server, 0.5);
      log('suggestions under load: 20 editors and 20 observers on one board, groupings of a 3,000-note board…');
      const quiet = await liveBoardWindow(server, LIVE_BOARD, fixtureFile, seconds, null);
      const busy = await liveBoardWindow(server, LIVE_BOARD, fixtureFile, seconds, async (until) => {
        const asked: number[] = [];
        // The slider moved between asks: each grouping is computed, not answered from a cache.
        for (let i = 0; nowMs() < until; i++) {
          const took = await askGroups(server, [0.3, 0.5, 0.7][i % 3]!);
          asked.push(took);
          // The route allows one a second: wait out the rest of the second rather than be refused.
          if (took < 1000) await new Promise((done) => setTimeout(done, 1000 - took));
        }
        return asked;
      });
      const sorted = [...busy.durations].sort((a, b) => a - b);
      const scenario = 'suggestions under load';
      const p99 = quantile(busy.latency, 0.99);
      return [
        {
          scenario,
          figure: 'suggest groups via HTTP, 3,000 notes, p50',
          unit: 'ms',
          ours: sorted[Math.floor(sorted.length / 2)] ?? 0,
          note: `${busy.durations.length} groupings in ${seconds} s, one after the other, in the worker thread`,
        },
        { scenario, figure: 'live board latency p99, no suggestions', unit: 'ms', ours: quantile(quiet.latency, 0.99) },
        {
          scenario,
          figure: 'live board latency p99, during suggestions',
          unit: 'ms',
          ours: p99,
          reference: quantile(quiet.latency, 0.99),
          target: '≤ 50 ms',
          met: p99 <= 50,
          note: 'reference: the same board without suggestions, in the same run',
        },
      ];
    } finally {
      facilitator.ws.close();
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
