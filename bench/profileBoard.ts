/**
 * `npx tsx bench/profileBoard.ts [notes]`: where our big board's load time and memory go (docs/benchmarks.md,
 * "Board vs excalidraw"). Builds the client without minifying (so functions keep their names and the bundle
 * names each module in a comment) into a temporary folder, serves it with our server in this process,
 * opens the bench board (3,000 notes made in one go) in headless Chromium as the board scenario does, and prints:
 * - a CPU profile from navigation to `board-ready`: self time by package / client folder, and by function;
 * - a heap snapshot after load and GC: objects by constructor, with React fibers and DOM elements per note.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { startServer } from '../server/main';
import { launchChromium } from '../test/browser/chromium';
import { BENCH_TOKENS, boardInOneGo, storeOurBoard } from './lib/fixtures';
import { readyMark, sleep, VIEWPORT } from './lib/ourBoardPage';
import { type CpuProfile, moduleRegions, summariseCpu, summariseHeap } from './lib/profileSummary';

const notes = Number(process.argv[2] ?? 3000);
const BOARD_ID = 'profileBoard';
const work = mkdtempSync(join(tmpdir(), 'board-profile-'));
const clientDir = join(work, 'client');
console.log(`building the client unminified into ${clientDir}…`);
execFileSync(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--minify', 'false', '--outDir', clientDir],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
);
await storeOurBoard(join(work, 'data'), BOARD_ID, Y.encodeStateAsUpdate(boardInOneGo(notes)));
const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: join(work, 'data'), clientDir, log: () => {} });
const browser = await launchChromium();
const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;
const mb = (value: number) => `${value.toFixed(1).padStart(6)} MB`;

try {
  // A first navigation loads the room on the server, as the bench's first one does; the profiled one is the next.
  for (const profiled of [false, true]) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript(() => window.localStorage.setItem('board.identity.name', '計測'));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (profiled) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
      await cdp.send('Profiler.start');
    }
    await page.goto(`${server.url}/b/${BOARD_ID}#token=${BENCH_TOKENS.participant}`);
    const ready = await readyMark(page);
    if (!profiled) {
      await context.close();
      continue;
    }
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const bundles = new Map<string, (line: number) => string>();
    const cpu = summariseCpu(profile, (url) => {
      const file = /\/(assets\/[^?#]+\.js)$/.exec(url)?.[1];
      if (!file) return null;
      if (!bundles.has(file)) bundles.set(file, moduleRegions(readFileSync(join(clientDir, file), 'utf8')));
      return bundles.get(file)!;
    });
    console.log(
      `\nnavigation → board-ready ${ready.toFixed(0)} ms (unminified build, profiler on); samples until stopped:`,
    );
    console.log(`\nCPU self time by package or folder (total sampled ${cpu.totalMs.toFixed(0)} ms):`);
    for (const [group, time] of cpu.byGroup.slice(0, 16)) console.log(`${ms(time)}  ${group}`);
    console.log('\nCPU self time by function:');
    for (const [name, time] of cpu.byFunction.slice(0, 25)) console.log(`${ms(time)}  ${name}`);
    console.log('\nour functions, with what they call:');
    for (const [name, time] of cpu.ownInclusive.slice(0, 25)) console.log(`${ms(time)}  ${name}`);

    await sleep(1000);
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize: number };
    const used = usage.usedSize / 1024 / 1024;
    const blink = usage.embedderHeapUsedSize / 1024 / 1024;
    const dom = await page.evaluate(() => ({
      elements: document.querySelectorAll('*').length,
      notes: document.querySelectorAll('[data-note-id]').length,
      buttons: document.querySelectorAll('button').length,
    }));
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const heap = summariseHeap(JSON.parse(chunks.join('')));
    const count = (name: string) => heap.groups.find((group) => group.name === name)?.count ?? 0;
    console.log(
      `\nJS heap after GC ${used.toFixed(1)} MB (Blink ${blink.toFixed(1)} MB); snapshot ${heap.totalMb.toFixed(1)} MB (self sizes) by constructor:`,
    );
    for (const group of heap.groups.slice(0, 25)) {
      console.log(`${mb(group.selfMb)}  ${String(group.count).padStart(8)}  ${group.name}`);
    }
    console.log('\nplain objects by their first properties:');
    for (const group of heap.objectShapes.slice(0, 15)) {
      console.log(`${mb(group.selfMb)}  ${String(group.count).padStart(8)}  ${group.name}`);
    }
    console.log('\nclosures by function name:');
    for (const group of heap.closures.slice(0, 15)) {
      console.log(`${mb(group.selfMb)}  ${String(group.count).padStart(8)}  ${group.name}`);
    }
    const perNote = (n: number) => (n / Math.max(1, dom.notes)).toFixed(1);
    console.log(
      `\nper note (${dom.notes} notes in the DOM): ${perNote(count('FiberNode'))} React fibers, ` +
        `${perNote(dom.elements)} DOM elements, ${perNote(dom.buttons)} buttons`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
process.exit(0);
