/**
 * Our board in headless Chromium, served by our server from the production build: navigation to `board-ready`
 * (synced and painted), then on a loaded board the JS heap, remote edit to paint, and key press Event Timing.
 * Used by the browser scenario and by the comparison with excalidraw (scenarios/board.ts).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { BENCH_TOKENS } from './fixtures';
import { PAGE_PROBES, type PageProbes } from './pageProbes';
import { MARK, nowMs } from './rawClient';
import type { BenchServer } from './servers';
import { percentile } from './stats';

export const VIEWPORT = { width: 1400, height: 900 };

export interface LoadedFigures {
  heapMb: number;
  /** Blink's own garbage-collected heap (Oilpan: DOM nodes, style and layout objects), beside V8's. */
  blinkHeapMb: number;
  editToPaintP95: number;
  keyP95: number;
  keysReported: number;
}

export interface LoadOptions {
  remoteEdits: number;
  keyPresses: number;
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A fresh context (nothing cached, as a first visit), the board opened, and its `board-ready` time. */
export async function openOurBoard(browser: Browser, server: BenchServer, boardId: string) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(() => window.localStorage.setItem('board.identity.name', '計測'));
  await context.addInitScript({ content: PAGE_PROBES });
  const page = await context.newPage();
  await page.goto(`${server.httpUrl}/b/${boardId}#token=${BENCH_TOKENS.participant}`);
  const ready = await readyMark(page);
  const complete = await completeMark(page);
  const steps = await loadSteps(page);
  return { context, page, ready, complete, steps };
}

/** The load path's marks the page set (client/session: `board-fetched`, `board-connect`…), name → ms. */
export const LOAD_STEPS = ['board-fetched', 'board-connect', 'board-prefetched', 'board-synced'] as const;

async function loadSteps(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    (names) =>
      Object.fromEntries(
        names.flatMap((name) => {
          const mark = performance.getEntriesByName(name)[0];
          return mark ? [[name, mark.startTime]] : [];
        }),
      ),
    [...LOAD_STEPS],
  );
}

/**
 * The `board-complete` mark's time: every note of the board in the DOM and painted (the first paint shows each
 * lane's first notes, client/notes/firstPaint.ts). Everything measured after load waits for it.
 */
export async function completeMark(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('board-complete').length > 0, null, {
    timeout: 60_000,
  });
  return page.evaluate(() => performance.getEntriesByName('board-complete')[0]!.startTime);
}

/** The `board-ready` mark's time from navigation start, once the page has set it. */
export async function readyMark(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0, null, {
    timeout: 60_000,
  });
  return page.evaluate(() => performance.getEntriesByName('board-ready')[0]!.startTime);
}

/** `Runtime.getHeapUsage` after a forced GC, a second after the board is ready: V8's heap and Blink's. */
export async function heapAfterLoad(context: BrowserContext, page: Page) {
  await sleep(1000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
  await cdp.detach();
  return { heapMb: heap.usedSize / 1024 / 1024, blinkHeapMb: (heap.embedderHeapUsedSize ?? Number.NaN) / 1024 / 1024 };
}

/**
 * Presses keys one at a time, as a person types, into the editor that is open, and returns the Event Timing
 * p95. A press is a keydown and an input event. Events under 16 ms are not reported: they count as 0 here, so a
 * p95 of 0 means "under 16 ms".
 */
export async function typeAndReadKeyTiming(page: Page, keyPresses: number) {
  for (let i = 0; i < keyPresses; i++) {
    await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
    await sleep(80);
  }
  await sleep(500);
  const probes = await page.evaluate(() => (window as unknown as { __probes: PageProbes }).__probes);
  const durations = [...probes.keyDurations];
  while (durations.length < 2 * keyPresses) durations.push(0);
  return { keyP95: percentile(durations, 0.95), keysReported: probes.keyDurations.length, probes };
}

/** On the board opened last: heap, a colleague's edits from a stock client, then typing in a note's editor. */
export async function measureLoadedBoard(
  context: BrowserContext,
  page: Page,
  server: BenchServer,
  boardId: string,
  options: LoadOptions,
): Promise<LoadedFigures> {
  // The page installs its service worker once the board is shown whole (client/lib/serviceWorker.ts): what
  // follows measures the board loaded, not while the worker fetches and caches the build.
  await page.evaluate(() =>
    Promise.race([
      navigator.serviceWorker.ready.then(() => undefined),
      new Promise<void>((resolve) => setTimeout(resolve, 10_000)), // a worker that cannot install is not waited for
    ]),
  );
  const heap = await heapAfterLoad(context, page);

  // A colleague's edits to a note near the top of the board, from a stock client.
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/ws`, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: BENCH_TOKENS.participant },
  });
  while (!provider.synced) await sleep(20);
  const text = (doc.getMap('notes').get('note00010') as Y.Map<unknown>).get('text') as Y.Text;
  for (let i = 0; i < options.remoteEdits; i++) {
    text.insert(text.length, `${MARK}${nowMs().toFixed(2)};`);
    await sleep(120);
  }
  await sleep(500);

  // Typing in a note's editor: Enter on the focused note opens it (its 編集 lives in the note's menu).
  await page.locator('li[data-note-id="note00001"]').focus();
  await page.keyboard.press('Enter');
  const editor = page.getByRole('textbox', { name: '付箋の本文を編集' });
  await editor.waitFor({ state: 'visible' });
  const { keyP95, keysReported, probes } = await typeAndReadKeyTiming(page, options.keyPresses);
  provider.destroy();
  doc.destroy();
  return { ...heap, editToPaintP95: percentile(probes.editToPaint, 0.95), keyP95, keysReported };
}
