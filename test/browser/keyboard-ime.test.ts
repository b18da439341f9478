import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import { connectSynced } from '../server/helpers';
import {
  absent,
  addNoteByTyping,
  BrowserHarness,
  laneRegion,
  noteAction,
  noteItem,
  openEditor,
  quickEntry,
  shown,
} from './harness';
import { composeJapanese } from './ime';

const CITIZEN = '市民サービスの向上';
const EFFICIENCY = '業務の効率化';

/** dnd-kit's live region: what a screen reader is told during a drag. */
function dragAnnouncement(page: Page) {
  return page.locator('[id^="DndLiveRegion"]').innerText();
}

/**
 * Picks a note up by keyboard (Space on the focused note) and waits until dnd-kit listens for the next key:
 * its keyboard sensor adds that listener in a zero-delay timer, which fires before one queued after it.
 */
async function pickUpByKeyboard(page: Page, noteText: string) {
  await page.keyboard.press('Space');
  await expect.poll(() => dragAnnouncement(page)).toContain(`付箋「${noteText}」を持ち上げました。`);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

describe('keyboard and Japanese input', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('adds a note and moves it to another pillar with the keyboard only', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    const watcher = await harness.openBoard(board, 'viewer', { name: '閲覧者' });

    await quickEntry(page, CITIZEN, '課題').focus();
    await page.keyboard.type('申請書類が多すぎる');
    await page.keyboard.press('Enter');
    await shown(noteItem(page, '申請書類が多すぎる'));
    // Focus stays in the field for the next note.
    expect(await quickEntry(page, CITIZEN, '課題').evaluate((el) => el === document.activeElement)).toBe(true);

    // Shift+Tab back past the note's 「…」 button to the note itself, which Space lifts.
    for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(focused).toBe('付箋: 申請書類が多すぎる');

    await pickUpByKeyboard(page, '申請書類が多すぎる');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => dragAnnouncement(page)).toContain(`${EFFICIENCY}`);
    await page.keyboard.press('Space');
    await expect.poll(() => dragAnnouncement(page)).toContain(`付箋「申請書類が多すぎる」を${EFFICIENCY}の`);

    await absent(laneRegion(watcher, CITIZEN, '課題').getByRole('listitem'));
    const movedTo = await watcher
      .locator('[aria-label="付箋: 申請書類が多すぎる"]')
      .evaluate((el) => el.closest('section.lane')?.getAttribute('aria-label') ?? '');
    expect(movedTo.startsWith(EFFICIENCY)).toBe(true);
  });

  it('reorders notes within a lane with the keyboard, one position per arrow press, announcing each', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    for (const text of ['一番', '二番', '三番']) {
      await addNoteByTyping(page, CITIZEN, 'アイデア', text);
    }
    const order = () =>
      laneRegion(page, CITIZEN, 'アイデア')
        .getByRole('listitem')
        .evaluateAll((items) => items.map((i) => i.querySelector('.note-text')?.textContent));
    await expect.poll(order).toEqual(['一番', '二番', '三番']);

    await noteItem(page, '一番').focus();
    await pickUpByKeyboard(page, '一番');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => dragAnnouncement(page)).toContain('アイデアの2番目の位置にあります');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => dragAnnouncement(page)).toContain('アイデアの3番目の位置にあります');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => dragAnnouncement(page)).toContain('アイデアの2番目の位置にあります');
    await page.keyboard.press('Space');
    await expect
      .poll(() => dragAnnouncement(page))
      .toContain('付箋「一番」を市民サービスの向上のアイデアの2番目に置きました。');
    await expect.poll(order).toEqual(['二番', '一番', '三番']);

    // Picked up and put down in place: nothing changes, nothing is written.
    await noteItem(page, '三番').focus();
    await pickUpByKeyboard(page, '三番');
    await page.keyboard.press('Space');
    await expect.poll(() => dragAnnouncement(page)).toContain('3番目に置きました');
    await expect.poll(order).toEqual(['二番', '一番', '三番']);
  });

  it('moves a note to a chosen pillar, lane and position with the “move to…” dialog', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    for (const [lane, text] of [
      ['課題', 'AIで問い合わせ対応'],
      ['達成目標', '職員のITスキルが上がる'],
    ] as const) {
      await addNoteByTyping(page, EFFICIENCY, lane, text);
    }
    // The note's menu by keyboard: Shift+F10, then 移動… (the second item) and Enter.
    await noteItem(page, 'AIで問い合わせ対応').focus();
    await page.keyboard.press('Shift+F10');
    await shown(page.getByRole('menu'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '付箋を移動' });
    await shown(dialog);
    // The pillar list has focus: keep 業務の効率化 (already selected), go to the lane list.
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // 課題 → 達成目標
    await expect.poll(() => dialog.getByRole('combobox', { name: '列' }).inputValue()).toBe('goal');
    await page.keyboard.press('Tab');
    await expect.poll(() => dialog.getByRole('combobox', { name: '位置' }).inputValue()).toBe('1');
    await page.keyboard.press('ArrowUp'); // from the end to the first position, before the existing goal
    await expect.poll(() => dialog.getByRole('combobox', { name: '位置' }).inputValue()).toBe('0');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // 移動する
    await absent(dialog);
    await expect
      .poll(() =>
        laneRegion(page, EFFICIENCY, '達成目標')
          .getByRole('listitem')
          .evaluateAll((items) => items.map((i) => i.getAttribute('aria-label'))),
      )
      .toEqual(['付箋: AIで問い合わせ対応', '付箋: 職員のITスキルが上がる']);
    await expect
      .poll(() => page.getByRole('status').allInnerTexts())
      .toContainEqual(expect.stringContaining('1番目に移動しました'));
  });

  it('composes 「市民サービス」 with an IME: the confirming Enter adds nothing, the next Enter adds exactly that note', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    const entry = quickEntry(page, CITIZEN, '課題');
    await entry.focus();
    await composeJapanese(page, ['し', 'しみ', 'しみん', '市民', '市民さーびす', '市民サービス'], '市民サービス');
    expect(await entry.inputValue()).toBe('市民サービス');
    expect(await laneRegion(page, CITIZEN, '課題').getByRole('listitem').count()).toBe(0);

    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        laneRegion(page, CITIZEN, '課題')
          .getByRole('listitem')
          .evaluateAll((items) => items.map((i) => i.querySelector('.note-text')?.textContent)),
      )
      .toEqual(['市民サービス']);
    expect(await entry.inputValue()).toBe('');
  });

  it('keeps a composition intact while a colleague edits the same note, and keeps both texts', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    await addNoteByTyping(alice, CITIZEN, '達成目標', '手続きが');

    const aliceEditor = await openEditor(alice, '手続きが');
    await aliceEditor.press('End');
    const cdp = await alice.context().newCDPSession(alice);
    await cdp.send('Input.imeSetComposition', { text: 'かんたん', selectionStart: 4, selectionEnd: 4 });

    // Bob edits the same note at its start while Alice is still composing.
    const bobEditor = await openEditor(bob, '手続きが');
    await bobEditor.press('Home');
    await bobEditor.pressSequentially('市の');
    await shown(noteItem(bob, '市の手続きが'));
    await expect.poll(() => alice.evaluate(() => document.querySelector('.note-text')?.textContent ?? null)).toBe(null);
    // Alice's textarea was not touched: her composition is still in progress and unbroken.
    expect(await aliceEditor.inputValue()).toBe('手続きがかんたん');

    await cdp.send('Input.imeSetComposition', { text: '簡単', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: '簡単' });
    await cdp.detach();
    await expect.poll(() => aliceEditor.inputValue()).toBe('市の手続きが簡単');
    await aliceEditor.press('Enter');
    await bobEditor.press('Enter');
    await shown(noteItem(bob, '市の手続きが簡単'));
    await shown(noteItem(alice, '市の手続きが簡単'));
  });

  it('puts composed text where the caret was, even before identical characters, around a colleague’s edit', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    await addNoteByTyping(alice, CITIZEN, '課題', 'ああ');
    const aliceEditor = await openEditor(alice, 'ああ');
    await aliceEditor.press('Home');
    const cdp = await alice.context().newCDPSession(alice);
    await cdp.send('Input.imeSetComposition', { text: 'あ', selectionStart: 1, selectionEnd: 1 });

    // Bob types between the two existing characters while Alice composes at the very start.
    const bobEditor = await openEditor(bob, 'ああ');
    await bobEditor.press('Home');
    await bobEditor.press('ArrowRight');
    await bobEditor.pressSequentially('X');
    await bobEditor.press('Enter');
    await shown(noteItem(bob, 'あXあ'));
    await expect.poll(() => aliceEditor.inputValue()).toBe('あああ'); // untouched during the composition

    await cdp.send('Input.insertText', { text: 'あ' });
    await cdp.detach();
    await expect.poll(() => aliceEditor.inputValue()).toBe('ああXあ');
    await aliceEditor.press('Enter');
    await shown(noteItem(bob, 'ああXあ'));
  });

  it('keeps the editor open where it is, an unfinished conversion and the caret, when a colleague moves the note being edited', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    await addNoteByTyping(alice, CITIZEN, '課題', '窓口が混む');
    const editor = await openEditor(alice, '窓口が混む');
    await editor.press('Home');
    await editor.press('ArrowRight');
    await editor.press('ArrowRight');
    const cdp = await alice.context().newCDPSession(alice);
    await cdp.send('Input.imeSetComposition', { text: 'では', selectionStart: 2, selectionEnd: 2 }); // not confirmed

    await noteAction(bob, '窓口が混む', '移動…');
    const dialog = bob.getByRole('dialog', { name: '付箋を移動' });
    await dialog.getByRole('combobox', { name: '柱' }).selectOption({ label: EFFICIENCY });
    await dialog.getByRole('button', { name: '移動する' }).click();

    // The editor stays where it was (its composition would be cut off elsewhere) and says the note moved.
    await shown(alice.getByRole('status').filter({ hasText: 'この付箋はほかの人が移動しました' }));
    expect(await editor.evaluate((el) => el.closest('section.lane')?.getAttribute('aria-label'))).toBe(
      `${CITIZEN} — 課題`,
    );
    // The unfinished conversion is still open, with the focus and the caret where they were.
    expect(await editor.inputValue()).toBe('窓口ではが混む');
    expect(await editor.evaluate((el) => el === document.activeElement)).toBe(true);
    await cdp.send('Input.insertText', { text: 'では' });
    await cdp.detach();
    await editor.pressSequentially('も');
    await editor.press('Enter');
    await shown(laneRegion(alice, EFFICIENCY, '課題').getByRole('listitem', { name: '付箋: 窓口ではもが混む' }));
    await shown(noteItem(bob, '窓口ではもが混む'));
  });

  it('sends a deletion right after a conversion as a one-character delete, not a rewrite of the text', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    await addNoteByTyping(page, CITIZEN, '課題', 'サービスの向上');
    const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
    const watcher = await connectSynced(wsUrl, board.id, board.tokens.viewer);
    const note = [...boardRoots.notes(watcher.doc).values()][0] as Y.Map<unknown>;
    const deltas: unknown[] = [];
    (note.get('text') as Y.Text).observe((event) => deltas.push(event.delta));

    const editor = await openEditor(page, 'サービスの向上');
    await editor.press('Home');
    await composeJapanese(page, ['し', 'しみん', '市民'], '市民');
    await expect.poll(() => (note.get('text') as Y.Text).toString()).toBe('市民サービスの向上');
    await editor.press('End');
    await editor.press('Backspace');
    await expect.poll(() => (note.get('text') as Y.Text).toString()).toBe('市民サービスの向');
    expect(deltas.at(-1)).toEqual([{ retain: 8 }, { delete: 1 }]);
    watcher.destroy();
  });

  it('refuses an empty note and an over-long note with a visible message, and adds nothing', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    const entry = quickEntry(page, CITIZEN, 'アイデア');
    await entry.fill('   ');
    await entry.press('Enter');
    await shown(page.getByRole('alert').filter({ hasText: '空の付箋は追加できません' }));
    await entry.fill('あ'.repeat(2001));
    await entry.press('Enter');
    await shown(page.getByRole('alert').filter({ hasText: '2000文字まで' }));
    expect(await laneRegion(page, CITIZEN, 'アイデア').getByRole('listitem').count()).toBe(0);
    expect(await entry.inputValue()).toBe('あ'.repeat(2001));
  });
});
