import { afterAll, beforeAll, describe, it } from 'vitest';
import { addNoteByTyping, BrowserHarness, noteItem, shown } from './harness';

const CITIZEN = '市民サービスの向上';

describe('views loaded when first opened', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('says so when a view’s code cannot be fetched, and the board keeps working', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    // Neither the network nor the service worker's cache can give the results view's code.
    await page.context().route(/\/assets\/ResultsView-[^/]*\.js$/, (route) => route.abort());
    await page.evaluate(() => caches.delete('app-assets'));
    await page.getByRole('tab', { name: '投票' }).click();
    await shown(page.getByRole('alert').filter({ hasText: 'この表示を読み込めませんでした' }));
    await shown(page.getByRole('button', { name: '再読み込み' }));
    await page.getByRole('tab', { name: 'ボード' }).click();
    await addNoteByTyping(page, CITIZEN, '課題', '表示の読み込みに失敗した後の付箋');
    await shown(noteItem(page, '表示の読み込みに失敗した後の付箋'));
  });
});
