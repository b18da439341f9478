import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { absent, addNoteByTyping, BrowserHarness, noteItem, shown } from './harness';

const CITIZEN = '市民サービスの向上';
const WAITING = '窓口の待ち時間が長い';

/** The focused element as a person hears it: its role (tag) and accessible name (aria-label, or its words). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    const name = element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '';
    return `${element?.tagName.toLowerCase()}: ${name}`;
  });

/** Focus a control and press Enter on it, as a keyboard user does. */
async function pressEnterOn(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

describe('focus after an action stays where the person expects it', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('keeps the focus through a voting round: start, ＋ four times, − back to none, close and reveal', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await addNoteByTyping(page, CITIZEN, '課題', WAITING);
    await shown(noteItem(page, WAITING));
    await page.getByRole('tab', { name: '投票' }).click();

    // 投票を始める → the focus goes to 締め切る, which replaced it.
    await pressEnterOn(page, '第1回の投票を始める');
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe('button: 第1回の投票を締め切る');

    // Enter four times on ＋ is four votes, and the focus stays on ＋.
    const plus = `『${WAITING}』に1票入れる`;
    await pressEnterOn(page, plus);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
    await shown(page.getByRole('listitem', { name: WAITING }).getByText('あなたの票: 4'));
    await shown(page.getByText('残り 1票（全5票）').first());
    expect(await focused(page)).toBe(`button: ${plus}`);

    // − four times: when none is left − is disabled and the focus moves to ＋ of the same item.
    await pressEnterOn(page, `『${WAITING}』から1票戻す`);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
    await shown(page.getByRole('listitem', { name: WAITING }).getByText('あなたの票: 0'));
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe(`button: ${plus}`);
    await page.keyboard.press('Enter');
    await shown(page.getByRole('listitem', { name: WAITING }).getByText('あなたの票: 1'));

    // 締め切る → 結果を公開; 結果を公開 → the revealed round's heading.
    await pressEnterOn(page, '第1回の投票を締め切る');
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe('button: 第1回の結果を公開');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe('h4: 第1回の結果（1人が投票）');
    expect(harness.pageErrors).toEqual([]);
  });

  it('keeps the focus on the ファシリテーター menu button after locking (through its confirmation) and unlocking', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    // The lock is the menu's last item: End goes there.
    await pressEnterOn(page, 'ファシリテーター');
    await page.keyboard.press('End');
    expect(await focused(page)).toBe('button: ボードをロック');
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('alertdialog').getByRole('button', { name: 'ボードをロック' });
    await confirm.focus();
    await page.keyboard.press('Enter');
    await shown(page.getByText('ボードはロック中です。', { exact: false }));
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe('button: ファシリテーター');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    expect(await focused(page)).toBe('button: ロックを解除');
    await page.keyboard.press('Enter');
    await absent(page.getByText('ボードはロック中です。', { exact: false }));
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe('button: ファシリテーター');
  });

  it('moves the focus to the new board’s links after ボードを作成', async () => {
    const context = await harness.browser.newContext();
    const page = await context.newPage();
    await page.goto(harness.server.url);
    await page.getByRole('textbox', { name: 'ボードの名前' }).fill('庁内部会');
    await pressEnterOn(page, 'ボードを作成');
    await shown(page.getByRole('heading', { name: 'ボードができました' }));
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe('h2: ボードができました');
    await context.close();
  });
});
