import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInitiativeFromItem } from '../../shared/ops/initiatives';
import { addNote } from '../../shared/ops/notes';
import { activePillars } from '../../shared/selectors';
import { connectSynced } from '../server/helpers';
import { seriousViolations } from './axe';
import { absent, BrowserHarness, type CreatedBoard, shown } from './harness';

/** This page's stored "seen" snapshot of the board (client/visit/visitTracker.ts), or null. */
function storedVisit(page: Page, boardId: string) {
  return page.evaluate((prefix) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith(prefix));
    return key ? localStorage.getItem(key) : null;
  }, `board.visit.${boardId}.`);
}

/**
 * A board with four loose 課題 notes in the first pillar and two draft initiatives made from the first two by a
 * Yjs tool (before anyone's first visit).
 */
async function boardWithDrafts(harness: BrowserHarness): Promise<CreatedBoard> {
  const board = await harness.createBoard();
  const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
  const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.participant);
  const tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
  const [first] = activePillars(settings.doc);
  if (!first) throw new Error('the template has pillars');
  tool.doc.transact(() => {
    for (const title of ['窓口', '予約', '通知', '自分の案']) {
      addNote(tool.doc, { id: `n-${title}`, pillarId: first.id, lane: 'problem', text: title, author: 'tool' });
    }
    for (const title of ['窓口', '予約']) {
      const made = createInitiativeFromItem(tool.doc, settings.doc, {
        id: `i-${title}`,
        itemId: `n-${title}`,
        personId: 'tool',
        roundNumber: null,
      });
      if (!made.ok) throw new Error(made.error);
    }
  });
  // The tool leaves once the server has everything (a viewer's fresh copy shows both initiatives).
  const check = await connectSynced(wsUrl, board.id, board.tokens.viewer);
  await expect.poll(() => check.doc.getMap('initiatives').size).toBe(2);
  for (const client of [check, tool, settings]) client.destroy();
  return board;
}

const openTab = (page: Page, name: string) => page.getByRole('tab', { name }).click();
const card = (page: Page, title: string) => page.getByRole('listitem', { name: title, exact: true });
const badge = (page: Page, title: string) => card(page, title).locator('.visit-badge');
const editor = (page: Page) => page.getByRole('dialog', { name: /^取組案の編集/ });
const focusedInitiative = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-initiative-id') ?? null);

describe('since your last visit: draft initiatives', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('marks the initiatives a colleague drafted and edited while this person was away, lists them and jumps to them', async () => {
    const board = await boardWithDrafts(harness);

    // Bob's first visit: he makes a draft of his own on the matrix, and leaves once the page has recorded it.
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    const bobContext = bob.context();
    const bobLink = `${harness.server.url}/b/${board.id}#token=${board.tokens.participant}`;
    await expect.poll(() => storedVisit(bob, board.id)).not.toBeNull();
    const seenBefore = await storedVisit(bob, board.id);
    await openTab(bob, '優先度マトリクス');
    await bob.getByRole('button', { name: '「自分の案」を取組案にする' }).click();
    await openTab(bob, '取組案');
    await shown(card(bob, '自分の案'));
    await expect.poll(() => storedVisit(bob, board.id), { timeout: 15_000 }).not.toBe(seenBefore);
    await bob.close();

    // While Bob is away, Alice drafts one initiative and fills in another one's department.
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await openTab(alice, '優先度マトリクス');
    await alice.getByRole('button', { name: '「通知」を取組案にする' }).click();
    await openTab(alice, '取組案');
    await shown(card(alice, '通知'));
    await alice.getByRole('button', { name: '取組案「窓口」を編集' }).click();
    await editor(alice).getByRole('textbox', { name: '担当課', exact: true }).pressSequentially('市民課');
    await editor(alice).getByRole('button', { name: '閉じる' }).click();
    await shown(card(alice, '窓口').getByText('市民課'));
    const addedId = await card(alice, '通知').getAttribute('data-initiative-id');

    // Bob comes back in the same browser, on the board view: the 取組案 view has not been opened yet.
    const back = await bobContext.newPage();
    await back.goto(bobLink);
    await back.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0, null, { timeout: 20_000 });
    const count = back.getByRole('button', { name: '前回から2件（前回の訪問からの変更の一覧を開く）' });
    await shown(count);
    await count.click();
    const list = back.getByRole('dialog', { name: '前回の訪問からの変更' });
    // The list's code loads when first opened: wait for its entries before reading them.
    await list.getByRole('listitem').first().waitFor();
    expect(await list.getByRole('listitem').allInnerTexts()).toEqual([
      '取組案の内容の変更: 窓口',
      '取組案の追加: 通知',
    ]);
    expect(await seriousViolations(back)).toEqual([]);
    await list.getByRole('button', { name: '取組案の追加: 通知' }).click();
    await expect.poll(() => focusedInitiative(back)).toBe(addedId);
    expect(await back.getByRole('tab', { name: '取組案' }).getAttribute('aria-selected')).toBe('true');

    // The cards: 新着 and 更新 with their full text for screen readers, on exactly those two.
    await expect.poll(() => badge(back, '通知').innerText()).toContain('新着');
    expect(await badge(back, '窓口').innerText()).toContain('更新');
    expect(await badge(back, '通知').locator('.visually-hidden').textContent()).toBe(' 前回の訪問から追加された取組案');
    expect(await badge(back, '窓口').locator('.visually-hidden').textContent()).toBe(' 前回の訪問から更新された取組案');
    expect(await badge(back, '予約').count()).toBe(0);
    expect(await badge(back, '自分の案').count()).toBe(0);
    expect(await seriousViolations(back)).toEqual([]);

    // From the list again, now with the 取組案 view open: the other card takes the focus.
    await count.click();
    await list.getByRole('button', { name: '取組案の内容の変更: 窓口' }).click();
    await expect.poll(() => focusedInitiative(back)).toBe('i-窓口');

    // Marking all as read clears the cards' marks.
    await count.click();
    await list.getByRole('button', { name: 'すべて既読にする' }).click();
    await list.getByRole('button', { name: '閉じる' }).click();
    await absent(back.getByRole('button', { name: /^前回から/ }));
    expect(await back.locator('.visit-badge').count()).toBe(0);
    expect(harness.pageErrors).toEqual([]);
  });
});
