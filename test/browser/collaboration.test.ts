import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  absent,
  addNoteByTyping,
  BrowserHarness,
  laneRegion,
  noteAction,
  noteItem,
  openEditor,
  rendersSettled,
  shown,
} from './harness';

const CITIZEN = '市民サービスの向上';
const EFFICIENCY = '業務の効率化';
const TALENT = '人材育成';

describe('two people on one board', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('see each other’s new, edited, moved and deleted notes', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'facilitator', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });

    // New: Alice adds a problem, Bob sees it in the same lane.
    await addNoteByTyping(alice, CITIZEN, '課題', '窓口の待ち時間が長い');
    await expect
      .poll(() => laneRegion(bob, CITIZEN, '課題').getByRole('listitem').allInnerTexts())
      .toEqual([expect.stringContaining('窓口の待ち時間が長い')]);

    // Edited: Bob edits the text in place, Alice sees the edit.
    const editor = await openEditor(bob, '窓口の待ち時間が長い');
    await editor.press('End');
    await editor.pressSequentially('（特に月曜）');
    await editor.press('Enter');
    await shown(noteItem(alice, '窓口の待ち時間が長い（特に月曜）'));

    // Moved: Alice drags it with the mouse to another pillar's goal lane.
    const handle = noteItem(alice, '窓口の待ち時間が長い（特に月曜）').locator('.note-text');
    const target = laneRegion(alice, EFFICIENCY, '達成目標');
    const from = await handle.boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error('not laid out');
    await alice.mouse.move(from.x + 20, from.y + 8);
    await alice.mouse.down();
    await alice.mouse.move(from.x + 40, from.y + 30, { steps: 4 });
    await alice.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await alice.mouse.up();
    await expect.poll(() => laneRegion(bob, EFFICIENCY, '達成目標').getByRole('listitem').count()).toBe(1);
    await absent(laneRegion(bob, CITIZEN, '課題').getByRole('listitem'));

    // Deleted: Bob deletes it, Alice no longer sees it; Bob's undo brings it back for both.
    await noteAction(bob, '窓口の待ち時間が長い（特に月曜）', '削除');
    await absent(noteItem(alice, '窓口の待ち時間が長い（特に月曜）'));
    // The undo of the message that says so (the header's 元に戻す undoes Bob's last change too, but this is the message's).
    await bob
      .getByRole('status')
      .filter({ hasText: '付箋「窓口の待ち時間が長い（特に月曜）」を削除しました。' })
      .getByRole('button', { name: '元に戻す' })
      .click();
    await shown(noteItem(alice, '窓口の待ち時間が長い（特に月曜）'));

    // Presence: each sees the other.
    await expect.poll(() => alice.getByRole('region', { name: '参加中のメンバー' }).innerText()).toContain('鈴木');
    expect(harness.externalRequests).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });

  it('shows who is editing which note to the others', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    await addNoteByTyping(alice, TALENT, 'アイデア', '研修の動画を共有');
    await noteAction(bob, '研修の動画を共有', '編集');
    await expect.poll(() => noteItem(alice, '研修の動画を共有').innerText()).toContain('鈴木さんが編集中');
    await bob.getByRole('textbox', { name: '付箋の本文を編集' }).press('Escape');
    await expect.poll(() => noteItem(alice, '研修の動画を共有').innerText()).not.toContain('鈴木さんが編集中');
  });

  it('lets a person choose a note’s colour by name, seen by the others and kept for their next note', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    await addNoteByTyping(alice, CITIZEN, '達成目標', '色を変える付箋');
    await noteAction(alice, '色を変える付箋', '編集');
    await alice.getByRole('combobox', { name: '色' }).selectOption({ label: '水色' });
    const background = (page: typeof alice, text: string) =>
      noteItem(page, text).evaluate((el) => getComputedStyle(el).backgroundColor);
    await expect.poll(() => background(bob, '色を変える付箋')).toBe('rgb(205, 239, 253)');
    await alice.getByRole('textbox', { name: '付箋の本文を編集' }).press('Escape');
    await addNoteByTyping(alice, CITIZEN, '達成目標', '次の付箋も水色');
    await expect.poll(() => background(bob, '次の付箋も水色')).toBe('rgb(205, 239, 253)');
  });

  it('re-renders only the edited note when a remote edit arrives', async () => {
    const board = await harness.createBoard();
    const writer = await harness.openBoard(board, 'participant', { name: '佐藤' });
    for (const text of ['一つ目', '二つ目', '三つ目']) {
      await addNoteByTyping(writer, CITIZEN, '課題', text);
    }
    const watcher = await harness.openBoard(board, 'viewer', { name: '高橋', recordRenders: true });
    await expect.poll(() => laneRegion(watcher, CITIZEN, '課題').getByRole('listitem').count()).toBe(3);
    const before = await watcher.evaluate(() => ({ ...window.__renderCounts }));

    await noteAction(writer, '二つ目', '編集');
    await writer.getByRole('textbox', { name: '付箋の本文を編集' }).press('End');
    await writer.getByRole('textbox', { name: '付箋の本文を編集' }).pressSequentially('です');
    await shown(noteItem(watcher, '二つ目です'));

    const after = await watcher.evaluate(() => ({ ...window.__renderCounts }));
    const grew = Object.keys(after).filter((key) => (after[key] ?? 0) > (before[key] ?? 0));
    const edited = await watcher.evaluate(
      () => document.querySelector('[aria-label="付箋: 二つ目です"]')?.getAttribute('data-note-id') ?? '',
    );
    expect(edited).not.toBe('');
    expect(grew).toEqual([`note:${edited}`]);
  });

  it('does not render the lane again when a colleague’s edit makes one of its notes taller', async () => {
    const board = await harness.createBoard();
    const writer = await harness.openBoard(board, 'participant', { name: '佐藤' });
    for (const text of ['短い付箋', '隣の付箋']) await addNoteByTyping(writer, CITIZEN, '課題', text);
    const watcher = await harness.openBoard(board, 'viewer', { name: '高橋', recordRenders: true });
    const lane = laneRegion(watcher, CITIZEN, '課題');
    await expect.poll(() => lane.getByRole('listitem').count()).toBe(2);
    const listHeight = () => lane.getByRole('list').evaluate((list) => list.getBoundingClientRect().height);
    // A narrower window and back: the lane's grid loses a column and gets it back (each a render of the lane).
    const columns = () => lane.locator('.note-chunk').evaluate((chunk) => getComputedStyle(chunk).gridTemplateColumns);
    const wide = await columns();
    await watcher.setViewportSize({ width: 900, height: 900 });
    await expect.poll(columns).not.toBe(wide);
    await watcher.setViewportSize({ width: 1400, height: 900 });
    await expect.poll(columns).toBe(wide);
    await rendersSettled(watcher);
    const heightBefore = await listHeight();
    const before = await watcher.evaluate(() => ({ ...window.__renderCounts }));

    // Each of these edits changes the lane's height, which the lane watches (its grid's columns follow its size).
    const long = '窓口で申請書を書く時間が長く、説明も分かりにくいため、高齢の方が何度も来庁する';
    await noteAction(writer, '短い付箋', '編集');
    await writer.getByRole('textbox', { name: '付箋の本文を編集' }).fill(long);
    await writer.getByRole('textbox', { name: '付箋の本文を編集' }).press('Escape');
    await shown(noteItem(watcher, long));
    await expect.poll(listHeight).toBeGreaterThan(heightBefore);
    await noteAction(writer, long, '編集');
    await writer.getByRole('textbox', { name: '付箋の本文を編集' }).fill('短い付箋');
    await writer.getByRole('textbox', { name: '付箋の本文を編集' }).press('Escape');
    await shown(noteItem(watcher, '短い付箋'));
    await expect.poll(listHeight).toBe(heightBefore);

    const after = await watcher.evaluate(() => ({ ...window.__renderCounts }));
    const grew = Object.keys(after).filter((key) => (after[key] ?? 0) > (before[key] ?? 0));
    expect(grew.filter((key) => !key.startsWith('note:'))).toEqual([]);
  });

  it('re-renders only the note being typed in on the typist’s own page (not the board, not the lanes)', async () => {
    const board = await harness.createBoard();
    const writer = await harness.openBoard(board, 'participant', { name: '佐藤', recordRenders: true });
    for (const text of ['一つ目', '二つ目']) await addNoteByTyping(writer, CITIZEN, '課題', text);
    await noteAction(writer, '二つ目', '編集');
    const editor = writer.getByRole('textbox', { name: '付箋の本文を編集' });
    await editor.press('End');
    const before = await writer.evaluate(() => ({ ...window.__renderCounts }));
    // Each key is a change the server has yet to confirm, then confirms: the page's save state changes twice.
    await editor.pressSequentially('です', { delay: 50 });
    await expect.poll(() => editor.inputValue()).toBe('二つ目です');
    await expect
      .poll(() => writer.getByRole('status', { name: /^保存状態:/ }).getAttribute('aria-label'))
      .toBe('保存状態: 保存済み');
    const after = await writer.evaluate(() => ({ ...window.__renderCounts }));
    const grew = Object.keys(after).filter((key) => (after[key] ?? 0) > (before[key] ?? 0));
    expect(grew.filter((key) => !key.startsWith('note:'))).toEqual([]);
    expect(grew).toHaveLength(1);
  });
});
