import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { absent, addNoteByTyping, BrowserHarness, noteItem, shown } from './harness';
import { composeJapanese } from './ime';

const CITIZEN = '市民サービスの向上';

const commentButton = (page: Page, text: string, count: number) =>
  noteItem(page, text).getByRole('button', { name: `『${text}』へのコメント（${count}件）` });
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

    // Bob writes a comment from the keyboard: the IME's Enter does not send, Ctrl+Enter does.
    await commentButton(bob, note, 0).click();
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
    await commentButton(alice, note, 1).click();
    const bobsComment = commentEntry(alice, '月曜の朝が特に混みます');
    await shown(bobsComment);
    expect(await bobsComment.innerText()).toContain('鈴木');
    expect(await bobsComment.getByRole('button').count()).toBe(0);

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
    expect(await commentEntry(bob, '番号札の導入を検討しましょう').getByRole('button').count()).toBe(0);

    // Bob deletes his own comment: it stays in the thread as deleted, for both, and the count drops.
    await commentEntry(bob, '月曜と金曜の朝が特に混みます').getByRole('button', { name: '削除' }).click();
    await absent(commentEntry(alice, '月曜と金曜の朝が特に混みます'));
    await shown(commentEntry(alice, '削除されたコメント'));
    await alice.keyboard.press('Escape');
    await absent(thread(alice, note));
    await shown(commentButton(alice, note, 1));

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

    const like = (page: Page, count: number) =>
      noteItem(page, note).getByRole('button', { name: `いいね（${count}）` });
    await like(alice, 0).click();
    await expect.poll(() => like(alice, 1).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => like(bob, 1).getAttribute('aria-pressed')).toBe('false');
    await like(bob, 1).click();
    await shown(like(alice, 2));
    // Pressing again takes one's own reaction back, never the other's.
    await like(alice, 2).click();
    await shown(like(bob, 1));
    await expect.poll(() => like(bob, 1).getAttribute('aria-pressed')).toBe('true');
    await noteItem(bob, note).getByRole('button', { name: '質問あり（0）' }).press('Enter');
    await shown(noteItem(alice, note).getByRole('button', { name: '質問あり（1）' }));

    // The viewer sees the counts and the thread, and has nothing to press or write.
    await expect.poll(() => noteItem(viewer, note).innerText()).toContain('いいね（1）');
    expect(
      await noteItem(viewer, note)
        .getByRole('button', { name: /いいね/ })
        .count(),
    ).toBe(0);
    await commentButton(viewer, note, 0).click();
    await shown(thread(viewer, note).getByText('閲覧用リンクではコメントやリアクションはできません。'));
    expect(await commentField(viewer).count()).toBe(0);
    expect(harness.pageErrors).toEqual([]);
  });
});
