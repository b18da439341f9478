import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCuttableProxy } from '../server/cuttableProxy';
import { BrowserHarness, shown } from './harness';

const presence = (page: Page) => page.getByRole('region', { name: '参加中のメンバー' });
const presenceNames = (page: Page) =>
  presence(page)
    .getByRole('listitem')
    .evaluateAll((items) => items.map((item) => item.querySelector('.visually-hidden')?.textContent ?? ''));
const selectedTab = (page: Page) => page.getByRole('tab', { selected: true }).innerText();
const followBanner = (page: Page) => page.locator('.follow-banner');

describe('presence among colleagues', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await new BrowserHarness().start();
  });
  afterAll(() => harness.stop());

  it('lists a person with two tabs once, and a viewer by the number the server gave it', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    // A second tab of the same browser: the same person (the guest identity this browser got).
    const secondTab = await facilitator.context().newPage();
    await secondTab.goto(facilitator.url());
    await secondTab.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0, null, {
      timeout: 20_000,
    });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    // The viewer typed a name, but nobody vouches for it: it is shown as a numbered viewer.
    const viewer = await harness.openBoard(board, 'viewer', { name: '偽の課長' });

    await expect
      .poll(() => presenceNames(participant).then((n) => n.sort()))
      .toEqual(['佐藤（あなた）', '進行役', '閲覧者 1'].sort());
    await shown(presence(participant).getByText('3人が参加中'));
    await expect
      .poll(() => presenceNames(secondTab).then((n) => n.sort()))
      .toEqual(['佐藤', '進行役（あなた）', '閲覧者 1'].sort());
    await expect
      .poll(() => presenceNames(viewer).then((n) => n.sort()))
      .toEqual(['佐藤', '進行役', '閲覧者（あなた）'].sort());
  });

  it('makes followers follow the facilitator again after the facilitator’s network dropped for a while', async () => {
    const board = await harness.createBoard();
    const proxy = await startCuttableProxy(harness.server.port);
    try {
      const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役', origin: proxy.url });
      const followers = [
        await harness.openBoard(board, 'participant', { name: '佐藤' }),
        await harness.openBoard(board, 'participant', { name: '鈴木' }),
      ];
      await facilitator.getByRole('button', { name: 'フォローミー（画面を合わせてもらう）' }).click();
      await facilitator.getByRole('tab', { name: '優先度マトリクス' }).click();
      for (const follower of followers) {
        await shown(follower.getByText('ファシリテーターの画面に合わせています'));
        await expect.poll(() => selectedTab(follower)).toBe('優先度マトリクス');
      }

      proxy.cut();
      // Nobody is told they follow a screen that no longer reaches them.
      for (const follower of followers) {
        await expect.poll(() => followBanner(follower).innerText()).toContain('ファシリテーターの接続が切れています');
      }
      // The facilitator moves on while cut off; once back, everyone follows.
      await facilitator.getByRole('tab', { name: '投票' }).click();
      proxy.restore();
      for (const follower of followers) {
        await expect.poll(() => selectedTab(follower), { timeout: 15_000 }).toBe('投票');
        await expect.poll(() => followBanner(follower).innerText()).toContain('ファシリテーターの画面に合わせています');
        expect(await presenceNames(follower)).toContain('進行役');
      }
      // The facilitator sees everyone again too.
      await expect.poll(() => presenceNames(facilitator).then((n) => n.length)).toBe(3);
    } finally {
      await proxy.close();
    }
  });
});
