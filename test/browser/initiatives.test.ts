import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardRoots } from '../../shared/docs';
import { createInitiativeFromItem } from '../../shared/ops/initiatives';
import { addNote } from '../../shared/ops/notes';
import { readInitiatives } from '../../shared/records/initiative';
import { activePillars } from '../../shared/selectors';
import { connectSynced, type TestClient } from '../server/helpers';
import { writeCluster } from '../unit/prioritizeFixtures';
import { seriousViolations } from './axe';
import { absent, BrowserHarness, type CreatedBoard, noteItem, shown } from './harness';
import { beginComposition } from './ime';
import { FIRST_FISCAL_YEAR, FIRST_FISCAL_YEAR_BOX } from './period';

const CLUSTER = '窓口のデジタル化';
const LOOSE = 'オンライン予約';

/**
 * A board with a cluster (two 課題 notes and a 達成目標 note) and a loose idea in 市民サービスの向上, written the
 * way any Yjs tool can; `observer` stays connected to follow the board document from outside the browsers.
 */
async function boardWithCluster(harness: BrowserHarness): Promise<{ board: CreatedBoard; observer: TestClient }> {
  const board = await harness.createBoard();
  const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
  const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.participant);
  const tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
  const observer = await connectSynced(wsUrl, board.id, board.tokens.viewer);
  const [citizens] = activePillars(settings.doc);
  if (!citizens) throw new Error('the template has pillars');
  const note = (id: string, lane: 'problem' | 'goal' | 'idea', text: string) =>
    addNote(tool.doc, { id, pillarId: citizens.id, lane, text, author: 'tool' });
  note('n1', 'problem', '窓口の待ち時間が長い');
  note('n2', 'problem', '申請書が紙のみ');
  note('n3', 'goal', '待たずに手続きできる');
  note('n4', 'idea', LOOSE);
  writeCluster(tool.doc, 'c1', citizens.id, ['n1', 'n2', 'n3'], CLUSTER);
  await expect.poll(() => observer.doc.getMap('clusters').size).toBe(1);
  settings.destroy();
  tool.destroy();
  return { board, observer };
}

const openTab = (page: Page, name: string) => page.getByRole('tab', { name }).click();
const card = (page: Page, title: string) => page.getByRole('listitem', { name: title, exact: true });
const editor = (page: Page) => page.getByRole('dialog', { name: /^取組案の編集/ });
const announced = (page: Page) => page.locator('div.visually-hidden[role="status"][aria-live]');
const focusedInitiative = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[data-initiative-id]')?.getAttribute('aria-labelledby') ?? null);

describe('draft initiatives (取組案), made from the matrix and edited together', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('makes prefilled initiatives, edits one in two browsers (with Japanese input), reorders by keyboard and by mouse, and marks the source notes', async () => {
    const { board, observer } = await boardWithCluster(harness);
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });

    // Alice: 「取組案にする」 on the cluster's matrix card, then opens it from the message.
    await openTab(alice, '優先度マトリクス');
    await alice.getByRole('button', { name: `「${CLUSTER}」を取組案にする` }).click();
    await shown(alice.getByText(`取組案「${CLUSTER}」を作りました。`));
    await alice.getByRole('button', { name: '取組案を開く' }).click();
    expect(await alice.getByRole('tab', { name: '取組案' }).getAttribute('aria-selected')).toBe('true');
    await shown(card(alice, CLUSTER));
    await expect.poll(() => focusedInitiative(alice)).not.toBeNull();
    await expect(card(alice, CLUSTER).textContent()).resolves.toContain('案');

    // Bob sees on the matrix that the cluster already fed one, and makes another from the loose note.
    await openTab(bob, '優先度マトリクス');
    await shown(bob.getByRole('button', { name: `「${CLUSTER}」を取組案にする（取組案あり: ${CLUSTER}）` }));
    await bob.getByRole('button', { name: `「${LOOSE}」を取組案にする` }).click();
    await openTab(bob, '取組案');
    await shown(card(bob, LOOSE));
    await shown(card(alice, LOOSE));

    // The prefill: 課題 and 達成目標 as bullets from the cluster's notes.
    await alice.getByRole('button', { name: `取組案「${CLUSTER}」を編集` }).click();
    await bob.getByRole('button', { name: `取組案「${CLUSTER}」を編集` }).click();
    const field = (page: Page, name: string) => editor(page).getByRole('textbox', { name, exact: true });
    expect(await field(alice, '解決する課題').inputValue()).toBe('・窓口の待ち時間が長い\n・申請書が紙のみ');
    expect(await field(alice, '達成目標').inputValue()).toBe('・待たずに手続きできる');

    // Different fields at once: Alice the department, Bob the content.
    await field(alice, '担当課').pressSequentially('DX推進課');
    await field(bob, '取組内容').pressSequentially('オンライン予約を導入する');
    await expect.poll(() => field(bob, '担当課').inputValue()).toBe('DX推進課');
    await expect.poll(() => field(alice, '取組内容').inputValue()).toBe('オンライン予約を導入する');

    // The same field: Alice composes Japanese at the end while Bob types at the start; both are kept.
    await field(alice, '取組内容').click();
    await alice.keyboard.press('End');
    const composition = await beginComposition(alice, ['ことで', 'ことで待ち時間を減らす']);
    await field(bob, '取組内容').click();
    await bob.keyboard.press('Home');
    await bob.keyboard.type('全庁で');
    const content = () => readInitiatives(observer.doc).find((i) => i.fields.title === CLUSTER)?.fields.content;
    await expect.poll(content).toBe('全庁でオンライン予約を導入する');
    // The remote edit reached Alice's page mid-composition: her field was left alone (still composing).
    await alice.waitForTimeout(300);
    await composition.commit('ことで待ち時間を減らす');
    const merged = '全庁でオンライン予約を導入することで待ち時間を減らす';
    await expect.poll(content).toBe(merged);
    await expect.poll(() => field(alice, '取組内容').inputValue()).toBe(merged);
    await expect.poll(() => field(bob, '取組内容').inputValue()).toBe(merged);

    // Fiscal years and status, seen by the other.
    await editor(alice).getByRole('checkbox', { name: FIRST_FISCAL_YEAR_BOX }).check();
    await editor(alice).getByRole('combobox', { name: '状態' }).selectOption({ label: '検討中' });
    for (const page of [alice, bob]) await page.keyboard.press('Escape');
    await absent(editor(alice));
    await shown(card(bob, CLUSTER).getByText(FIRST_FISCAL_YEAR));
    await shown(card(bob, CLUSTER).getByText('検討中'));
    await shown(card(bob, CLUSTER).getByText('DX推進課'));

    // Reorder by keyboard: the loose note's initiative goes above the cluster's, announced; Bob sees the order.
    const order = (page: Page) => page.locator('.initiatives-priority-medium').first().locator('h5').allTextContents();
    expect(await order(bob)).toEqual([CLUSTER, LOOSE]);
    await alice.getByRole('button', { name: `取組案「${LOOSE}」を上へ` }).focus();
    await alice.keyboard.press('Enter');
    await expect
      .poll(() => announced(alice).textContent())
      .toBe(`取組案「${LOOSE}」を市民サービスの向上・優先度中の1番目に移動しました。`);
    await expect.poll(() => order(bob)).toEqual([LOOSE, CLUSTER]);
    expect(await alice.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `取組案「${LOOSE}」を上へ`,
    );
    // Once more: past the top of 中 it goes to 高.
    await alice.keyboard.press('Enter');
    await shown(alice.locator('.initiatives-priority-high').first().getByRole('listitem', { name: LOOSE }));

    // By mouse: the cluster's initiative dragged onto the other one goes just before it, in 高.
    const handle = card(alice, CLUSTER).locator('.initiative-drag-handle');
    const from = await handle.boundingBox();
    const to = await card(alice, LOOSE).boundingBox();
    if (!from || !to) throw new Error('not laid out');
    await alice.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await alice.mouse.down();
    await alice.mouse.move(from.x + 20, from.y + 20, { steps: 4 });
    await alice.mouse.move(to.x + to.width / 2, to.y + to.height / 3, { steps: 12 });
    await alice.mouse.up();
    const high = (page: Page) => page.locator('.initiatives-priority-high').first().locator('h5').allTextContents();
    await expect.poll(() => high(bob)).toEqual([CLUSTER, LOOSE]);
    await expect
      .poll(() => announced(alice).textContent())
      .toBe(`取組案「${CLUSTER}」を市民サービスの向上・優先度高の1番目に移動しました。`);

    // Each initiative has its comment button; the source note carries the badge on the board.
    await shown(card(bob, CLUSTER).getByRole('button', { name: `『${CLUSTER}』へのコメント（0件）` }));
    await card(bob, CLUSTER)
      .getByText(/^元の付箋/)
      .click();
    await bob.getByRole('button', { name: '付箋「窓口の待ち時間が長い」をボードで表示' }).click();
    expect(await bob.getByRole('tab', { name: 'ボード' }).getAttribute('aria-selected')).toBe('true');
    await shown(noteItem(bob, '窓口の待ち時間が長い').getByText(`取組案: ${CLUSTER}`));
    await expect
      .poll(() => bob.evaluate(() => document.activeElement?.getAttribute('data-note-id') ?? null))
      .toBe('n1');

    // A comment on an initiative: the activity list names it and leads back to it in the 取組案 view.
    await card(alice, CLUSTER)
      .getByRole('button', { name: `『${CLUSTER}』へのコメント（0件）` })
      .click();
    const thread = alice.getByRole('dialog', { name: `『${CLUSTER}』へのコメント` });
    await thread.getByRole('textbox', { name: 'コメントを書く' }).fill('予算の見込みを書きましょう');
    await thread.getByRole('button', { name: '送信' }).click();
    await shown(thread.getByText('予算の見込みを書きましょう'));
    await alice.keyboard.press('Escape');
    await openTab(bob, '取組案');
    await shown(card(bob, CLUSTER).getByRole('button', { name: `『${CLUSTER}』へのコメント（1件）` }));
    await openTab(alice, 'ボード');
    await alice.getByRole('button', { name: 'アクティビティ' }).click();
    await alice
      .getByRole('dialog', { name: 'ボードのアクティビティ' })
      .getByRole('button', { name: new RegExp(`コメント（${CLUSTER}）: 予算の見込み`) })
      .click();
    await expect.poll(() => focusedInitiative(alice)).not.toBeNull();
    expect(await alice.getByRole('tab', { name: '取組案' }).getAttribute('aria-selected')).toBe('true');

    // Delete with undo, and the trash restores.
    await alice.getByRole('button', { name: `取組案「${LOOSE}」をごみ箱へ移す` }).click();
    await absent(card(alice, LOOSE));
    await alice.getByRole('button', { name: '取組案のごみ箱（1）' }).click();
    await alice.getByRole('button', { name: `取組案「${LOOSE}」を戻す` }).click();
    await shown(card(alice, LOOSE));
    await alice.keyboard.press('Escape');
    expect(boardRoots.initiatives(observer.doc).size).toBe(2);

    // Accessible, with and without the editor open.
    expect(await seriousViolations(alice)).toEqual([]);
    await alice.getByRole('button', { name: `取組案「${CLUSTER}」を編集` }).click();
    await shown(editor(alice));
    expect(await seriousViolations(alice)).toEqual([]);
    observer.destroy();
    expect(harness.pageErrors).toEqual([]);
    expect(harness.externalRequests).toEqual([]);
  });

  it('re-renders only the source notes on a board when an initiative is made from them', async () => {
    const { board, observer } = await boardWithCluster(harness);
    const watcher = await harness.openBoard(board, 'viewer', { name: '高橋', recordRenders: true });
    await shown(noteItem(watcher, LOOSE));
    const before = await watcher.evaluate(() => ({ ...window.__renderCounts }));
    const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
    const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.participant);
    const tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
    const made = createInitiativeFromItem(tool.doc, settings.doc, {
      id: 'i1',
      itemId: 'c1',
      personId: 'tool',
      roundNumber: null,
    });
    expect(made.ok).toBe(true);
    await shown(noteItem(watcher, '待たずに手続きできる').getByText(`取組案: ${CLUSTER}`));
    const after = await watcher.evaluate(() => ({ ...window.__renderCounts }));
    const grew = Object.keys(after).filter((key) => (after[key] ?? 0) > (before[key] ?? 0));
    expect(grew.sort()).toEqual(['note:n1', 'note:n2', 'note:n3']);
    for (const client of [settings, tool, observer]) client.destroy();
  });

  it('shows a viewer the initiatives without any control that changes them', async () => {
    const { board, observer } = await boardWithCluster(harness);
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await openTab(alice, '優先度マトリクス');
    await alice.getByRole('button', { name: `「${CLUSTER}」を取組案にする` }).click();
    const viewer = await harness.openBoard(board, 'viewer', { name: '閲覧者', lang: 'en' });
    await openTab(viewer, 'Priority matrix');
    await shown(viewer.getByRole('img', { name: `Initiative: ${CLUSTER}` }));
    expect(await viewer.getByRole('button', { name: /Make initiative/ }).count()).toBe(0);
    await openTab(viewer, 'Initiatives');
    await shown(card(viewer, CLUSTER));
    expect(
      await card(viewer, CLUSTER)
        .getByRole('button', { name: /^(Edit|Move|Drag)/ })
        .count(),
    ).toBe(0);
    expect(await seriousViolations(viewer)).toEqual([]);
    observer.destroy();
  });
});
