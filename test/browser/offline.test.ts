import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCuttableProxy } from '../server/cuttableProxy';
import { addNoteByTyping, BrowserHarness, noteItem, openEditor, shown } from './harness';

const CITIZEN = '市民サービスの向上';

const saveState = (page: Page) => page.getByRole('status', { name: /^保存状態:/ });

describe('offline-first: a participant cut off from the server', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await new BrowserHarness().start();
  });
  afterAll(() => harness.stop());

  it('keeps working, survives a reload while offline, and converges with nothing lost when the network is back', async () => {
    const board = await harness.createBoard();
    const proxy = await startCuttableProxy(harness.server.port);
    try {
      // Alice reaches the server only through the proxy; Bob directly.
      const alice = await harness.openBoard(board, 'participant', { name: '佐藤', origin: proxy.url });
      const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
      await addNoteByTyping(alice, CITIZEN, '課題', 'オンラインの付箋');
      await expect.poll(() => saveState(alice).getAttribute('aria-label')).toBe('保存状態: 保存済み');
      await shown(noteItem(bob, 'オンラインの付箋'));
      // The app is cached by the service worker, so the page itself opens offline.
      await alice.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });

      proxy.cut();
      await addNoteByTyping(alice, CITIZEN, '課題', 'オフラインで追加');
      const editor = await openEditor(alice, 'オンラインの付箋');
      await editor.fill('オンラインの付箋（オフラインで修正）');
      await editor.press('Escape');
      await shown(noteItem(alice, 'オンラインの付箋（オフラインで修正）'));
      await expect.poll(() => saveState(alice).getAttribute('aria-label')).toMatch(/^保存状態: \d+件の変更を送信待ち$/);
      await addNoteByTyping(bob, CITIZEN, '達成目標', 'その間の付箋');

      // A reload without a connection: the page, the board and the waiting changes come from this device.
      await alice.reload();
      await alice.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0, null, {
        timeout: 20_000,
      });
      await shown(noteItem(alice, 'オフラインで追加'));
      await shown(noteItem(alice, 'オンラインの付箋（オフラインで修正）'));
      await expect.poll(() => saveState(alice).getAttribute('aria-label')).toMatch(/^保存状態: \d+件の変更を送信待ち$/);
      await addNoteByTyping(alice, CITIZEN, 'アイデア', 'リロード後の付箋');
      // Views loaded on demand (not named by the page) open offline too: the worker cached the whole build.
      await alice.getByRole('tab', { name: '優先度マトリクス' }).click();
      await shown(alice.getByRole('region', { name: /^未配置/ }));
      await alice.getByRole('tab', { name: 'ボード' }).click();

      proxy.restore();
      await expect
        .poll(() => saveState(alice).getAttribute('aria-label'), { timeout: 20_000 })
        .toBe('保存状態: 保存済み');
      for (const page of [alice, bob]) {
        for (const text of [
          'オフラインで追加',
          'オンラインの付箋（オフラインで修正）',
          'リロード後の付箋',
          'その間の付箋',
        ]) {
          await shown(noteItem(page, text));
        }
      }
      expect(await bob.getByRole('listitem', { name: '付箋: オンラインの付箋', exact: true }).count()).toBe(0);
      expect(harness.externalRequests).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('installs the service worker only once the board is shown whole, not while it is being shown', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant', {
      name: '佐藤',
      // What the page had shown when it asked for the worker: installing it fetches and caches every file of the
      // build, which took the CPU from a big board's first paint.
      beforeOpen: async (opened) => {
        await opened.addInitScript(() => {
          const register = ServiceWorkerContainer.prototype.register;
          ServiceWorkerContainer.prototype.register = function (...args: Parameters<typeof register>) {
            (window as unknown as { __registeredAfter: string[] }).__registeredAfter = [
              'board-ready',
              'board-complete',
            ].filter((mark) => performance.getEntriesByName(mark).length > 0);
            return register.apply(this, args);
          };
        });
      },
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
    const after = await page.evaluate(() => (window as unknown as { __registeredAfter?: string[] }).__registeredAfter);
    expect(after).toEqual(['board-ready', 'board-complete']);
  });
});
