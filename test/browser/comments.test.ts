import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import {
  absent,
  addNoteByTyping,
  BrowserHarness,
  noteAction,
  noteItem,
  noteToggle,
  openNoteMenu,
  shown,
} from './harness';
import { composeJapanese } from './ime';

const CITIZEN = '市民サービスの向上';

/** The quiet count on the note (its words are read by screen readers; the eye sees an icon and a number). */
const commentCount = (page: Page, text: string, count: number) => noteItem(page, text).getByText(`コメント${count}件`);
const thread = (page: Page, text: string) => page.getByRole('dialog', { name: `『${text}』へのコメント` });
const commentField = (page: Page) => page.getByRole('textbox', { name: 'コメントを書く' });
const commentEntry = (page: Page, text: string) => page.locator('.comment').filter({ hasText: text });

describe('comment threads and reactions', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('two people discuss a note: live thread, own edits and deletions only, length limit, IME-safe sending', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    const note = '窓口の待ち時間が長い';
    await addNoteByTyping(alice, CITIZEN, '課題', note);

    // Bob writes a comment from the keyboard (C on the note opens its thread): the IME's Enter does not send,
    // Ctrl+Enter does.
    await noteItem(bob, note).focus();
    await bob.keyboard.press('c');
    await shown(thread(bob, note));
    await expect.poll(() => bob.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await composeJapanese(bob, ['そうだん'], '相談', 2);
    await expect.poll(() => commentField(bob).inputValue()).toBe('相談');
    expect(await thread(bob, note).getByText('まだコメントはありません。').count()).toBe(1);
    await commentField(bob).fill('月曜の朝が特に混みます');
    await commentField(bob).press('Control+Enter');
    await shown(commentEntry(bob, '月曜の朝が特に混みます'));
    expect(await commentField(bob).inputValue()).toBe('');

    // Alice sees the count on the note live, and the thread with Bob's name; she cannot edit his comment.
    await shown(commentCount(alice, note, 1));
    await noteAction(alice, note, 'コメント…');
    const bobsComment = commentEntry(alice, '月曜の朝が特に混みます');
    await shown(bobsComment);
    expect(await bobsComment.innerText()).toContain('鈴木');
    expect(await bobsComment.getByRole('button', { name: /^(編集|削除)/ }).count()).toBe(0);

    // Alice answers; Bob, whose thread is open, sees it arrive.
    await commentField(alice).fill('番号札の導入を検討しましょう');
    await thread(alice, note).getByRole('button', { name: '送信' }).click();
    await shown(commentEntry(bob, '番号札の導入を検討しましょう'));
    expect(await commentEntry(alice, '番号札の導入を検討しましょう').innerText()).toContain('佐藤（あなた）');
    expect(await seriousViolations(alice)).toEqual([]);

    // A comment over the limit is refused with a message; nothing is sent and the text is kept.
    const long = 'あ'.repeat(1001);
    await commentField(alice).fill(long);
    await commentField(alice).press('Control+Enter');
    await expect.poll(() => thread(alice, note).getByRole('alert').innerText()).toContain('1000文字まで');
    expect(await commentField(alice).inputValue()).toBe(long);
    await commentField(alice).fill('');

    // Bob edits his own comment; Alice sees the new text marked as edited.
    const own = commentEntry(bob, '月曜の朝が特に混みます');
    await own.getByRole('button', { name: '編集' }).click();
    const editField = bob.getByRole('textbox', { name: 'コメントを編集' });
    await editField.fill('月曜と金曜の朝が特に混みます');
    await editField.press('Control+Enter');
    await shown(commentEntry(alice, '月曜と金曜の朝が特に混みます'));
    expect(await commentEntry(alice, '月曜と金曜の朝が特に混みます').innerText()).toContain('編集済み');
    // Bob has no edit button on Alice's comment.
    expect(
      await commentEntry(bob, '番号札の導入を検討しましょう')
        .getByRole('button', { name: /^(編集|削除)/ })
        .count(),
    ).toBe(0);

    // Bob deletes his own comment: it stays in the thread as deleted, for both, and the count drops.
    await commentEntry(bob, '月曜と金曜の朝が特に混みます').getByRole('button', { name: '削除' }).click();
    await absent(commentEntry(alice, '月曜と金曜の朝が特に混みます'));
    await shown(commentEntry(alice, '削除されたコメント'));
    await alice.keyboard.press('Escape');
    await absent(thread(alice, note));
    await shown(commentCount(alice, note, 1));

    // The activity feed names who commented and who wrote the note.
    await alice.getByRole('button', { name: 'アクティビティ' }).click();
    const activity = alice.getByRole('dialog', { name: 'ボードのアクティビティ' });
    await shown(activity);
    const entries = await activity.getByRole('listitem').allInnerTexts();
    expect(entries.some((e) => e.includes(`佐藤さんが付箋を追加: ${note}`))).toBe(true);
    expect(entries.some((e) => e.includes(`鈴木さんがコメント（${note}）`))).toBe(true);
    expect(entries.some((e) => e.includes(`鈴木さんがコメントを削除（${note}）`))).toBe(true);
    // The deleted comment's words are nowhere in the feed.
    expect(entries.some((e) => e.includes('月曜と金曜の朝が特に混みます'))).toBe(false);
    expect(await seriousViolations(alice)).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
    expect(harness.externalRequests).toEqual([]);
  });

  it('reactions are toggle buttons counted per person, seen live; a viewer only reads', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    const viewer = await harness.openBoard(board, 'viewer', { name: '見学' });
    const note = '申請書を電子化する';
    await addNoteByTyping(alice, CITIZEN, 'アイデア', note);

    // The counts are quiet text on the note; the switches are in its menu (menuitemcheckbox, checked when mine).
    const likes = (page: Page, count: number) => noteItem(page, note).getByText(`いいね（${count}）`);
    const likeChecked = async (page: Page) => {
      const menu = await openNoteMenu(page, note);
      const checked = await menu.getByRole('menuitemcheckbox', { name: 'いいね' }).getAttribute('aria-checked');
      await page.keyboard.press('Escape');
      await absent(menu);
      return checked;
    };
    await noteToggle(alice, note, 'いいね');
    await shown(likes(alice, 1));
    expect(await likeChecked(alice)).toBe('true');
    await shown(likes(bob, 1));
    expect(await likeChecked(bob)).toBe('false');
    await noteToggle(bob, note, 'いいね');
    await shown(likes(alice, 2));
    // Pressing again takes one's own reaction back, never the other's.
    await noteToggle(alice, note, 'いいね');
    await shown(likes(bob, 1));
    expect(await likeChecked(bob)).toBe('true');
    // From the keyboard: 2 on the focused note is 質問あり.
    await noteItem(bob, note).focus();
    await bob.keyboard.press('2');
    await shown(noteItem(alice, note).getByText('質問あり（1）'));

    // The viewer sees the counts and the thread, and has nothing to switch or write.
    await shown(likes(viewer, 1));
    const menu = await openNoteMenu(viewer, note);
    expect(await menu.getByRole('menuitemcheckbox').count()).toBe(0);
    await menu.getByRole('menuitem', { name: 'コメント…' }).click();
    await shown(thread(viewer, note).getByText('閲覧用リンクではコメントやリアクションはできません。'));
    expect(await commentField(viewer).count()).toBe(0);
    expect(harness.pageErrors).toEqual([]);
  });
});
