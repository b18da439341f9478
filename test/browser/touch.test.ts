import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNoteByTyping, BrowserHarness, laneRegion, noteItem } from './harness';

const CITIZEN = '市民サービスの向上';
const TALENT = '人材育成';

describe('touch', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('moves a note by press-and-hold and drag on a touch screen', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant', { touch: true });
    await addNoteByTyping(page, CITIZEN, 'アイデア', 'タブレットで会議に参加');
    const from = await noteItem(page, 'タブレットで会議に参加').locator('.note-text').boundingBox();
    const to = await laneRegion(page, TALENT, 'アイデア').boundingBox();
    if (!from || !to) throw new Error('not laid out');

    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x: Math.round(x), y: Math.round(y) }],
      });
    const start = { x: from.x + 20, y: from.y + from.height / 2 };
    await touch('touchStart', start.x, start.y);
    // Press and hold: a quick swipe scrolls the board instead of dragging a note.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 400)));
    const end = { x: to.x + to.width / 2, y: to.y + to.height / 2 };
    for (let step = 1; step <= 10; step++) {
      await touch('touchMove', start.x + ((end.x - start.x) * step) / 10, start.y + ((end.y - start.y) * step) / 10);
    }
    await touch('touchEnd', end.x, end.y);
    await cdp.detach();

    await expect
      .poll(() => laneRegion(page, TALENT, 'アイデア').getByRole('listitem').allTextContents())
      .toEqual([expect.stringContaining('タブレットで会議に参加')]);
    expect(await laneRegion(page, CITIZEN, 'アイデア').getByRole('listitem').count()).toBe(0);
  });
});
