import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { absent, addNoteByTyping, BrowserHarness, noteAction, noteItem, shown } from './harness';

const CITIZEN = '市民サービスの向上';
/** How long a toast lives (client/ui/useToasts.ts TOAST_MS), and a margin for a loaded machine. */
const TOAST_MS = 10_000;
const CLOSES_WITHIN = { state: 'detached', timeout: TOAST_MS + 15_000 } as const;

/** The 元に戻す of the toast that names `text`. */
const toastUndo = (page: Page, text: string) =>
  page.locator('.toasts').locator('.toast').filter({ hasText: text }).getByRole('button', { name: '元に戻す' });

/**
 * Lets the toast's lifetime and a margin pass on the page's clock (Playwright's, installed with `page.clock.install`
 * before the toast came): the toast's own timer fires then if it is running, with no real wait.
 */
async function outliveToast(page: Page): Promise<void> {
  await page.clock.fastForward(TOAST_MS + 2_000);
}

describe('messages: toasts close by themselves, pause while used, and stay in the message log', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  /** A participant's board with the given notes in 市民サービスの向上 / 課題. */
  async function boardWith(...texts: string[]): Promise<Page> {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant', { name: '佐藤' });
    for (const text of texts) await addNoteByTyping(page, CITIZEN, '課題', text);
    await shown(noteItem(page, texts.at(-1) ?? ''));
    return page;
  }
  const deletedToast = (page: Page, text: string) =>
    page.locator('.toast').filter({ hasText: `付箋「${text}」を削除しました。` });

  it('closes a toast with 元に戻す by itself, and keeps its undo in メッセージ and ごみ箱', async () => {
    const page = await boardWith('窓口が混む', '申請が紙', '書かない窓口');
    await noteAction(page, '窓口が混む', '削除');
    await noteAction(page, '申請が紙', '削除');
    await noteAction(page, '書かない窓口', '削除');
    // Left alone, each toast with its 元に戻す closes by itself.
    for (const text of ['窓口が混む', '申請が紙', '書かない窓口']) {
      expect(await toastUndo(page, text).count()).toBe(1);
    }
    await page.mouse.move(5, 5);
    for (const text of ['窓口が混む', '申請が紙', '書かない窓口']) {
      await deletedToast(page, text).waitFor(CLOSES_WITHIN);
    }

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
    expect(await seriousViolations(page)).toEqual([]);
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

    // And ごみ箱 still has the other deleted notes, long after their toasts closed.
    await page.getByRole('button', { name: 'ごみ箱 (2)' }).click();
    const trash = page.getByRole('dialog', { name: 'ごみ箱' });
    await trash.getByRole('button', { name: '「窓口が混む」を元に戻す' }).click();
    await shown(noteItem(page, '窓口が混む'));
    expect(harness.pageErrors).toEqual([]);
  });

  it('keeps a toast past its lifetime while the pointer is on it, and closes it once the pointer leaves', async () => {
    const page = await boardWith('申請が紙');
    await page.clock.install();
    await noteAction(page, '申請が紙', '削除');
    const message = deletedToast(page, '申請が紙');
    await shown(message);
    await message.hover();
    await outliveToast(page);
    expect(await message.isVisible()).toBe(true);
    await page.mouse.move(5, 5);
    await outliveToast(page);
    await message.waitFor(CLOSES_WITHIN);
  });

  it('keeps a toast past its lifetime while the focus is in it, and closes it once the focus leaves', async () => {
    const page = await boardWith('書かない窓口');
    await page.clock.install();
    await noteAction(page, '書かない窓口', '削除');
    const message = deletedToast(page, '書かない窓口');
    await shown(message);
    // A keyboard user reaching 元に戻す.
    await toastUndo(page, '書かない窓口').focus();
    await page.mouse.move(5, 5);
    await outliveToast(page);
    expect(await message.isVisible()).toBe(true);
    await page.getByRole('tab', { name: 'ボード' }).focus();
    await outliveToast(page);
    await message.waitFor(CLOSES_WITHIN);
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

  it('at 1366×768, keeps the toast off the note that takes the focus after deleting one at the bottom left and right', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await page.setViewportSize({ width: 1366, height: 768 });
    // 15 notes, 5 per pillar (3 課題, 2 達成目標), as in the laptop measure.
    const pillars = [CITIZEN, '業務の効率化', '人材育成'];
    for (const [p, pillar] of pillars.entries()) {
      for (let i = 1; i <= 3; i++) await addNoteByTyping(page, pillar, '課題', `課題${p}-${i}`);
      for (let i = 1; i <= 2; i++) await addNoteByTyping(page, pillar, '達成目標', `目標${p}-${i}`);
    }
    await shown(noteItem(page, '目標2-2'));
    await page.evaluate(() => window.scrollTo(0, 0));

    const rect = (text: string) => noteItem(page, text).boundingBox();
    const apart = (a: Rect | null, b: Rect | null) =>
      a !== null &&
      b !== null &&
      (a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y);
    // The last 達成目標 of the left pillar (under the toasts' corner) and of the right one: deleted from the
    // keyboard, the focus goes to their neighbour, the note the person now acts on, which the toast leaves visible.
    for (const [deleted, neighbour] of [
      ['目標0-2', '目標0-1'],
      ['目標2-2', '目標2-1'],
    ] as const) {
      await noteItem(page, deleted).focus();
      await page.keyboard.press('Delete');
      await absent(noteItem(page, deleted));
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
        .toBe(`付箋: ${neighbour}`);
      const message = deletedToast(page, deleted);
      await shown(message);
      await expect.poll(async () => apart(await rect(neighbour), await message.boundingBox())).toBe(true);
    }
  });
});

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
