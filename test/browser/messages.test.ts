import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { absent, addNoteByTyping, BrowserHarness, noteAction, noteItem, shown } from './harness';

const CITIZEN = '市民サービスの向上';
/** How long a toast lives (client/board/useToasts.ts TOAST_MS), and a margin for a loaded machine. */
const TOAST_MS = 10_000;
const CLOSES_WITHIN = { state: 'detached', timeout: TOAST_MS + 15_000 } as const;

/** The 元に戻す of the toast that names `text`. */
const toastUndo = (page: Page, text: string) =>
  page.locator('.toasts').locator('.toast').filter({ hasText: text }).getByRole('button', { name: '元に戻す' });

/**
 * What is asserted is "still there after its lifetime": the condition is a span of time, so this waits out the
 * toast's lifetime (from when it appeared) and a margin, then looks.
 */
async function outliveToast(page: Page, since: number): Promise<void> {
  await page.waitForTimeout(Math.max(0, since + TOAST_MS + 2_000 - Date.now()));
}

describe('messages: toasts close by themselves, pause while used, and stay in the message log', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('closes a toast with 元に戻す by itself, keeps it while hovered or focused, and keeps its undo in メッセージ and ごみ箱', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await addNoteByTyping(page, CITIZEN, '課題', '窓口が混む');
    await addNoteByTyping(page, CITIZEN, '課題', '申請が紙');
    await addNoteByTyping(page, CITIZEN, 'アイデア', '書かない窓口');
    await shown(noteItem(page, '書かない窓口'));

    // Left alone, the toast with its 元に戻す closes by itself.
    await noteAction(page, '窓口が混む', '削除');
    const first = page.locator('.toast').filter({ hasText: '付箋「窓口が混む」を削除しました。' });
    await shown(first);
    expect(await toastUndo(page, '窓口が混む').count()).toBe(1);
    await first.waitFor(CLOSES_WITHIN);

    // Hovered, it stays past its lifetime; once the pointer leaves, it goes.
    await noteAction(page, '申請が紙', '削除');
    const second = page.locator('.toast').filter({ hasText: '付箋「申請が紙」を削除しました。' });
    await shown(second);
    const hoveredSince = Date.now();
    await second.hover();
    await outliveToast(page, hoveredSince);
    expect(await second.isVisible()).toBe(true);
    await page.mouse.move(5, 5);
    await second.waitFor(CLOSES_WITHIN);

    // Focused (a keyboard user reaching 元に戻す), it stays too; when the focus leaves, it goes.
    await noteAction(page, '書かない窓口', '削除');
    const third = page.locator('.toast').filter({ hasText: '付箋「書かない窓口」を削除しました。' });
    await shown(third);
    const focusedSince = Date.now();
    await toastUndo(page, '書かない窓口').focus();
    await page.mouse.move(5, 5);
    await outliveToast(page, focusedSince);
    expect(await third.isVisible()).toBe(true);
    await page.getByRole('tab', { name: 'ボード' }).focus();
    await third.waitFor(CLOSES_WITHIN);

    // The message log lists the three, newest first, and their undo still works.
    await page.getByRole('button', { name: /^メッセージ/ }).click();
    const log = page.getByRole('region', { name: '最近のメッセージ' });
    await shown(log);
    await expect
      .poll(() => log.getByRole('listitem').allInnerTexts())
      .toEqual([
        expect.stringContaining('付箋「書かない窓口」を削除しました。'),
        expect.stringContaining('付箋「申請が紙」を削除しました。'),
        expect.stringContaining('付箋「窓口が混む」を削除しました。'),
      ]);
    await log.getByRole('listitem').filter({ hasText: '申請が紙' }).getByRole('button', { name: '元に戻す' }).click();
    await shown(noteItem(page, '申請が紙'));
    // Used once: its button leaves the log, the focus stays in the log.
    expect(
      await log.getByRole('listitem').filter({ hasText: '申請が紙' }).getByRole('button', { name: '元に戻す' }).count(),
    ).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('最近のメッセージ');
    await page.keyboard.press('Escape');
    await absent(log);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/^メッセージ/);

    // And ごみ箱 still has the other deleted note, long after its toast closed.
    await page.getByRole('button', { name: 'ごみ箱 (2)' }).click();
    const trash = page.getByRole('dialog', { name: 'ごみ箱' });
    await trash.getByRole('button', { name: '「窓口が混む」を元に戻す' }).click();
    await shown(noteItem(page, '窓口が混む'));
    expect(harness.pageErrors).toEqual([]);
  });

  it('keeps a dissolved group undoable with Ctrl+Z after its toast closed by itself', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await addNoteByTyping(page, CITIZEN, '課題', '窓口が混む');
    await addNoteByTyping(page, CITIZEN, '課題', '申請が紙');
    await shown(noteItem(page, '申請が紙'));
    await noteItem(page, '窓口が混む').focus();
    await page.keyboard.press('g');
    const dialog = page.getByRole('dialog', { name: 'グループにする' });
    await dialog.getByRole('radio', { name: '課題: 申請が紙' }).check();
    await dialog.getByRole('button', { name: 'グループにする', exact: true }).click();
    const group = page.getByRole('listitem', { name: /^グループ: / });
    await shown(group);

    await page.getByRole('button', { name: /^グループ「.*」を解散$/ }).click();
    await absent(group);
    const dissolved = page.locator('.toast').filter({ hasText: 'を解散しました。' });
    await shown(dissolved);
    await dissolved.waitFor(CLOSES_WITHIN);

    // The toast is gone; 元に戻す (here Ctrl+Z on the board, outside a text field) still brings the group back.
    await noteItem(page, '窓口が混む').focus();
    await page.keyboard.press('Control+z');
    await shown(group);
    expect(harness.pageErrors).toEqual([]);
  });

  it('never covers the focused note (the one just acted on) with a toast, wherever on the screen it is', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await page.setViewportSize({ width: 1366, height: 480 });
    await addNoteByTyping(page, CITIZEN, '課題', '消す付箋');
    await addNoteByTyping(page, CITIZEN, '課題', '左の付箋');
    await addNoteByTyping(page, '業務の効率化', '課題', '中央の付箋');
    await shown(noteItem(page, '中央の付箋'));
    await noteAction(page, '消す付箋', '削除');
    const message = page.locator('.toast').filter({ hasText: '付箋「消す付箋」を削除しました。' });
    await shown(message);
    // A note of the left pillar (under the toasts' corner) and one of the middle pillar, each brought to the
    // bottom edge of the window and focused, as after an action on it.
    for (const text of ['左の付箋', '中央の付箋']) {
      const note = noteItem(page, text);
      await note.evaluate((element) => element.scrollIntoView({ block: 'end' }));
      await note.focus();
      await expect
        .poll(async () => {
          const [a, b] = [await note.boundingBox(), await message.boundingBox()];
          if (!a || !b) return 'not shown';
          const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
          return apart ? 'apart' : `covered ${text} ${JSON.stringify([a, b])}`;
        })
        .toBe('apart');
    }
  });
});
