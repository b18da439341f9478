import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { absent, addNoteByTyping, BrowserHarness, noteItem, openEditor, shown } from './harness';
import { composeJapanese } from './ime';

const CITIZEN = '市民サービスの向上';
const TITLE_FIELD = 'グループの名前（空にすると最初の付箋の文で表示）';

describe('undo and redo of one’s own changes', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await new BrowserHarness().start();
  });
  afterAll(() => harness.stop());

  it('undoes and redoes an edit with Ctrl+Z / Ctrl+Shift+Z and the buttons, never a colleague’s change', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    const undo = alice.getByRole('banner').getByRole('button', { name: '元に戻す', exact: true });
    const redo = alice.getByRole('banner').getByRole('button', { name: 'やり直す', exact: true });
    expect(await undo.isDisabled()).toBe(true);

    await addNoteByTyping(alice, CITIZEN, '課題', '窓口が混む');
    const editor = await openEditor(alice, '窓口が混む');
    await editor.fill('窓口が昼に混む');
    await editor.press('Escape');
    await shown(noteItem(bob, '窓口が昼に混む'));
    // A colleague's note meanwhile: no undo of Alice's touches it.
    await addNoteByTyping(bob, CITIZEN, '達成目標', '待たずに済む');
    await shown(noteItem(alice, '待たずに済む'));

    await alice.locator('body').click({ position: { x: 5, y: 5 } });
    await alice.keyboard.press('Control+z');
    await shown(noteItem(bob, '窓口が混む'));
    await shown(alice.getByRole('status').filter({ hasText: '元に戻しました' }));
    await redo.click();
    await shown(noteItem(bob, '窓口が昼に混む'));
    await alice.keyboard.press('Control+z');
    await shown(noteItem(bob, '窓口が混む'));

    // Undoing the note's creation moves it to the trash (never erased); the message takes it back.
    await undo.click();
    await absent(noteItem(bob, '窓口が混む'));
    await shown(noteItem(bob, '待たずに済む'));
    await alice
      .getByRole('status')
      .filter({ hasText: '付箋をごみ箱に移しました（1枚）。' })
      .getByRole('button', { name: '元に戻す' })
      .click();
    await shown(noteItem(bob, '窓口が混む'));
    await shown(noteItem(alice, '待たずに済む'));
    expect(await redo.isDisabled()).toBe(true);
  });

  it('shows a board undo made outside the open note editor in it, so later typing lands right', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    await addNoteByTyping(alice, CITIZEN, '課題', '窓口が混む');
    const editor = await openEditor(alice, '窓口が混む');
    await editor.press('End');
    await editor.pressSequentially('です');
    await shown(noteItem(bob, '窓口が混むです'));
    // Ctrl+Z outside the text (on the editor's 完了 button) is the board's undo: the typing goes.
    await alice.locator('.note-editor').getByRole('button', { name: '完了' }).focus();
    await alice.keyboard.press('Control+z');
    await shown(noteItem(bob, '窓口が混む'));
    await expect.poll(() => editor.inputValue()).toBe('窓口が混む');
    await editor.press('End');
    await editor.pressSequentially('よ');
    await shown(noteItem(bob, '窓口が混むよ'));
    expect(await editor.inputValue()).toBe('窓口が混むよ');
  });

  it('shows a board undo and redo made while a group’s title editor is open in it, so later typing lands right', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    const group = (page: typeof alice, title: string) => page.getByRole('listitem', { name: `グループ: ${title}` });
    await addNoteByTyping(alice, CITIZEN, '課題', '窓口が混む');
    await addNoteByTyping(alice, CITIZEN, '課題', '申請が紙');
    await noteItem(alice, '申請が紙').focus();
    await alice.keyboard.press('g');
    const dialog = alice.getByRole('dialog', { name: 'グループにする' });
    await dialog.getByRole('radio', { name: '課題: 窓口が混む' }).check();
    await dialog.getByRole('button', { name: 'グループにする' }).click();
    await absent(dialog);
    await shown(group(bob, '窓口が混む'));

    // Named in one step, then the title editor is opened again.
    await alice.getByRole('button', { name: 'グループ「窓口が混む」の名前を変更' }).click();
    const titleField = alice.getByRole('textbox', { name: TITLE_FIELD });
    await titleField.fill('窓口改革');
    await titleField.press('Enter');
    await absent(titleField);
    await shown(group(bob, '窓口改革'));
    await alice.getByRole('button', { name: 'グループ「窓口改革」の名前を変更' }).click();
    await expect.poll(() => titleField.inputValue()).toBe('窓口改革');

    // The header's 元に戻す, activated without taking the focus from the field (as a screen reader's
    // activation can): the naming is undone for everyone and in the open field.
    await alice.getByRole('banner').getByRole('button', { name: '元に戻す', exact: true }).dispatchEvent('click');
    await shown(group(bob, '窓口が混む'));
    await expect.poll(() => titleField.inputValue()).toBe('');
    expect(await titleField.isVisible()).toBe(true);

    // Ctrl+Shift+Z outside the text (on the editor's 保存 button) is the board's redo: it shows in the field too.
    await alice.locator('.cluster-title-editor').getByRole('button', { name: '保存' }).focus();
    await alice.keyboard.press('Control+Shift+z');
    await shown(group(bob, '窓口改革'));
    await expect.poll(() => titleField.inputValue()).toBe('窓口改革');

    // Typing after it, through a Japanese IME, lands after the title as shown.
    await titleField.focus();
    await titleField.press('End');
    await composeJapanese(alice, ['あん', '案'], '案');
    await shown(group(bob, '窓口改革案'));
    expect(await titleField.inputValue()).toBe('窓口改革案');
    await titleField.press('Enter');
    await absent(titleField);
    await shown(group(alice, '窓口改革案'));
    expect(harness.pageErrors).toEqual([]);
  });
});
