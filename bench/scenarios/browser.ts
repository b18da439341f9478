/**
 * Scenario 4: the 3,000-note board with its typing history (2.5 MB) in headless Chromium, served by our server
 * from the production build: navigation to `board-ready` (synced and painted), remote edit to paint, key press
 * Event Timing, JS heap. The board made in one go is measured against excalidraw in scenarios/board.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { launchChromium } from '../../test/browser/chromium';
import { boardWithHistory, storeOurBoard } from '../lib/fixtures';
import { measureLoadedBoard, openOurBoard } from '../lib/ourBoardPage';
import { startOurs } from '../lib/servers';
import { median, type Row } from '../lib/stats';

export interface BrowserOptions {
  navigations: number;
  remoteEdits: number;
  keyPresses: number;
}

const BOARD_ID = 'browserHstry';

export async function browserScenario(options: BrowserOptions, log: (line: string) => void): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'board-bench-browser-'));
  const history = Y.encodeStateAsUpdate(boardWithHistory(3000));
  await storeOurBoard(dir, BOARD_ID, history);
  const server = await startOurs(dir);
  const browser = await launchChromium();
  try {
    log('browser: 3,000 notes with typing history…');
    // Fresh contexts: nothing cached, as a first visit. The room stays loaded on the server after the first.
    const readyMs: number[] = [];
    for (let i = 0; i < options.navigations - 1; i++) {
      const { context, ready } = await openOurBoard(browser, server, BOARD_ID);
      readyMs.push(ready);
      await context.close();
    }
    const { context, page, ready } = await openOurBoard(browser, server, BOARD_ID);
    readyMs.push(ready);
    const figures = await measureLoadedBoard(context, page, server, BOARD_ID, options);
    await context.close();
    const scenario = `browser, 3,000 notes with typing history (${(history.byteLength / 1e6).toFixed(1)} MB)`;
    return [
      {
        scenario,
        figure: 'navigation → board-ready',
        unit: 'ms',
        ours: median(readyMs),
        note: `median of ${readyMs.length} cold navigations: ${readyMs.map((t) => t.toFixed(0)).join(', ')} ms`,
      },
      { scenario, figure: 'remote edit → paint p95', unit: 'ms', ours: figures.editToPaintP95 },
      {
        scenario,
        figure: 'key press Event Timing duration p95',
        unit: 'ms',
        ours: figures.keyP95,
        note: `${options.keyPresses} presses, ${figures.keysReported} keydown/input entries of 16 ms or more reported (shorter ones are not reported; 0 means under 16 ms)`,
      },
      { scenario, figure: 'JS heap after load (after GC)', unit: 'MB', ours: figures.heapMb },
    ];
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
