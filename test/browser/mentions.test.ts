import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNoteByTyping, BrowserHarness, noteAction, shown } from './harness';
import { composeJapanese } from './ime';

const CITIZEN = '市民サービスの向上';
const NOTE = '窓口の待ち時間が長い';
const thread = (page: Page) => page.getByRole('dialog', { name: `『${NOTE}』へのコメント` });
const commentField = (page: Page) => page.getByRole('textbox', { name: 'コメントを書く' });

describe('@mentions and replies in comments, and 自分宛て', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('completes @name from the roster by keyboard, tells the person in 自分宛て, and a reply reaches the author', async () => {
    const board = await harness.createBoard();
    const sato = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const suzuki = await harness.openBoard(board, 'participant', { name: '鈴木' });
    await addNoteByTyping(sato, CITIZEN, '課題', NOTE);

    await noteAction(sato, NOTE, 'コメント…');
    await shown(thread(sato));
    const field = commentField(sato);
    await field.pressSequentially('確認をお願いします @');
    const list = sato.getByRole('listbox', { name: '宛先の候補' });
    await shown(list.getByRole('option', { name: '@鈴木' }));
    // The IME's Enter confirms the conversion; it does not choose a name.
    await composeJapanese(sato, ['すず'], '鈴');
    await expect.poll(() => field.inputValue()).toBe('確認をお願いします @鈴');
    await shown(list.getByRole('option', { name: '@鈴木' }));
    await expect.poll(() => field.getAttribute('aria-activedescendant')).not.toBeNull();
    await field.press('Enter');
    await expect.poll(() => field.inputValue()).toBe('確認をお願いします @鈴木 ');
    await field.press('Control+Enter');
    await shown(thread(sato).locator('.comment').filter({ hasText: '確認をお願いします @鈴木' }));
    await sato.keyboard.press('Escape');

    // 鈴木 is told: 自分宛て in the header, one not answered yet.
    const forYou = suzuki.getByRole('button', { name: '自分宛てのコメント（未返信 1件）' });
    await shown(forYou);
    await forYou.click();
    const list2 = suzuki.getByRole('dialog', { name: '自分宛て' });
    await shown(list2.getByRole('button', { name: /佐藤さんがあなたに（窓口の待ち時間が長い）/ }));
    await suzuki.keyboard.press('Escape');

    // 鈴木 replies: the reply starts with @佐藤, and 佐藤 sees a reply to their comment.
    await noteAction(suzuki, NOTE, 'コメント…');
    await thread(suzuki).getByRole('button', { name: '佐藤さんへの返信' }).click();
    await expect.poll(() => commentField(suzuki).inputValue()).toBe('@佐藤 ');
    await commentField(suzuki).pressSequentially('承知しました');
    await commentField(suzuki).press('Control+Enter');
    await shown(thread(suzuki).getByText('↩ 佐藤さんへの返信'));
    await shown(suzuki.getByRole('button', { name: '自分宛てのコメント（未返信 0件）' }));
    await shown(sato.getByRole('button', { name: '自分宛てのコメント（未返信 1件）' }));
  });
});
