import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInitiativeFromItem } from '../../shared/ops/initiatives';
import { placeOnMatrix } from '../../shared/ops/matrix';
import { addNote } from '../../shared/ops/notes';
import { markShortlisted } from '../../shared/ops/shortlist';
import { activePillars } from '../../shared/selectors';
import { connectSynced } from '../server/helpers';
import {
  absent,
  addNoteByTyping,
  BrowserHarness,
  type CreatedBoard,
  facilitatorTool,
  noteItem,
  shown,
} from './harness';
import { SHORTLIST_NAME } from './period';

/** Where the focus is: the element's tag and accessible name, or 「body」 when it fell to the page. */
const focusOf = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'body';
    const label =
      element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement
        ? element.labels?.[0]?.textContent
        : null;
    return `${element.tagName.toLowerCase()}: ${element.getAttribute('aria-label') ?? label ?? element.textContent?.trim()}`;
  });

/** Two notes on the matrix, both shortlisted, each the source of an initiative. */
async function placedBoard(harness: BrowserHarness): Promise<CreatedBoard> {
  const board = await harness.createBoard();
  const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
  const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.participant);
  const tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
  const [citizens] = activePillars(settings.doc);
  if (!citizens) throw new Error('the template has pillars');
  for (const [id, text, x] of [
    ['n1', '書かない窓口', 0.2],
    ['n2', 'オンライン予約', 0.7],
  ] as const) {
    addNote(tool.doc, { id, pillarId: citizens.id, lane: 'idea', text, author: 'tool' });
    expect(placeOnMatrix(tool.doc, id, { x, y: 0.7 }).ok).toBe(true);
    expect(markShortlisted(tool.doc, id, 'tool').ok).toBe(true);
    const made = createInitiativeFromItem(tool.doc, settings.doc, {
      id: `i-${id}`,
      itemId: id,
      personId: 'tool',
      roundNumber: null,
    });
    expect(made.ok).toBe(true);
  }
  const check = await connectSynced(wsUrl, board.id, board.tokens.viewer);
  await expect.poll(() => check.doc.getMap('initiatives').size).toBe(2);
  for (const client of [settings, tool, check]) client.destroy();
  return board;
}

/** Opens a header tool (メンバー, スナップショット…): one place to adapt when the header's tools move into a menu. */
async function openHeaderTool(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
}

/** Presses Enter on a button found by its name, as a keyboard user. */
async function pressEnterOn(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

describe('focus after the actions of the matrix, the shortlist and the initiatives never falls to the page', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('after トレイに戻す, 外す and ごみ箱へ, each taking its own button away', async () => {
    const board = await placedBoard(harness);
    const page = await harness.openBoard(board, 'participant', { name: '佐藤' });

    await page.getByRole('tab', { name: '優先度マトリクス' }).click();
    await pressEnterOn(page, '「書かない窓口」をトレイに戻す');
    await shown(page.getByRole('button', { name: '「書かない窓口」をマトリクスに置く' }));
    // Back in the tray: the focus on its button there.
    await expect.poll(() => focusOf(page), { timeout: 10_000 }).toBe('button: 「書かない窓口」をマトリクスに置く');

    await page.getByRole('tab', { name: '取り組み候補' }).click();
    const unmark = page.getByRole('button', { name: /^「オンライン予約」を「.*」から外す$/ });
    await unmark.focus();
    await page.keyboard.press('Enter');
    await absent(unmark);
    // The row left the list: the focus on the row before it (the last one).
    await expect
      .poll(() => focusOf(page), { timeout: 10_000 })
      .toBe(`button: 「書かない窓口」を「${SHORTLIST_NAME}」から外す`);

    await page.getByRole('tab', { name: '取組案' }).click();
    await pressEnterOn(page, '取組案「書かない窓口」をごみ箱へ移す');
    await absent(page.getByRole('button', { name: '取組案「書かない窓口」をごみ箱へ移す' }));
    await expect.poll(() => focusOf(page), { timeout: 10_000 }).toBe('button: 取組案「オンライン予約」を編集');
    // Its editor, opened and closed with Escape: back to 編集.
    await page.keyboard.press('Enter');
    await shown(page.getByRole('heading', { name: '取組案の編集: オンライン予約' }));
    await page.keyboard.press('Escape');
    await absent(page.getByRole('heading', { name: '取組案の編集: オンライン予約' }));
    await expect.poll(() => focusOf(page), { timeout: 10_000 }).toBe('button: 取組案「オンライン予約」を編集');
    expect(harness.pageErrors).toEqual([]);
  });

  it('after deleting a comment, removing a member and deleting a snapshot, each from its own dialog', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await addNoteByTyping(page, '市民サービスの向上', '課題', '窓口が混む');
    await shown(noteItem(page, '窓口が混む'));

    // A comment written and deleted in the note's thread: the focus stays in the thread.
    await noteItem(page, '窓口が混む').focus();
    await page.keyboard.press('c');
    const thread = page.locator('dialog[open]');
    await thread.getByRole('textbox', { name: 'コメントを書く' }).fill('月曜が特に');
    await thread.getByRole('textbox', { name: 'コメントを書く' }).press('Control+Enter');
    await shown(thread.getByText('月曜が特に'));
    await thread.getByRole('button', { name: '削除', exact: true }).focus();
    await page.keyboard.press('Enter');
    await absent(thread.getByText('月曜が特に'));
    // The comment left the thread: the focus goes back to writing.
    await expect.poll(() => focusOf(page), { timeout: 10_000 }).toBe('textarea: コメントを書く');
    await page.keyboard.press('Escape');

    // A member added then removed (through its confirmation): the focus stays in the dialog.
    await facilitatorTool(page, 'メンバーとリンク');
    const people = page.getByRole('dialog', { name: 'メンバーとリンク' });
    await people.getByRole('textbox', { name: '氏名' }).fill('田中 一郎');
    await people.getByRole('button', { name: 'メンバーを追加' }).click();
    await people.getByRole('button', { name: '田中 一郎さんを外す' }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('alertdialog');
    await confirm.getByRole('button', { name: /外す/ }).focus();
    await page.keyboard.press('Enter');
    await absent(people.getByRole('button', { name: '田中 一郎さんを外す' }));
    // The member left the roster: the focus goes on to the next control, the field to add one.
    await expect.poll(() => focusOf(page), { timeout: 10_000 }).toBe('input: 氏名');
    await page.keyboard.press('Escape');

    // A snapshot saved then deleted: the focus stays in the dialog.
    await openHeaderTool(page, 'スナップショット');
    const snapshots = page.locator('dialog[open]');
    await snapshots.getByRole('textbox', { name: 'スナップショットの名前' }).fill('第1回');
    await snapshots.getByRole('textbox', { name: 'スナップショットの名前' }).press('Enter');
    await snapshots.getByRole('button', { name: '「第1回」を削除' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('alertdialog').getByRole('button', { name: '削除' }).focus();
    await page.keyboard.press('Enter');
    await absent(snapshots.getByRole('button', { name: '「第1回」を削除' }));
    // The snapshot left the list: the focus goes to the list's heading.
    await expect.poll(() => focusOf(page), { timeout: 10_000 }).toBe('h2: スナップショット（保存した時点のボード）');
    expect(harness.pageErrors).toEqual([]);
  });
});
