import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomName } from '../../shared/protocol';
import { addNoteByTyping, BrowserHarness, noteItem, shown } from './harness';

const CITIZEN = '市民サービスの向上';

describe('opening a board: what can go side by side does', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('opens the offline copy while the server is still asked who the link is, then connects once, with both', async () => {
    const board = await harness.createBoard();
    const context = await harness.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(() => window.localStorage.setItem('board.identity.name', '山田'));
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(new URL(socket.url()).pathname));
    // The answer to "who is this link" is held until this device's copy of the board is open (or 10 s).
    let copyOpenWhileAsked: boolean | null = null;
    await context.route(/\/api\/boards\/[^/]+\/me$/, async (route) => {
      const copyOpen = () =>
        page.evaluate(
          async (name) => (await indexedDB.databases()).some((db) => db.name === name),
          `board:${board.id}`,
        );
      copyOpenWhileAsked ??= await expect
        .poll(copyOpen, { timeout: 10_000 })
        .toBe(true)
        .then(
          () => true,
          () => false,
        );
      await route.continue();
    });
    await page.goto(`${harness.server.url}/b/${board.id}#token=${board.tokens.participant}`);
    await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0, null, {
      timeout: 30_000,
    });
    expect(copyOpenWhileAsked).toBe(true);
    // The board is shown from its state fetched over HTTP (a first visit), the sockets' sync arriving after it.
    await page.waitForFunction(() => performance.getEntriesByName('board-synced').length > 0);
    // The session started before React showed the board is the one the page uses: one socket per document (they
    // connect once the fetched state is in, so they may open after the first paint).
    expect(sockets.sort()).toEqual(
      [`/ws/${roomName(board.id, 'board')}`, `/ws/${roomName(board.id, 'settings')}`].sort(),
    );
    const marks = await page.evaluate(() =>
      ['board-prefetched', 'board-connect', 'board-synced', 'board-ready'].map(
        (name) => performance.getEntriesByName(name).length,
      ),
    );
    expect(marks).toEqual([1, 1, 1, 1]);
    await addNoteByTyping(page, CITIZEN, '課題', '早く開いた付箋');
    await shown(noteItem(page, '早く開いた付箋'));
    await context.close();
  });
});
