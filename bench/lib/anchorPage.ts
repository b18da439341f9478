/**
 * The excalidraw anchor page in headless Chromium (the page: bench/excalidraw-anchor/page.js), measured as our
 * board is (ourBoardPage.ts): same browser, viewport, fresh context per navigation, `board-ready` mark, heap
 * method and key press probe. The notes are the bench board's: same texts and colours, in memory.
 */
import type { Browser } from 'playwright-core';
import { NOTE_COLORS } from '../../shared/records/note';
import type { StaticServer } from './excalidrawAnchor';
import { noteText } from './fixtures';
import {
  heapAfterLoad,
  type LoadedFigures,
  type LoadOptions,
  readyMark,
  sleep,
  typeAndReadKeyTiming,
  VIEWPORT,
} from './ourBoardPage';
import { PAGE_PROBES } from './pageProbes';
import { percentile } from './stats';

interface AnchorWindow {
  __anchor: {
    editToPaint: number[];
    remoteEdit(i: number): void;
    firstNotes: { x: number; y: number; width: number; height: number }[];
    sceneJson?: string;
  };
}

/** The notes of `boardInOneGo(count)` (fixtures.ts) as the anchor page takes them: text, colour, pillar. */
function anchorNotesScript(count: number): string {
  const notes = Array.from({ length: count }, (_, i) => ({
    text: noteText(i, 45),
    color: NOTE_COLORS[i % NOTE_COLORS.length],
    pillar: i % 3,
  }));
  return `window.__benchNotes = ${JSON.stringify(notes)};`;
}

/**
 * The scene the measured navigations load, as a saved excalidraw drawing holds it: made once per run by the page
 * itself (`?prepare`: excalidraw's element API measures and wraps every text, with its fonts loaded), and
 * returned as a script that puts it in memory (`window.__benchScene`) before the page's own script runs.
 */
export async function prepareAnchorScene(browser: Browser, server: StaticServer, count: number): Promise<string> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: anchorNotesScript(count) });
  const page = await context.newPage();
  await page.goto(`${server.url}/?prepare`);
  const handle = await page.waitForFunction(() => (window as unknown as AnchorWindow).__anchor?.sceneJson, null, {
    timeout: 180_000,
  });
  const json = (await handle.jsonValue()) as string;
  await context.close();
  return `window.__benchScene = JSON.parse(${JSON.stringify(json)});`;
}

/** Requests the anchor page made outside the bench's server (a CDN it would fall back to): none expected. */
export const outsideRequests = new Set<string>();

export async function openAnchor(browser: Browser, server: StaticServer, sceneScript: string) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  context.on('request', (request) => {
    if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) outsideRequests.add(request.url());
  });
  // In memory before the page's script runs: excalidraw loads the scene from `initialData`, not the network.
  await context.addInitScript({ content: sceneScript });
  await context.addInitScript({ content: PAGE_PROBES });
  const page = await context.newPage();
  await page.goto(server.url);
  const ready = await readyMark(page);
  return { context, page, ready };
}

/**
 * On the anchor page opened last: heap; a colleague's edits arriving 120 ms apart (as excalidraw's
 * collaboration receives them, timed in the page from arrival to the frame after the render); then typing in
 * the text editor of a note opened by a double click, as a person edits a sticky's text in excalidraw.
 */
export async function measureLoadedAnchor(
  page: Awaited<ReturnType<typeof openAnchor>>['page'],
  context: Awaited<ReturnType<typeof openAnchor>>['context'],
  options: LoadOptions,
): Promise<LoadedFigures> {
  const heap = await heapAfterLoad(context, page);
  for (let i = 0; i < options.remoteEdits; i++) {
    await page.evaluate((n) => (window as unknown as AnchorWindow).__anchor.remoteEdit(n), i);
    await sleep(120);
  }
  // Until every edit is painted (a loaded machine may still be drawing the last ones).
  await page.waitForFunction(
    (count) => (window as unknown as AnchorWindow).__anchor.editToPaint.length >= count,
    options.remoteEdits,
    { timeout: 60_000 },
  );
  const editToPaint = await page.evaluate(() => (window as unknown as AnchorWindow).__anchor.editToPaint);

  // Note 1 (the first of the second pillar), as ours types into note00001; a double click edits its text.
  const note = await page.evaluate(() => (window as unknown as AnchorWindow).__anchor.firstNotes[1]!);
  await page.mouse.dblclick(note.x + note.width / 2, note.y + note.height / 2);
  await page.locator('textarea.excalidraw-wysiwyg').waitFor({ state: 'visible' });
  const { keyP95, keysReported } = await typeAndReadKeyTiming(page, options.keyPresses);
  return { ...heap, editToPaintP95: percentile(editToPaint, 0.95), keyP95, keysReported };
}
