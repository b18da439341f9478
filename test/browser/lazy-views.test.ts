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
    // Another view that can load is shown: the failure was that view's only.
    await page.getByRole('tab', { name: '優先度マトリクス' }).click();
    await shown(page.getByRole('region', { name: /^未配置/ }));
    await page.getByRole('tab', { name: 'ボード' }).click();
    await addNoteByTyping(page, CITIZEN, '課題', '表示の読み込みに失敗した後の付箋');
    await shown(noteItem(page, '表示の読み込みに失敗した後の付箋'));
  });

  it('says so when a dialog’s code cannot be fetched, and the page stays', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'facilitator');
    await page.context().route(/\/assets\/ExportDialog-[^/]*\.js$/, (route) => route.abort());
    await page.evaluate(() => caches.delete('app-assets'));
    await page.getByRole('button', { name: '書き出し・印刷' }).click();
    await shown(page.getByRole('alert').filter({ hasText: 'この表示を読み込めませんでした' }));
    await addNoteByTyping(page, CITIZEN, '課題', 'ダイアログの読み込みに失敗した後の付箋');
    await shown(noteItem(page, 'ダイアログの読み込みに失敗した後の付箋'));
  });
});
