import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import {
  absent,
  addNoteByTyping,
  BrowserHarness,
  facilitatorTool,
  laneRegion,
  noteAction,
  noteItem,
  noteMenuButton,
  openEditor,
  openNoteMenu,
  shown,
} from './harness';
import { beginComposition } from './ime';

const CITIZEN = '市民サービスの向上';

/** The accessible name of the focused element (its aria-label, or its text). */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '';
  });

describe('a note as a sticky note: its menu, its keys, its focus', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('opens the menu with Shift+F10 and the 「…」 button, moves with arrows, runs with Enter, closes with Escape', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    await addNoteByTyping(page, CITIZEN, '課題', '窓口が混む');
    const button = noteMenuButton(page, '窓口が混む');
    // Rendered only while open.
    expect(await page.getByRole('menu').count()).toBe(0);
    expect(await button.getAttribute('aria-haspopup')).toBe('menu');
    expect(await button.getAttribute('aria-expanded')).toBe('false');

    await noteItem(page, '窓口が混む').focus();
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: '「窓口が混む」の操作' });
    await shown(menu);
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => focusedName(page)).toContain('編集');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedName(page)).toContain('移動…');
    await page.keyboard.press('End');
    await expect.poll(() => focusedName(page)).toContain('削除');
    await page.keyboard.press('ArrowDown'); // wraps to the first item
    await expect.poll(() => focusedName(page)).toContain('編集');
    await page.keyboard.press('ArrowUp'); // and back to the last
    await expect.poll(() => focusedName(page)).toContain('削除');
    expect(await seriousViolations(page)).toEqual([]);

    // Escape closes it and gives the focus back to the note.
    await page.keyboard.press('Escape');
    await absent(menu);
    await expect.poll(() => focusedName(page)).toBe('付箋: 窓口が混む');
    expect(await button.getAttribute('aria-expanded')).toBe('false');

    // The 「…」 button by keyboard: Enter opens the menu; ↓ to 移動…, Enter runs it.
    await button.focus();
    await page.keyboard.press('Enter');
    await shown(menu);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '付箋を移動' });
    await shown(dialog);
    await absent(menu);
    await page.keyboard.press('Escape');
    await absent(dialog);
    await expect.poll(() => focusedName(page)).toBe('付箋: 窓口が混む');
    expect(harness.pageErrors).toEqual([]);
  });

  it('Enter on a note opens its editor, Space lifts it (Enter does not), arrows go from note to note', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    for (const text of ['一番', '二番', '三番']) await addNoteByTyping(page, CITIZEN, 'アイデア', text);

    await noteItem(page, '一番').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedName(page)).toBe('付箋: 二番');
    await page.keyboard.press('End');
    await expect.poll(() => focusedName(page)).toBe('付箋: 三番');
    await page.keyboard.press('Home');
    await expect.poll(() => focusedName(page)).toBe('付箋: 一番');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focusedName(page)).toBe('付箋: 二番');
    // The lane is one Tab stop: its note last visited, then that note's 「…」, then the lane's entry field.
    const tabbable = await page
      .locator('.lane-idea')
      .first()
      .evaluate((lane) => [...lane.querySelectorAll('[tabindex="0"]')].map((e) => e.getAttribute('aria-label')));
    expect(tabbable).toEqual(['付箋: 二番', '付箋「二番」の操作']);

    // Enter: the editor, with the focus in it (no drag started).
    await page.keyboard.press('Enter');
    const editor = page.getByRole('textbox', { name: '付箋の本文を編集' });
    await shown(editor);
    await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('[id^="DndLiveRegion"]').innerText()).not.toContain('持ち上げました');
    await editor.press('Escape');
    await absent(editor);
    await expect.poll(() => focusedName(page)).toBe('付箋: 二番');

    // Space: lifted for moving; Escape puts it back.
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.locator('[id^="DndLiveRegion"]').innerText())
      .toContain('付箋「二番」を持ち上げました。');
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.locator('[id^="DndLiveRegion"]').innerText())
      .toContain('付箋「二番」の移動を取り消しました。');
  });

  it('moves the focus into the second editor opened while another is open, and to the next note after a deletion', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    for (const text of ['最初', '二つ目', '三つ目']) await addNoteByTyping(page, CITIZEN, '課題', text);

    const first = await openEditor(page, '最初');
    await expect.poll(() => first.evaluate((el) => el === document.activeElement)).toBe(true);
    // With the first editor open, 編集 on another note: the typing goes into that note's editor.
    await noteAction(page, '二つ目', '編集');
    const second = noteItem(page, '二つ目').getByRole('textbox', { name: '付箋の本文を編集' });
    await shown(second);
    await expect.poll(() => second.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('End');
    await page.keyboard.type('です');
    await shown(noteItem(page, '二つ目です'));
    await shown(noteItem(page, '最初'));
    await page.keyboard.press('Escape');

    // Deleting a note from its menu: the focus goes to the next note of the lane.
    await noteAction(page, '二つ目です', '削除');
    await absent(noteItem(page, '二つ目です'));
    await expect.poll(() => focusedName(page)).toBe('付箋: 三つ目');
    // The last one: to the one before it.
    await page.keyboard.press('Delete');
    await absent(noteItem(page, '三つ目'));
    await expect.poll(() => focusedName(page)).toBe('付箋: 最初');
    expect(harness.pageErrors).toEqual([]);
  });

  it('tells that a note a colleague deleted while its menu was open is gone, and changes nothing', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    await addNoteByTyping(alice, CITIZEN, '課題', '消される付箋');
    await shown(noteItem(bob, '消される付箋'));

    const menu = await openNoteMenu(alice, '消される付箋');
    await noteAction(bob, '消される付箋', '削除');
    await absent(noteItem(alice, '消される付箋'));
    // Alice's menu is still open; she chooses 移動…: refused with a message, no dialog.
    await menu.getByRole('menuitem', { name: '移動…' }).click();
    await shown(alice.getByText('この付箋はほかの人が削除したため、操作できませんでした。', { exact: false }));
    expect(await alice.getByRole('dialog').count()).toBe(0);
    await absent(menu);
    // Nothing changed: the note stays in the trash (its author's, where it can be restored), once.
    await alice.getByRole('button', { name: /ごみ箱/ }).click();
    await shown(alice.getByRole('button', { name: '「消される付箋」を元に戻す' }));
    expect(await alice.getByRole('button', { name: /を元に戻す$/ }).count()).toBe(1);
    expect(await noteItem(bob, '消される付箋').count()).toBe(0);
    expect(harness.pageErrors).toEqual([]);
  });

  it('tells that a note a colleague deleted while its move dialog was open is gone, and changes nothing', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    await addNoteByTyping(alice, CITIZEN, '課題', '移す前に消される付箋');
    await shown(noteItem(bob, '移す前に消される付箋'));

    await noteAction(alice, '移す前に消される付箋', '移動…');
    const dialog = alice.getByRole('dialog', { name: '付箋を移動' });
    await shown(dialog);
    await noteAction(bob, '移す前に消される付箋', '削除');
    await absent(noteItem(alice, '移す前に消される付箋'));
    await dialog.getByRole('combobox', { name: '列' }).selectOption({ label: '達成目標' });
    await dialog.getByRole('button', { name: '移動する' }).click();
    await shown(alice.getByText('この付箋はほかの人が削除したため、操作できませんでした。', { exact: false }));
    await absent(dialog);
    // Nothing changed: restored from the trash, the note comes back to the lane it was deleted from.
    await alice.getByRole('button', { name: /ごみ箱/ }).click();
    await alice.getByRole('button', { name: '「移す前に消される付箋」を元に戻す' }).click();
    await shown(noteItem(alice, '移す前に消される付箋'));
    await shown(laneRegion(bob, CITIZEN, '課題').getByRole('listitem').filter({ hasText: '移す前に消される付箋' }));
    expect(harness.pageErrors).toEqual([]);
  });

  it('refuses an action that no longer applies (the board was locked while the menu was open), changing nothing', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await addNoteByTyping(participant, CITIZEN, '課題', '残したい付箋');
    const menu = await openNoteMenu(participant, '残したい付箋');

    await facilitatorTool(facilitator, 'ボードをロック');
    await facilitator.getByRole('alertdialog').getByRole('button', { name: 'ボードをロック' }).click();
    await shown(participant.getByText('ファシリテーターがボードをロックしました。', { exact: false }));
    await menu.getByRole('menuitem', { name: '削除' }).click();
    await shown(participant.getByText('「削除」は今は使えません。何も変更していません。'));
    await shown(noteItem(facilitator, '残したい付箋'));
    await shown(noteItem(participant, '残したい付箋'));
    expect(harness.pageErrors).toEqual([]);
  });

  it('tells that a note a colleague deleted while the command palette was open is gone, and changes nothing', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    await addNoteByTyping(alice, CITIZEN, '課題', '消される付箋');
    await shown(noteItem(bob, '消される付箋'));

    await noteItem(alice, '消される付箋').focus();
    await alice.keyboard.press('Control+k');
    const palette = alice.getByRole('dialog', { name: 'コマンドパレット' });
    await shown(palette);
    await noteAction(bob, '消される付箋', '削除');
    await absent(noteItem(alice, '消される付箋'));
    // Alice goes on typing in the palette and chooses 移動…: refused with a message, no dialog.
    await palette.getByRole('combobox', { name: '操作を探す' }).fill('移動');
    await alice.keyboard.press('Enter');
    await absent(palette);
    await shown(alice.getByText('この付箋はほかの人が削除したため、操作できませんでした。', { exact: false }));
    expect(await alice.getByRole('dialog').count()).toBe(0);
    expect(harness.pageErrors).toEqual([]);
  });

  it('refuses an action on a note a colleague moved elsewhere while its menu was open, and changes nothing', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    await addNoteByTyping(alice, CITIZEN, '課題', '動く付箋');
    await shown(noteItem(bob, '動く付箋'));

    const menu = await openNoteMenu(alice, '動く付箋');
    // Bob moves it to 人材育成 with its 移動… dialog.
    await noteAction(bob, '動く付箋', '移動…');
    const move = bob.getByRole('dialog', { name: '付箋を移動' });
    await move.getByRole('combobox', { name: '柱' }).selectOption({ label: '人材育成' });
    await move.getByRole('button', { name: '移動する' }).click();
    await shown(laneRegion(alice, '人材育成', '課題').getByRole('listitem', { name: '付箋: 動く付箋' }));
    // Alice chose 削除 for the note where it was: refused, the note stays where Bob put it.
    await menu.getByRole('menuitem', { name: '削除' }).click();
    await shown(
      alice.getByText('この付箋はほかの人が別の場所に移動したため、操作できませんでした。', { exact: false }),
    );
    await shown(laneRegion(bob, '人材育成', '課題').getByRole('listitem', { name: '付箋: 動く付箋' }));
    expect(await alice.getByRole('button', { name: /ごみ箱/ }).innerText()).toBe('ごみ箱 (0)');
    expect(harness.pageErrors).toEqual([]);
  });

  it('runs no shortcut while composing with an IME in a note’s editor, nor on the keys typed there', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    await addNoteByTyping(page, CITIZEN, '課題', '窓口');
    const editor = await openEditor(page, '窓口');
    await editor.press('End');
    // A composition open in the editor: the keys the IME takes (keyCode 229), Ctrl+K and Delete included.
    const composition = await beginComposition(page, ['が', 'がこ']);
    const cdp = await page.context().newCDPSession(page);
    for (const [key, modifiers] of [
      ['k', 2],
      ['Delete', 0],
      ['?', 0],
    ] as const) {
      for (const type of ['rawKeyDown', 'keyUp'] as const) {
        await cdp.send('Input.dispatchKeyEvent', {
          type,
          key,
          modifiers,
          windowsVirtualKeyCode: 229,
          nativeVirtualKeyCode: 229,
        });
      }
    }
    await cdp.detach();
    await composition.commit('が混む');
    // Typed in the editor, ? and M are text, not the help or 移動….
    await page.keyboard.type('?m');
    await expect.poll(() => editor.inputValue()).toBe('窓口が混む?m');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await editor.press('Escape');
    await shown(noteItem(page, '窓口が混む?m'));
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(harness.pageErrors).toEqual([]);
  });
});
