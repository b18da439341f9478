import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { absent, addNoteByTyping, BrowserHarness, facilitatorMenuButton, noteItem, quickEntry, shown } from './harness';

const CITIZEN = '市民サービスの向上';
const WAITING = '窓口の待ち時間が長い';

/** The focused element as a person hears it: its role (tag) and accessible name (aria-label, or its words). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    const name = element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '';
    return `${element?.tagName.toLowerCase()}: ${name}`;
  });

/**
 * Where the focus is, as a screen reader names it: its role and accessible name, or 「body」 when it was lost
 * (the next Tab then starts again from the top of the page).
 */
const focusOf = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'body';
    const tag = element.tagName.toLowerCase();
    const input = element instanceof HTMLInputElement ? element.type : '';
    const implicit =
      { button: 'button', a: 'link', textarea: 'textbox', li: 'listitem', select: 'combobox', dialog: 'dialog' }[tag] ??
      (/^h[1-6]$/.test(tag) ? 'heading' : '');
    const role =
      element.getAttribute('role') ??
      (tag === 'input' ? ({ checkbox: 'checkbox', radio: 'radio' }[input] ?? 'textbox') : implicit || tag);
    const labelledBy = element.getAttribute('aria-labelledby');
    const name =
      element.getAttribute('aria-label') ??
      (labelledBy ? document.getElementById(labelledBy)?.textContent : null) ??
      (element instanceof HTMLInputElement ? element.labels?.[0]?.textContent : null) ??
      element.textContent?.trim() ??
      '';
    return `${role}: ${name}`;
  });

/** Waits until the focus is on the element of that role and name (fails after 10 s, saying where it is). */
async function expectFocus(page: Page, expected: string): Promise<void> {
  await expect.poll(() => focusOf(page), { timeout: 10_000 }).toBe(expected);
}

/**
 * Opens a header tool (設定, メンバー, ごみ箱…) from the keyboard. One place to adapt when the header's tools move
 * into a menu.
 */
/** The facilitator's tools, in the header's ファシリテーター menu; the focus returns to the menu's button. */
const FACILITATOR_TOOLS = ['ボードの設定', 'メンバーとリンク', '操作履歴', 'ボードをロック', 'ロックを解除'];

/** Runs a header tool by keyboard: its button, or the ファシリテーター menu's item. */
async function pressHeaderTool(page: Page, name: string | RegExp): Promise<void> {
  if (typeof name === 'string' && FACILITATOR_TOOLS.includes(name)) {
    await facilitatorMenuButton(page).focus();
    await page.keyboard.press('Enter');
    const item = page.getByRole('menu', { name: 'ファシリテーター' }).getByRole('menuitem', { name, exact: true });
    await item.focus();
    await page.keyboard.press('Enter');
    return;
  }
  await page.getByRole('button', { name, exact: typeof name === 'string' }).focus();
  await page.keyboard.press('Enter');
}

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

  it('gives the focus back to the control that opened each dialog, and to the note after a note’s dialog', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await addNoteByTyping(page, CITIZEN, '課題', WAITING);
    await shown(noteItem(page, WAITING));
    for (const name of ['ボードの設定', 'メンバーとリンク', '操作履歴', 'アクティビティ', 'スナップショット']) {
      await pressHeaderTool(page, name);
      await shown(page.locator('dialog[open]'));
      await page.keyboard.press('Escape');
      await expectFocus(page, `button: ${FACILITATOR_TOOLS.includes(name) ? 'ファシリテーター' : name}`);
    }
    for (const name of ['書き出し・印刷', '表示名を変更', 'ごみ箱 (0)']) {
      await pressHeaderTool(page, name);
      await shown(page.locator('dialog[open]'));
      await page.keyboard.press('Escape');
      await expectFocus(page, `button: ${name}`);
    }
    // A note's dialogs, from its shortcut keys and from the palette and the help: back to the note.
    for (const key of ['m', 'g', 'l', 'c', 'Control+k', '?']) {
      await noteItem(page, WAITING).focus();
      await page.keyboard.press(key);
      await shown(page.locator('dialog[open]'));
      await page.keyboard.press('Escape');
      await absent(page.locator('dialog[open]'));
      await expectFocus(page, `listitem: 付箋: ${WAITING}`);
    }
    expect(harness.pageErrors).toEqual([]);
  });

  it('never drops the focus to the page after deleting, undoing, restoring, grouping and dissolving', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant', { name: '佐藤' });
    for (const text of [WAITING, '申請が紙']) await addNoteByTyping(page, CITIZEN, '課題', text);
    await addNoteByTyping(page, CITIZEN, 'アイデア', '書かない窓口');
    await shown(noteItem(page, '書かない窓口'));

    // The lane's only note deleted: the focus goes to the lane, its entry field.
    await noteItem(page, '書かない窓口').focus();
    await page.keyboard.press('Delete');
    await absent(noteItem(page, '書かない窓口'));
    await expectFocus(page, `textbox: 「${CITIZEN} アイデア」に書く（Enterで追加）`);
    // The toast's 元に戻す brings it back, and the focus with it.
    const undo = page.locator('.toast').filter({ hasText: '書かない窓口' }).getByRole('button', { name: '元に戻す' });
    await undo.focus();
    await page.keyboard.press('Enter');
    await shown(noteItem(page, '書かない窓口'));
    await expectFocus(page, 'listitem: 付箋: 書かない窓口');

    // Restored from ごみ箱: the focus stays in the dialog, then back to ごみ箱.
    await page.keyboard.press('Delete');
    await absent(noteItem(page, '書かない窓口'));
    await pressHeaderTool(page, 'ごみ箱 (1)');
    await page.getByRole('button', { name: '「書かない窓口」を元に戻す' }).focus();
    await page.keyboard.press('Enter');
    await shown(noteItem(page, '書かない窓口'));
    await expectFocus(page, 'button: 閉じる');
    await page.keyboard.press('Escape');
    await expectFocus(page, 'button: ごみ箱 (0)');

    // Grouped from the keyboard (G): the focus on the note, now in its group; dissolved: on its first note.
    await noteItem(page, WAITING).focus();
    await page.keyboard.press('g');
    const dialog = page.getByRole('dialog', { name: 'グループにする' });
    await dialog.getByRole('radio', { name: '課題: 申請が紙' }).check();
    await dialog.getByRole('button', { name: 'グループにする', exact: true }).focus();
    await page.keyboard.press('Enter');
    await shown(page.getByRole('listitem', { name: /^グループ: / }));
    await expectFocus(page, `listitem: 付箋: ${WAITING}`);
    await page.getByRole('button', { name: /^グループ「.*」を解散$/ }).focus();
    await page.keyboard.press('Enter');
    await absent(page.getByRole('listitem', { name: /^グループ: / }));
    await expect.poll(() => focusOf(page)).toMatch(/^listitem: 付箋: /);

    // 元に戻す in the header until there is nothing left to undo: the focus never falls to the page.
    const headerUndo = page.locator('.history-controls').getByRole('button', { name: '元に戻す' });
    await headerUndo.focus();
    while (await headerUndo.isEnabled()) {
      await page.keyboard.press('Enter');
      await expect.poll(() => focusOf(page)).not.toBe('body');
    }
    await expectFocus(page, 'button: やり直す');
    const redo = page.getByRole('button', { name: 'やり直す' });
    while (await redo.isEnabled()) {
      await page.keyboard.press('Enter');
      await expect.poll(() => focusOf(page)).not.toBe('body');
    }
    expect(harness.pageErrors).toEqual([]);
  });

  it('keeps the focus after 「すべて既読にする」 and after closing the list that took its button away', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await addNoteByTyping(alice, CITIZEN, '課題', WAITING);
    // Bob's first visit is recorded (what the page showed), then he leaves; Alice writes meanwhile.
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    await shown(noteItem(bob, WAITING));
    const seen = () => bob.evaluate(() => Object.keys(localStorage).some((key) => key.startsWith('board.visit.')));
    await expect.poll(seen).toBe(true);
    const context = bob.context();
    await bob.close();
    await addNoteByTyping(alice, CITIZEN, '課題', '申請が紙');
    const back = await context.newPage();
    await back.goto(`${harness.server.url}/b/${board.id}#token=${board.tokens.participant}`);
    await shown(noteItem(back, '申請が紙'));

    await pressHeaderTool(back, '前回から1件（前回の訪問からの変更の一覧を開く）');
    const list = back.getByRole('dialog', { name: '前回の訪問からの変更' });
    await shown(list);
    await pressEnterOn(back, 'すべて既読にする');
    await expectFocus(back, 'button: 閉じる');
    await back.keyboard.press('Enter');
    await absent(list);
    // 「前回から」 left the header with nothing new: the focus goes on to the next usable control (元に戻す and
    // やり直す are disabled on a visit that changed nothing).
    expect(await back.getByRole('button', { name: /^前回から/ }).count()).toBe(0);
    await expectFocus(back, 'button: 書き出し・印刷');
  });

  it('keeps a participant’s focus on the note they read, or moves it there from the entry field, through a lock and unlock', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await addNoteByTyping(participant, CITIZEN, '課題', WAITING);
    await shown(noteItem(facilitator, WAITING));
    await noteItem(participant, WAITING).focus();

    await pressHeaderTool(facilitator, 'ボードをロック');
    await facilitator.getByRole('alertdialog').getByRole('button', { name: 'ボードをロック' }).click();
    await shown(participant.getByText('ファシリテーターがボードをロックしました。', { exact: false }));
    await expectFocus(participant, `listitem: 付箋: ${WAITING}`);
    await pressHeaderTool(facilitator, 'ロックを解除');
    await shown(quickEntry(participant, CITIZEN, '課題'));
    await expectFocus(participant, `listitem: 付箋: ${WAITING}`);
    // Writing in a lane's entry field when the board is locked: the field goes, the focus to the lane's note.
    await quickEntry(participant, CITIZEN, '課題').focus();
    await pressHeaderTool(facilitator, 'ボードをロック');
    await facilitator.getByRole('alertdialog').getByRole('button', { name: 'ボードをロック' }).click();
    await absent(quickEntry(participant, CITIZEN, '課題'));
    await expectFocus(participant, `listitem: 付箋: ${WAITING}`);
    await pressHeaderTool(facilitator, 'ロックを解除');
    await shown(quickEntry(participant, CITIZEN, '課題'));
    await expectFocus(participant, `listitem: 付箋: ${WAITING}`);
    // Typing goes nowhere unexpected: no stray note from the keys a reader presses.
    await participant.keyboard.type('ab');
    expect(await participant.getByRole('listitem', { name: /^付箋: / }).count()).toBe(1);
  });
});
