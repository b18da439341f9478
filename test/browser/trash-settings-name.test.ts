import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  absent,
  addNoteByTyping,
  BrowserHarness,
  facilitatorTool,
  laneRegion,
  noteAction,
  noteItem,
  shown,
} from './harness';

const CITIZEN = '市民サービスの向上';
const TALENT = '人材育成';

describe('trash, pillar archive and display names', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('lets any participant restore a deleted note from the trash, names who deleted it, and lets the facilitator erase one', async () => {
    const board = await harness.createBoard();
    const author = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const colleague = await harness.openBoard(board, 'participant', { name: '鈴木' });
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await addNoteByTyping(author, CITIZEN, 'アイデア', 'ごみ箱から戻す付箋');
    await addNoteByTyping(author, CITIZEN, 'アイデア', '重複した付箋');
    await noteAction(author, 'ごみ箱から戻す付箋', '削除');
    await absent(noteItem(facilitator, 'ごみ箱から戻す付箋'));

    await shown(author.getByRole('button', { name: 'ごみ箱 (1)' }));
    await shown(facilitator.getByRole('button', { name: 'ごみ箱 (1)' }));
    await shown(colleague.getByRole('button', { name: 'ごみ箱 (1)' }));

    // A colleague who did not write it restores it; only the facilitator is offered 完全に削除.
    await colleague.getByRole('button', { name: 'ごみ箱 (1)' }).click();
    const trash = colleague.getByRole('dialog', { name: 'ごみ箱' });
    await shown(trash.getByText('（佐藤さんが削除）'));
    expect(await trash.getByRole('button', { name: /完全に削除/ }).count()).toBe(0);
    await trash.getByRole('button', { name: '「ごみ箱から戻す付箋」を元に戻す' }).click();
    await shown(trash.getByText('ごみ箱は空です'));
    // Focus stays in the dialog after the restored entry left the list.
    expect(await trash.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
    await trash.getByRole('button', { name: '閉じる' }).click();
    await shown(noteItem(facilitator, 'ごみ箱から戻す付箋'));

    await noteAction(colleague, '重複した付箋', '削除');
    await facilitator.getByRole('button', { name: 'ごみ箱 (1)' }).click();
    const facilitatorTrash = facilitator.getByRole('dialog', { name: 'ごみ箱' });
    await shown(facilitatorTrash.getByText('（鈴木さんが削除）'));
    await facilitatorTrash.getByRole('button', { name: '「重複した付箋」を完全に削除' }).click();
    await facilitator.getByRole('alertdialog').getByRole('button', { name: '完全に削除' }).click();
    await shown(facilitatorTrash.getByText('ごみ箱は空です'));
    await shown(author.getByRole('button', { name: 'ごみ箱 (0)' }));
  });

  it('hides an archived pillar with its notes, and brings both back when it is restored', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant');
    await addNoteByTyping(participant, TALENT, '課題', '研修予算が足りない');

    await facilitatorTool(facilitator, 'ボードの設定');
    const settings = facilitator.getByRole('dialog', { name: 'ボードの設定' });
    await settings.getByRole('button', { name: `「${TALENT}」をアーカイブ` }).click();
    await absent(participant.getByRole('heading', { name: TALENT, level: 2 }));
    await absent(noteItem(participant, '研修予算が足りない'));
    // Not lost: the note is neither shown as unplaced nor deleted.
    expect(await participant.getByRole('region', { name: '未分類の付箋' }).count()).toBe(0);

    await settings.getByRole('button', { name: `「${TALENT}」を戻す` }).click();
    await shown(laneRegion(participant, TALENT, '課題').getByRole('listitem', { name: '付箋: 研修予算が足りない' }));

    // Reorder: move 人材育成 to the top; everyone sees the new order.
    await settings.getByRole('button', { name: `「${TALENT}」を上へ` }).click();
    await settings.getByRole('button', { name: `「${TALENT}」を上へ` }).click();
    await expect
      .poll(() => participant.getByRole('heading', { level: 2 }).allTextContents())
      .toEqual([TALENT, CITIZEN, '業務の効率化']);
  });

  it('asks a first-time visitor for a display name, remembers it, and lets them change it', async () => {
    const board = await harness.createBoard();
    const context = await harness.browser.newContext();
    const page = await context.newPage();
    const watcher = await harness.openBoard(board, 'viewer', { name: '見学者' });
    await page.goto(`${harness.server.url}/b/${board.id}#token=${board.tokens.participant}`);
    const dialog = page.getByRole('dialog', { name: '表示名を入力してください' });
    await dialog.getByRole('button', { name: 'はじめる' }).click();
    await shown(dialog.getByRole('alert'));
    await dialog.getByRole('textbox', { name: '表示名' }).fill('田中');
    await dialog.getByRole('button', { name: 'はじめる' }).click();
    await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
    await expect.poll(() => watcher.getByRole('region', { name: '参加中のメンバー' }).textContent()).toContain('田中');

    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
    expect(await page.getByRole('dialog', { name: '表示名を入力してください' }).count()).toBe(0);
    await page.getByRole('button', { name: '表示名を変更' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: '表示名' }).fill('田中（財政課）');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await expect
      .poll(() => watcher.getByRole('region', { name: '参加中のメンバー' }).textContent())
      .toContain('田中（財政課）');
    await context.close();
  });
});
