/**
 * Scenario "board" (issue 14): our 3,000-note board against excalidraw 0.18 showing the same 3,000 notes, in
 * the same Chromium, in the same run, navigations taken in turns so that a change of load on the machine
 * touches both. Ours is served by our server and synced over the websocket; excalidraw's page gets the notes
 * from memory (bench/excalidraw-anchor/). Targets: board-ready ≤ 0.85× excalidraw's, heap ≤ 45 MB, remote
 * edit → paint p95 ≤ 20 ms, key press p95 ≤ 32 ms, initial JS ≤ 180 KB gzip.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { launchChromium } from '../../test/browser/chromium';
import { measureLoadedAnchor, openAnchor, outsideRequests, prepareAnchorScene } from '../lib/anchorPage';
import { ANCHOR_DIST, prepareAnchor, serveAnchor } from '../lib/excalidrawAnchor';
import { boardInOneGo, storeOurBoard } from '../lib/fixtures';
import { LOAD_STEPS, type LoadedFigures, measureLoadedBoard, openOurBoard } from '../lib/ourBoardPage';
import { untilMachineQuiet } from '../lib/quiet';
import { startOurs } from '../lib/servers';
import { median, type Row } from '../lib/stats';
import { CLIENT_DIR, initialAssets } from './bundle';

export interface BoardOptions {
  notes: number;
  navigations: number;
  remoteEdits: number;
  keyPresses: number;
}

interface Side {
  readyMs: number[];
  /** Ours only: navigation to every note in the DOM and painted (`board-complete`). */
  completeMs?: number[];
  /** Ours only: the load path's marks of each navigation. */
  steps?: Record<string, number>[];
  loaded?: LoadedFigures;
  initialJsKb?: number;
}

const BOARD_ID = 'boardVsExcal';
const list = (values: number[]) => values.map((t) => t.toFixed(0)).join(', ');
/** The medians of the load path's marks over the navigations that set them (docs/benchmarks.md, The load path). */
const loadPath = (steps: Record<string, number>[]) =>
  LOAD_STEPS.flatMap((name) => {
    const times = steps.flatMap((step) => (step[name] === undefined ? [] : [step[name]]));
    return times.length > 0 ? [`${name} ${median(times).toFixed(0)} ms`] : [];
  }).join(', ');

export async function boardScenario(options: BoardOptions, log: (line: string) => void): Promise<Row[]> {
  const anchorReady = await prepareAnchor(log);
  if (!anchorReady.ok) log(`excalidraw anchor skipped: ${anchorReady.reason}. Measuring ours alone.`);
  const dir = mkdtempSync(join(tmpdir(), 'board-bench-board-'));
  const update = Y.encodeStateAsUpdate(boardInOneGo(options.notes));
  await storeOurBoard(dir, BOARD_ID, update);
  const server = await startOurs(dir);
  const anchorServer = anchorReady.ok ? await serveAnchor() : null;
  const browser = await launchChromium();
  const ours: Side = { readyMs: [], completeMs: [], steps: [] };
  const theirs: Side = { readyMs: [] };
  try {
    let sceneScript = '';
    if (anchorServer) {
      log(`excalidraw anchor: preparing the scene of ${options.notes} notes…`);
      sceneScript = await prepareAnchorScene(browser, anchorServer, options.notes);
    }
    log(`board: ${options.notes} notes, ours${anchorServer ? ' and excalidraw in turns' : ''}…`);
    for (let i = 0; i < options.navigations; i++) {
      const last = i === options.navigations - 1;
      await untilMachineQuiet();
      const mine = await openOurBoard(browser, server, BOARD_ID);
      ours.readyMs.push(mine.ready);
      ours.completeMs?.push(mine.complete);
      ours.steps?.push(mine.steps);
      if (last) ours.loaded = await measureLoadedBoard(mine.context, mine.page, server, BOARD_ID, options);
      await mine.context.close();
      if (!anchorServer) continue;
      await untilMachineQuiet();
      const anchor = await openAnchor(browser, anchorServer, sceneScript);
      theirs.readyMs.push(anchor.ready);
      if (last) theirs.loaded = await measureLoadedAnchor(anchor.page, anchor.context, options);
      await anchor.context.close();
    }
    if (anchorServer?.missing.some((path) => path !== '/favicon.ico')) {
      log(`excalidraw anchor: files it asked for and did not find: ${anchorServer.missing.join(', ')}`);
    }
    if (outsideRequests.size > 0)
      log(`excalidraw anchor: requests outside the bench: ${[...outsideRequests].join(', ')}`);
  } finally {
    await browser.close();
    await anchorServer?.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const ourAssets = initialAssets(CLIENT_DIR);
  ours.initialJsKb = ourAssets.sum(ourAssets.js);
  if (anchorServer) {
    const anchorAssets = initialAssets(ANCHOR_DIST);
    theirs.initialJsKb = anchorAssets.sum(anchorAssets.js);
  }
  return boardRows(options, ours, anchorReady.ok ? theirs : null, update.byteLength, anchorReady);
}

function boardRows(
  options: BoardOptions,
  ours: Side,
  theirs: Side | null,
  bytes: number,
  anchorReady: Awaited<ReturnType<typeof prepareAnchor>>,
): Row[] {
  const scenario = `board vs excalidraw ${anchorReady.ok ? anchorReady.version : '(skipped)'}, ${options.notes.toLocaleString('en')} notes (${(bytes / 1e6).toFixed(1)} MB)`;
  const ready = median(ours.readyMs);
  const theirReady = theirs ? median(theirs.readyMs) : undefined;
  const withTheirs = (value: number | undefined) => (value === undefined ? {} : { reference: value });
  const mine = ours.loaded!;
  const other = theirs?.loaded;
  return [
    {
      scenario,
      figure: 'navigation → board-ready',
      unit: 'ms',
      ours: ready,
      ...withTheirs(theirReady),
      target: '≤ 0.85× excalidraw',
      ...(theirReady === undefined ? {} : { met: ready <= 0.85 * theirReady }),
      note: `median of ${options.navigations} cold navigations each, in turns: ours ${list(ours.readyMs)} ms${theirs ? `; excalidraw ${list(theirs.readyMs)} ms` : `; ${anchorReady.ok ? '' : anchorReady.reason}`}; ours' load path (medians): ${loadPath(ours.steps ?? [])}`,
    },
    {
      scenario,
      figure: 'navigation → board-complete (every note in the DOM)',
      unit: 'ms',
      ours: median(ours.completeMs ?? []),
      ...withTheirs(theirReady),
      note: `ours only: the first paint shows a screen's worth of each pillar's notes (client/notes/firstPaint.ts), the rest follow in a transition (find-in-page and screen readers reach every note from here); the reference is excalidraw's board-ready; ours ${list(ours.completeMs ?? [])} ms`,
    },
    {
      scenario,
      figure: 'JS heap after load (after GC)',
      unit: 'MB',
      ours: mine.heapMb,
      ...withTheirs(other?.heapMb),
      target: '≤ 45 MB',
      met: mine.heapMb <= 45,
      note: 'V8 heap (Runtime.getHeapUsage usedSize) after a forced GC, a second after board-ready',
    },
    {
      scenario,
      figure: 'Blink heap after load (DOM, layout)',
      unit: 'MB',
      ours: mine.blinkHeapMb,
      ...withTheirs(other?.blinkHeapMb),
      note: "Runtime.getHeapUsage embedderHeapUsedSize; neither figure holds canvas pixels (excalidraw's drawn notes)",
    },
    {
      scenario,
      figure: 'remote edit → paint p95',
      unit: 'ms',
      ours: mine.editToPaintP95,
      ...withTheirs(other?.editToPaintP95),
      target: '≤ 20 ms',
      met: mine.editToPaintP95 <= 20,
      note: `${options.remoteEdits} edits 120 ms apart; ours from the colleague's send through our server, excalidraw from the edit's arrival in the page (no server)`,
    },
    {
      scenario,
      figure: 'key press Event Timing duration p95',
      unit: 'ms',
      ours: mine.keyP95,
      ...withTheirs(other?.keyP95),
      target: '≤ 32 ms',
      met: mine.keyP95 <= 32,
      note: `${options.keyPresses} presses each; entries of 16 ms or more reported: ours ${mine.keysReported}${other ? `, excalidraw ${other.keysReported}` : ''} (0 means under 16 ms)`,
    },
    {
      scenario,
      figure: 'initial JavaScript (gzip)',
      unit: 'KB',
      ours: ours.initialJsKb!,
      ...withTheirs(theirs?.initialJsKb),
      target: '≤ 180 KB',
      met: ours.initialJsKb! <= 180,
    },
  ];
}
