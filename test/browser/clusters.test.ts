import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  absent,
  addNoteByTyping,
  BrowserHarness,
  laneRegion,
  noteAction,
  noteItem,
  openNoteMenu,
  shown,
} from './harness';
import { composeJapanese } from './ime';

const CITIZEN = '市民サービスの向上';

/** dnd-kit's live region: what a screen reader is told during a drag. */
function dragAnnouncement(page: Page) {
  return page.locator('[id^="DndLiveRegion"]').innerText();
}

function cluster(page: Page, title: string) {
  return page.getByRole('listitem', { name: `グループ: ${title}` });
}

/** The texts of the notes a cluster card shows, in order. */
function memberTexts(page: Page, title: string) {
  return cluster(page, title)
    .locator('.note-text')
    .evaluateAll((items) => items.map((i) => i.textContent));
}

function laneTexts(page: Page, lane: string) {
  return laneRegion(page, CITIZEN, lane)
    .locator('.note-text')
    .evaluateAll((items) => items.map((i) => i.textContent));
}

/** Drags with the mouse from the middle of one element to a point of another, as a person would. */
async function dragTo(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 20, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
}

/** `dragTo` a target element's centre, measured again once the drag is under way (the page may have moved). */
async function dragOnto(page: Page, from: { x: number; y: number }, target: ReturnType<Page['locator']>) {
  await dragTo(page, from, await centreOf(target));
  const settled = await centreOf(target);
  await page.mouse.move(settled.x, settled.y, { steps: 2 });
}

async function centreOf(locator: ReturnType<Page['locator']>) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not laid out');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe('clusters (グループ) with three people', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('groups by drag and by keyboard, names, takes a note out, folds, dissolves and undoes, live for everyone', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const sato = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const suzuki = await harness.openBoard(board, 'participant', { name: '鈴木' });
    for (const [lane, text] of [
      ['課題', '窓口が混む'],
      ['課題', '申請が紙'],
      ['アイデア', 'オンライン予約'],
      ['アイデア', '書かない窓口'],
    ] as const) {
      await addNoteByTyping(sato, CITIZEN, lane, text);
    }
    await shown(noteItem(suzuki, '書かない窓口'));

    // 佐藤 drags オンライン予約 with the mouse onto the middle of 窓口が混む: a new, unnamed cluster.
    await dragOnto(
      sato,
      await centreOf(noteItem(sato, 'オンライン予約').locator('.note-text')),
      noteItem(sato, '窓口が混む'),
    );
    await expect.poll(() => dragAnnouncement(sato)).toContain('「オンライン予約」を「窓口が混む」とグループにします。');
    await sato.mouse.up();
    for (const page of [facilitator, suzuki, sato]) {
      // Unnamed: shown as its first note (課題 before アイデア), marked as unnamed.
      await shown(cluster(page, '窓口が混む'));
      await expect.poll(() => memberTexts(page, '窓口が混む')).toEqual(['窓口が混む', 'オンライン予約']);
    }
    await expect.poll(() => cluster(suzuki, '窓口が混む').innerText()).toContain('名前なし');
    await expect.poll(() => cluster(suzuki, '窓口が混む').innerText()).toContain('2枚');
    await expect.poll(() => laneTexts(facilitator, '課題')).toEqual(['申請が紙']);
    await expect.poll(() => laneTexts(facilitator, 'アイデア')).toEqual(['書かない窓口']);
    // Each note in a cluster shows its lane.
    expect(await noteItem(suzuki, 'オンライン予約').locator('.note-lane-tag').innerText()).toBe('アイデア');

    // 鈴木 groups 書かない窓口 with 申請が紙 by keyboard only: G on the note (グループにする…), arrows, Tab, Enter.
    await noteItem(suzuki, '書かない窓口').focus();
    await suzuki.keyboard.press('g');
    const dialog = suzuki.getByRole('dialog', { name: 'グループにする' });
    await shown(dialog);
    const options = dialog.getByRole('radio');
    await expect
      .poll(() => options.evaluateAll((items) => items.map((i) => i.closest('label')?.textContent)))
      .toEqual(['グループ「窓口が混む」（2枚）', '課題: 申請が紙']);
    await suzuki.keyboard.press('ArrowDown');
    expect(await dialog.getByRole('radio', { name: '課題: 申請が紙' }).isChecked()).toBe(true);
    await suzuki.keyboard.press('Tab'); // キャンセル
    await suzuki.keyboard.press('Tab'); // グループにする
    await suzuki.keyboard.press('Enter');
    await absent(dialog);
    await expect
      .poll(() => suzuki.getByRole('status').allInnerTexts())
      .toContainEqual(expect.stringContaining('付箋「書かない窓口」と「申請が紙」をグループにしました。'));
    // The focus stays on the note, now in its cluster.
    await expect
      .poll(() => suzuki.evaluate(() => document.activeElement?.closest('[data-cluster-id]') !== null))
      .toBe(true);
    for (const page of [facilitator, sato]) {
      await expect.poll(() => memberTexts(page, '申請が紙')).toEqual(['申請が紙', '書かない窓口']);
    }

    // 鈴木 names it by keyboard, through a Japanese IME: the Enter that confirms the conversion saves nothing.
    await suzuki.getByRole('button', { name: 'グループ「申請が紙」の名前を変更' }).focus();
    await suzuki.keyboard.press('Enter');
    const titleField = suzuki.getByRole('textbox', { name: 'グループの名前（空にすると最初の付箋の文で表示）' });
    await shown(titleField);
    await composeJapanese(suzuki, ['しょ', 'しょるい', '書類'], '書類');
    expect(await titleField.isVisible()).toBe(true);
    await suzuki.keyboard.type('を減らす');
    await suzuki.keyboard.press('Enter');
    await absent(titleField);
    for (const page of [facilitator, sato, suzuki]) {
      await shown(cluster(page, '書類を減らす'));
      await expect.poll(() => cluster(page, '書類を減らす').innerText()).not.toContain('名前なし');
    }

    // 佐藤 drags オンライン予約 out of its cluster onto the empty アイデア lane: it leaves the cluster.
    await dragTo(
      sato,
      await centreOf(noteItem(sato, 'オンライン予約').locator('.note-text')),
      await centreOf(laneRegion(sato, CITIZEN, 'アイデア')),
    );
    await sato.mouse.up();
    for (const page of [facilitator, suzuki]) {
      await expect.poll(() => laneTexts(page, 'アイデア')).toEqual(['オンライン予約']);
      await expect.poll(() => memberTexts(page, '窓口が混む')).toEqual(['窓口が混む']);
    }

    // The facilitator folds 書類を減らす: folded for everyone.
    const toggle = (page: Page) => page.getByRole('button', { name: 'グループ「書類を減らす」の付箋を表示' });
    expect(await toggle(facilitator).getAttribute('aria-expanded')).toBe('true');
    await toggle(facilitator).click();
    await expect.poll(() => toggle(sato).getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => noteItem(sato, '書かない窓口').isVisible()).toBe(false);
    await shown(cluster(sato, '書類を減らす').getByText('2枚の付箋をたたんでいます'));

    // The facilitator dissolves it: its notes go back to their lanes for everyone; undo brings it back.
    await facilitator.getByRole('button', { name: 'グループ「書類を減らす」を解散' }).click();
    await absent(cluster(suzuki, '書類を減らす'));
    await expect.poll(() => laneTexts(suzuki, '課題')).toEqual(['申請が紙']);
    await expect.poll(() => laneTexts(suzuki, 'アイデア')).toEqual(['オンライン予約', '書かない窓口']);
    // The message's undo (the header's 元に戻す is the facilitator's own history).
    await facilitator
      .getByRole('status')
      .filter({ hasText: 'グループ「書類を減らす」を解散しました。' })
      .getByRole('button', { name: '元に戻す' })
      .click();
    await shown(cluster(suzuki, '書類を減らす'));
    await expect.poll(() => memberTexts(suzuki, '書類を減らす')).toEqual(['申請が紙', '書かない窓口']);
    await expect.poll(() => laneTexts(sato, 'アイデア')).toEqual(['オンライン予約']);

    expect(harness.externalRequests).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });

  it('takes a note out and moves a cluster to another pillar with the keyboard; a rename re-renders that card only', async () => {
    const board = await harness.createBoard();
    const sato = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await addNoteByTyping(sato, CITIZEN, '課題', '窓口が混む');
    await addNoteByTyping(sato, CITIZEN, 'アイデア', '予約制');
    await addNoteByTyping(sato, CITIZEN, 'アイデア', '書かない窓口');
    for (const text of ['予約制', '書かない窓口']) {
      await noteAction(sato, text, 'グループにする…');
      await sato
        .getByRole('dialog', { name: 'グループにする' })
        .getByRole('radio', { name: /窓口が混む/ })
        .check();
      await sato
        .getByRole('dialog', { name: 'グループにする' })
        .getByRole('button', { name: 'グループにする' })
        .click();
    }
    await expect.poll(() => memberTexts(sato, '窓口が混む')).toEqual(['窓口が混む', '予約制', '書かない窓口']);
    const watcher = await harness.openBoard(board, 'viewer', { name: '高橋', recordRenders: true });
    await shown(cluster(watcher, '窓口が混む'));

    // 「グループから外す」: back to the end of its own lane, announced, the focus kept on it.
    await noteItem(sato, '予約制').focus();
    await sato.keyboard.press('u');
    await expect.poll(() => laneTexts(watcher, 'アイデア')).toEqual(['予約制']);
    await expect
      .poll(() => sato.getByRole('status').allInnerTexts())
      .toContainEqual(expect.stringContaining('付箋「予約制」をグループから外し、アイデアの最後に置きました。'));
    await expect
      .poll(() => sato.evaluate(() => document.activeElement?.closest('section.lane')?.getAttribute('aria-label')))
      .toBe(`${CITIZEN} — アイデア`);

    // A rename typed by a colleague re-renders the watcher's card of that cluster and nothing else.
    const before = await watcher.evaluate(() => ({ ...window.__renderCounts }));
    await sato.getByRole('button', { name: 'グループ「窓口が混む」の名前を変更' }).click();
    await sato.getByRole('textbox', { name: 'グループの名前（空にすると最初の付箋の文で表示）' }).fill('窓口改革');
    await sato.keyboard.press('Enter');
    await shown(cluster(watcher, '窓口改革'));
    const after = await watcher.evaluate(() => ({ ...window.__renderCounts }));
    const grew = Object.keys(after).filter((key) => (after[key] ?? 0) > (before[key] ?? 0));
    const clusterId = await cluster(watcher, '窓口改革').getAttribute('data-cluster-id');
    expect(grew).toEqual([`cluster:${clusterId}`]);

    // 「移動…」 of the cluster: to 人材育成, with its notes.
    await sato.getByRole('button', { name: 'グループ「窓口改革」を移動…' }).focus();
    await sato.keyboard.press('Enter');
    const dialog = sato.getByRole('dialog', { name: 'グループを移動' });
    await dialog.getByRole('combobox', { name: '柱' }).selectOption({ label: '人材育成' });
    await dialog.getByRole('button', { name: '移動する' }).click();
    await expect
      .poll(() =>
        cluster(watcher, '窓口改革').evaluate(
          (el) => el.closest('.pillar')?.querySelector('.pillar-title')?.textContent,
        ),
      )
      .toBe('人材育成');
    await expect.poll(() => memberTexts(watcher, '窓口改革')).toEqual(['窓口が混む', '書かない窓口']);
  });

  it('drags a note into a cluster and out again with the keyboard, announcing the cluster', async () => {
    const board = await harness.createBoard();
    const sato = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await addNoteByTyping(sato, CITIZEN, '課題', '窓口が混む');
    await addNoteByTyping(sato, CITIZEN, 'アイデア', '予約制');
    await noteAction(sato, '予約制', 'グループにする…');
    await sato.getByRole('dialog', { name: 'グループにする' }).getByRole('button', { name: 'グループにする' }).click();
    await shown(cluster(sato, '窓口が混む'));
    await addNoteByTyping(sato, CITIZEN, '課題', '電話が遠い');

    // Up from the 課題 lane: the nearest stop is the cluster's last note.
    await noteItem(sato, '電話が遠い').focus();
    await sato.keyboard.press('Space');
    await expect.poll(() => dragAnnouncement(sato)).toContain('付箋「電話が遠い」を持ち上げました。');
    await sato.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    await sato.keyboard.press('ArrowUp');
    await expect.poll(() => dragAnnouncement(sato)).toContain('「電話が遠い」をグループ「窓口が混む」に入れます。');
    await sato.keyboard.press('Space');
    await expect
      .poll(() => dragAnnouncement(sato))
      .toContain('付箋「電話が遠い」をグループ「窓口が混む」に入れました。');
    await expect.poll(() => memberTexts(sato, '窓口が混む')).toEqual(['窓口が混む', '電話が遠い', '予約制']);

    // Down from the cluster onto the empty 課題 lane: it leaves the cluster.
    await noteItem(sato, '電話が遠い').focus();
    await sato.keyboard.press('Space');
    await expect.poll(() => dragAnnouncement(sato)).toContain('付箋「電話が遠い」を持ち上げました。');
    await sato.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    // Two stops down: the cluster's next note (still in the cluster: nothing to announce), then the empty lane.
    await sato.keyboard.press('ArrowDown');
    await sato.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    await sato.keyboard.press('ArrowDown');
    await expect
      .poll(() => dragAnnouncement(sato))
      .toContain(`付箋「電話が遠い」は${CITIZEN}の課題の1番目の位置にあります。`);
    await sato.keyboard.press('Space');
    await expect.poll(() => laneTexts(sato, '課題')).toEqual(['電話が遠い']);
    await expect.poll(() => memberTexts(sato, '窓口が混む')).toEqual(['窓口が混む', '予約制']);
  });

  it('shows clusters read-only to a viewer', async () => {
    const board = await harness.createBoard();
    const sato = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const viewer = await harness.openBoard(board, 'viewer', { name: '閲覧者' });
    await addNoteByTyping(sato, CITIZEN, '課題', '窓口が混む');
    await addNoteByTyping(sato, CITIZEN, '達成目標', '待たずに済む');
    await noteAction(sato, '待たずに済む', 'グループにする…');
    await sato.getByRole('dialog', { name: 'グループにする' }).getByRole('button', { name: 'グループにする' }).click();
    await shown(cluster(viewer, '窓口が混む'));
    await expect.poll(() => memberTexts(viewer, '窓口が混む')).toEqual(['窓口が混む', '待たずに済む']);
    // Nothing that changes the board: only the comment threads, to read (the group's own and its notes').
    const buttons = cluster(viewer, '窓口が混む').getByRole('button');
    const names = await buttons.evaluateAll((all) => all.map((b) => b.getAttribute('aria-label') ?? b.textContent));
    expect(names.filter((name) => !/コメント|操作/.test(name ?? ''))).toEqual([]);
    // A note's menu offers the viewer its comments only.
    const menu = await openNoteMenu(viewer, '待たずに済む');
    expect(await menu.getByRole('menuitem').count()).toBe(1);
    await shown(menu.getByRole('menuitem', { name: 'コメント…' }));
    await viewer.keyboard.press('Escape');
    await absent(menu);
    await cluster(viewer, '窓口が混む')
      .getByRole('button', { name: '『グループ: 窓口が混む』へのコメント（0件）' })
      .click();
    await shown(viewer.getByRole('dialog', { name: '『グループ: 窓口が混む』へのコメント' }));
  });
});
