import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { absent, addNoteByTyping, BrowserHarness, noteAction, noteItem, openEditor, shown } from './harness';

const CITIZEN = '市民サービスの向上';
const TALENT = '人材育成';

/** This page's stored "seen" snapshot of the board (client/visit/visitTracker.ts), or null. */
function storedVisit(page: Page, boardId: string) {
  return page.evaluate((prefix) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith(prefix));
    return key ? localStorage.getItem(key) : null;
  }, `board.visit.${boardId}.`);
}

const badge = (page: Page, text: string) => noteItem(page, text).locator('.visit-badge');

describe('since your last visit', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('marks exactly what changed while this person was away, counts it and jumps to it', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await addNoteByTyping(alice, CITIZEN, '課題', '窓口の待ち時間が長い');
    await addNoteByTyping(alice, CITIZEN, '課題', '紙の申請書が多い');
    await addNoteByTyping(alice, TALENT, '課題', '研修の時間がない');

    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    const bobContext = bob.context();
    const bobLink = `${harness.server.url}/b/${board.id}#token=${board.tokens.participant}`;
    await shown(noteItem(bob, '研修の時間がない'));
    // Bob's first visit: nothing to compare with yet, so no count. He writes a note of his own and leaves
    // once the page has recorded what it showed.
    expect(await bob.getByRole('button', { name: /前回の訪問からの変更/ }).count()).toBe(0);
    await expect.poll(() => storedVisit(bob, board.id)).not.toBeNull();
    const seenBefore = await storedVisit(bob, board.id);
    await addNoteByTyping(bob, TALENT, 'アイデア', 'eラーニングを使う');
    await expect.poll(() => storedVisit(bob, board.id), { timeout: 15_000 }).not.toBe(seenBefore);
    await bob.close();

    // While Bob is away Alice adds a note, edits another, and comments on a third.
    await addNoteByTyping(alice, TALENT, 'アイデア', '研修を録画して共有');
    const editor = await openEditor(alice, '紙の申請書が多い');
    await editor.press('End');
    await editor.pressSequentially('（特に転入届）');
    await editor.press('Enter');
    await noteAction(alice, '研修の時間がない', 'コメント…');
    await alice.getByRole('textbox', { name: 'コメントを書く' }).fill('業務時間内に確保したい');
    await alice.getByRole('textbox', { name: 'コメントを書く' }).press('Control+Enter');
    await shown(alice.locator('.comment').filter({ hasText: '業務時間内に確保したい' }));
    await alice.keyboard.press('Escape');

    // Bob comes back in the same browser.
    const back = await bobContext.newPage();
    await back.goto(bobLink);
    await back.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0, null, { timeout: 20_000 });
    await shown(noteItem(back, '研修を録画して共有'));
    await expect.poll(() => badge(back, '研修を録画して共有').innerText()).toContain('新着');
    await expect.poll(() => badge(back, '紙の申請書が多い（特に転入届）').innerText()).toContain('更新');
    // Exactly those: not the untouched note, nor Bob's own.
    expect(await badge(back, '窓口の待ち時間が長い').count()).toBe(0);
    expect(await badge(back, 'eラーニングを使う').count()).toBe(0);
    expect(await badge(back, '研修の時間がない').count()).toBe(0);
    // The new comment is marked on its note's comment count.
    await shown(noteItem(back, '研修の時間がない').getByText('コメント1件（前回から新着1件）'));
    const count = back.getByRole('button', { name: '前回から3件（前回の訪問からの変更の一覧を開く）' });
    await shown(count);
    expect(await count.innerText()).toBe('前回から3件');

    // Bob's own change now is not news to him: the count stays.
    const own = await openEditor(back, 'eラーニングを使う');
    await own.press('End');
    await own.pressSequentially('（動画）');
    await own.press('Enter');
    await shown(noteItem(back, 'eラーニングを使う（動画）'));
    await shown(count);
    expect(await badge(back, 'eラーニングを使う（動画）').count()).toBe(0);

    // The jump list names the three changes; choosing one focuses its note.
    await count.click();
    const list = back.getByRole('dialog', { name: '前回の訪問からの変更' });
    // The list's code loads when first opened: wait for its entries before reading them.
    await list.getByRole('listitem').first().waitFor();
    const entries = await list.getByRole('listitem').allInnerTexts();
    expect(entries).toEqual(
      expect.arrayContaining([
        '付箋の追加: 研修を録画して共有',
        '付箋の文章の変更: 紙の申請書が多い（特に転入届）',
        'コメント（研修の時間がない）: 業務時間内に確保したい',
      ]),
    );
    expect(entries).toHaveLength(3);
    expect(await seriousViolations(back)).toEqual([]);
    await list.getByRole('button', { name: 'コメント（研修の時間がない）: 業務時間内に確保したい' }).click();
    await expect
      .poll(() => back.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('付箋: 研修の時間がない');
    await count.click();
    await list.getByRole('button', { name: '付箋の追加: 研修を録画して共有' }).click();
    await expect
      .poll(() => back.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('付箋: 研修を録画して共有');
    expect(await seriousViolations(back)).toEqual([]);

    // Marking all as read clears the marks.
    await count.click();
    await list.getByRole('button', { name: 'すべて既読にする' }).click();
    await list.getByRole('button', { name: '閉じる' }).click();
    await absent(back.getByRole('button', { name: /^前回から/ }));
    expect(await back.locator('.visit-badge').count()).toBe(0);
    expect(harness.pageErrors).toEqual([]);
  });

  it('does not mark on one device what the same person has already seen on another', async () => {
    const board = await harness.createBoard();
    const api = (token: string, method: string, path: string, body?: unknown) =>
      fetch(`${harness.server.url}/api/boards/${board.id}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then((response) => response.json() as Promise<Record<string, unknown>>);
    // A member with a personal link, used from the office PC and later from a laptop.
    const member = (await api(board.tokens.facilitator, 'POST', '/people', { name: '田中' })).token as string;
    const seenOnServer = async () => (await api(member, 'GET', '/visit')).seen;
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await addNoteByTyping(alice, CITIZEN, '課題', '窓口が混む');

    const office = await harness.openBoard(board, 'participant', { token: member });
    await expect.poll(seenOnServer).not.toBeNull();
    const firstSeen = await seenOnServer();
    await addNoteByTyping(alice, CITIZEN, '課題', '紙の申請が多い');
    await shown(noteItem(office, '紙の申請が多い'));
    await office.close(); // leaving the page reports what it showed
    await expect.poll(seenOnServer, { timeout: 15_000 }).not.toBe(firstSeen);
    await addNoteByTyping(alice, TALENT, '課題', '研修の時間がない');

    // The laptop has never opened the board: what the office PC showed is not news, the later note is.
    const laptop = await harness.openBoard(board, 'participant', { token: member });
    await expect.poll(() => badge(laptop, '研修の時間がない').innerText()).toContain('新着');
    expect(await badge(laptop, '紙の申請が多い').count()).toBe(0);
    expect(await badge(laptop, '窓口が混む').count()).toBe(0);
    await shown(laptop.getByRole('button', { name: '前回から1件（前回の訪問からの変更の一覧を開く）' }));
  });
});
