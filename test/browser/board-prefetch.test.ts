import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/ops/notes';
import { activePillars } from '../../shared/selectors';
import { connectSynced, waitFor } from '../server/helpers';
import { BrowserHarness, type CreatedBoard, laneRegion, shown } from './harness';

const NOTES = 300;

/** What a page receives and sends while it opens the board: the HTTP board state, and its websocket frames. */
function watchLoad(page: Page) {
  const seen = { stateRequests: 0, stateBytes: 0, largestReceived: 0, largestSent: 0 };
  page.on('response', async (response) => {
    if (!response.url().endsWith('/state')) return;
    seen.stateRequests++;
    if (response.ok()) seen.stateBytes = (await response.body()).byteLength;
  });
  page.on('websocket', (socket) => {
    const size = (payload: string | Buffer) => (typeof payload === 'string' ? payload.length : payload.byteLength);
    socket.on('framereceived', ({ payload }) => {
      seen.largestReceived = Math.max(seen.largestReceived, size(payload));
    });
    socket.on('framesent', ({ payload }) => {
      seen.largestSent = Math.max(seen.largestSent, size(payload));
    });
  });
  return seen;
}

/**
 * Opening a board this device keeps no copy of: its state comes over HTTP beside the join and the websocket then
 * syncs only what changed (client/session/boardPrefetch.ts); the board does not come twice, nor go back.
 */
describe('opening a board with its state fetched ahead', () => {
  const harness = new BrowserHarness();
  let board: CreatedBoard;
  let pillarTitle: string;
  beforeAll(async () => {
    await harness.start();
    board = await harness.createBoard();
    const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
    const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.participant);
    const tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
    const pillar = activePillars(settings.doc)[0]!;
    pillarTitle = pillar.title;
    tool.doc.transact(() => {
      for (let i = 0; i < NOTES; i++) {
        const text = `窓口の手続きをもっと簡単にしてほしいという声が多い${i}番`;
        addNote(tool.doc, { id: `n${i}`, pillarId: pillar.id, lane: 'problem', text, author: 't' });
      }
    });
    const check = await connectSynced(wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => check.doc.getMap('notes').size === NOTES, 'every note stored');
    for (const client of [settings, tool, check]) client.destroy();
  });
  afterAll(() => harness.stop());

  it('gets the board once, over HTTP, sends none of it back, and has nothing waiting to be sent', async () => {
    let seen: ReturnType<typeof watchLoad> | null = null;
    const page = await harness.openBoard(board, 'participant', {
      name: '佐藤',
      beforeOpen: (opened) => {
        seen = watchLoad(opened);
      },
    });
    const lane = laneRegion(page, pillarTitle, '課題');
    await expect.poll(() => lane.getByRole('listitem').count(), { timeout: 10_000 }).toBe(NOTES);
    // Opening the board takes the focus nowhere (the overview's button once took it, shown at once).
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    const load = seen as unknown as ReturnType<typeof watchLoad>;
    expect(load.stateRequests).toBe(1);
    expect(load.stateBytes).toBeGreaterThan(NOTES * 50);
    // The websocket's sync carried what changed since (nothing), not the board a second time…
    expect(load.largestReceived).toBeLessThan(load.stateBytes / 10);
    // …and the page sent none of what it fetched back to the server (no update, no step 2 with the board).
    expect(load.largestSent).toBeLessThan(load.stateBytes / 10);
    // Nothing of it counts as this person's change waiting for the server.
    await shown(page.getByRole('status', { name: '保存状態: 保存済み' }));
    expect(await page.getByText(/送信待ち/).count()).toBe(0);
  });

  it("asks who the link is and for the board's state before the app's own script has arrived", async () => {
    const askedWhileHeld: string[] = [];
    const page = await harness.openBoard(board, 'participant', {
      name: '鈴木',
      beforeOpen: async (opened) => {
        let releaseScript = () => {};
        const scriptHeld = new Promise<void>((release) => (releaseScript = release));
        let held = false;
        opened.on('request', (request) => {
          const path = new URL(request.url()).pathname;
          if (held && /\/api\/boards\/[^/]+\/(me|state)$/.test(path)) askedWhileHeld.push(path.split('/').pop()!);
          if (askedWhileHeld.includes('me') && askedWhileHeld.includes('state')) releaseScript();
        });
        // The app's chunk (preloaded by the page) is held back until the page asked for both: a page that asks
        // only once its app runs never gets it, and never shows the board.
        await opened.route(/\/assets\/app-[^/]+\.js$/, async (route) => {
          held = true;
          await scriptHeld;
          await route.continue();
        });
      },
    });
    await expect
      .poll(() => laneRegion(page, pillarTitle, '課題').getByRole('listitem').count(), { timeout: 15_000 })
      .toBe(NOTES);
    expect(askedWhileHeld).toEqual(expect.arrayContaining(['me', 'state']));
  });

  it('asks for a guest identity beside /me on a first visit, made only for a shared participant link', async () => {
    const fresh = await harness.createBoard();
    const events: string[] = [];
    // A viewer's link: its guest request is refused, and nothing is made.
    const viewer = await harness.openBoard(fresh, 'viewer', { name: '閲覧者' });
    await viewer.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
    await harness.openBoard(fresh, 'participant', {
      name: '高橋',
      beforeOpen: (opened) => {
        opened.on('request', (request) => {
          if (request.url().endsWith('/guests')) events.push('guests asked');
        });
        opened.on('requestfinished', (request) => {
          if (request.url().endsWith('/me')) events.push('me answered');
        });
      },
    });
    // Asked before /me answered: one round trip, not two.
    expect(events.slice(0, 2)).toEqual(['guests asked', 'me answered']);
    const answer = await fetch(`${harness.server.url}/api/boards/${fresh.id}/people`, {
      headers: { authorization: `Bearer ${fresh.tokens.facilitator}` },
    });
    const { people } = (await answer.json()) as { people: { name: string; kind: string }[] };
    expect(people.map(({ name, kind }) => `${kind}:${name}`)).toEqual(['guest:高橋']);
  });

  it('asks for no state on a device that keeps a copy of the board: the websocket syncs what the copy lacks', async () => {
    const page = await harness.openBoard(board, 'viewer', { name: '閲覧者' });
    await expect
      .poll(() => laneRegion(page, pillarTitle, '課題').getByRole('listitem').count(), { timeout: 10_000 })
      .toBe(NOTES);
    // On a first visit the copy opens once the board is shown and the page idle (earlyBoard.ts), and says so.
    await page.waitForFunction(() => Object.keys(localStorage).some((key) => key.startsWith('board.copyKept.')));
    let stateRequests = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/state')) stateRequests++;
    });
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
    await expect
      .poll(() => laneRegion(page, pillarTitle, '課題').getByRole('listitem').count(), { timeout: 10_000 })
      .toBe(NOTES);
    expect(stateRequests).toBe(0);
  });

  it('opens the board over the websocket alone when the state cannot be fetched', async () => {
    let refused = 0;
    const page = await harness.openBoard(board, 'viewer', {
      name: '閲覧者',
      beforeOpen: async (opened) => {
        await opened.route('**/state', (route) => {
          refused++;
          return route.abort('connectionrefused');
        });
      },
    });
    await expect
      .poll(() => laneRegion(page, pillarTitle, '課題').getByRole('listitem').count(), { timeout: 10_000 })
      .toBe(NOTES);
    expect(refused).toBe(1);
  });

  it("says so in the page's language when the app's own script cannot be fetched, and a reload opens the board", async () => {
    const context = await harness.browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      await context.addInitScript(() => window.localStorage.setItem('board.identity.name', '佐藤'));
      const appScript = /\/assets\/app-[^/]+\.js$/;
      await context.route(appScript, (route) => route.abort('internetdisconnected'));
      const english = await context.newPage();
      await english.goto(`${harness.server.url}/b/${board.id}?lang=en#token=${board.tokens.participant}`);
      const alert = english.getByRole('alert');
      await shown(alert.getByText('This page could not be loaded. Check the network connection, then reload.'));
      await shown(english.getByRole('button', { name: 'Reload' }));
      // Read in English by a screen reader: the page says which language it is in.
      expect(await english.evaluate(() => document.documentElement.lang)).toBe('en');
      await english.close();

      const page = await context.newPage();
      await page.goto(`${harness.server.url}/b/${board.id}#token=${board.tokens.participant}`);
      const reload = page.getByRole('button', { name: '再読み込み' });
      await shown(reload);
      await shown(page.getByRole('alert').getByText(/^このページを読み込めませんでした。/));
      // The focus is on the way out, and the network is back.
      expect(await reload.evaluate((button) => button === document.activeElement)).toBe(true);
      await context.unroute(appScript);
      await reload.press('Enter');
      await expect
        .poll(() => laneRegion(page, pillarTitle, '課題').getByRole('listitem').count(), { timeout: 15_000 })
        .toBe(NOTES);
    } finally {
      await context.close();
    }
  });
});
