import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  absent,
  addNoteByTyping,
  BrowserHarness,
  facilitatorMenuButton,
  facilitatorTool,
  noteAction,
  noteItem,
  openNoteMenu,
  quickEntry,
  shown,
} from './harness';

const CITIZEN = '市民サービスの向上';

describe('people, links and the board lock', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('lets the facilitator add a member with a personal link, and replace it so the old one stops at once', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await facilitatorTool(facilitator, 'メンバーとリンク');
    const dialog = facilitator.getByRole('dialog', { name: 'メンバーとリンク' });
    await dialog.getByRole('textbox', { name: '氏名' }).fill('田中 一郎');
    await dialog.getByRole('button', { name: 'メンバーを追加' }).click();
    const linkField = dialog.getByRole('textbox', { name: '田中 一郎さんの個人用リンク' });
    await shown(linkField);
    const link = await linkField.inputValue();
    const token = new URL(link).hash.replace('#token=', '');

    // The member opens the personal link: no name to type, the roster's name is used.
    const member = await harness.openBoard(board, 'participant', { token, name: '' });
    await addNoteByTyping(member, CITIZEN, '課題', '個人リンクから');
    await shown(noteItem(facilitator, '個人リンクから').getByText('作成: 田中 一郎'));

    await dialog.getByRole('button', { name: '最新の情報に更新' }).click();
    await dialog.getByRole('button', { name: '田中 一郎さんのリンクを再発行' }).click();
    const confirm = facilitator.getByRole('alertdialog');
    await confirm.getByRole('button', { name: '田中 一郎さんのリンクを再発行' }).click();
    await shown(
      member.getByText('このリンクはファシリテーターによって再発行され、使えなくなりました。', { exact: false }),
    );
    const newLink = await dialog.getByRole('textbox', { name: '田中 一郎さんの個人用リンク' }).inputValue();
    expect(newLink).not.toBe(link);
  });

  it('gives a browser on the shared participant link one guest identity that survives a reload', async () => {
    const board = await harness.createBoard();
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const guestToken = () =>
      participant.evaluate((id) => window.localStorage.getItem(`board.guest.${id}.participant`), board.id);
    const first = await guestToken();
    expect(first).toBeTruthy();
    await addNoteByTyping(participant, CITIZEN, '課題', '自分の付箋');
    await noteAction(participant, '自分の付箋', '削除');
    await participant.reload();
    await participant.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
    expect(await guestToken()).toBe(first);
    // Still the same person: the trash offers to restore this person's own note.
    await participant.getByRole('button', { name: /ごみ箱/ }).click();
    await shown(participant.getByRole('button', { name: '「自分の付箋」を元に戻す' }));

    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await facilitatorTool(facilitator, 'メンバーとリンク');
    const guests = facilitator.getByRole('dialog', { name: 'メンバーとリンク' });
    await shown(guests.getByText('佐藤', { exact: true }));
  });

  it('still opens the board on reload after the facilitator replaced the very link the page was opened with', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await facilitatorTool(facilitator, 'メンバーとリンク');
    const dialog = facilitator.getByRole('dialog', { name: 'メンバーとリンク' });
    await dialog.getByRole('button', { name: 'ファシリテーターのリンクを再発行' }).click();
    await facilitator
      .getByRole('alertdialog')
      .getByRole('button', { name: 'ファシリテーターのリンクを再発行' })
      .click();
    await shown(dialog.getByRole('textbox', { name: 'ファシリテーターのリンク' }));
    await facilitator.reload();
    await facilitator.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
    await shown(facilitatorMenuButton(facilitator));
    // The old link no longer opens it.
    const stranger = await harness.browser.newContext();
    const page = await stranger.newPage();
    await page.goto(`${harness.server.url}/b/${board.id}#token=${board.tokens.facilitator}`);
    await shown(page.getByRole('alert').filter({ hasText: 'このリンクは無効です' }));
    await stranger.close();
  });

  it('lets the facilitator download the JSON backup of the board, audit log included', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await addNoteByTyping(facilitator, CITIZEN, '課題', '保存される付箋');
    await facilitatorTool(facilitator, 'ボードをロック');
    await facilitator.getByRole('alertdialog').getByRole('button', { name: 'ボードをロック' }).click();
    await shown(facilitator.getByText('ボードはロック中です。', { exact: false }));
    await facilitatorTool(facilitator, 'ボードの設定');
    const downloading = facilitator.waitForEvent('download');
    await facilitator.getByRole('button', { name: 'バックアップ（JSON）を書き出す' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^バックアップ_庁内部会_\d{4}-\d{2}-\d{2}\.json$/);
    const text = readFileSync((await download.path()) ?? '', 'utf8');
    const backup = JSON.parse(text) as { format: string; auditLog: Array<{ action: string }> };
    expect(backup.format).toBe('digital-city-hall-board');
    expect(backup.auditLog.map((entry) => entry.action)).toContain('board.lock');
  });

  it('keeps the same connections when the language is switched', async () => {
    const board = await harness.createBoard();
    // Counted from the page's start: its sockets open once the board's state is in, which can be just after
    // board-ready on a busy machine. What counts is that none opens because of the switch.
    let sockets = 0;
    const participant = await harness.openBoard(board, 'participant', {
      name: '佐藤',
      beforeOpen: (page) => {
        page.on('websocket', () => {
          sockets++;
        });
      },
    });
    const badge = participant.getByRole('status', { name: /^接続状態:/ });
    await expect.poll(() => badge.getAttribute('aria-label')).toBe('接続状態: 接続済み');
    const before = sockets;
    expect(before).toBeGreaterThan(0);
    await participant.getByRole('combobox', { name: '表示言語' }).selectOption('en');
    await shown(participant.getByRole('button', { name: 'Change display name' }));
    const field = participant.getByRole('textbox', { name: `Write in “${CITIZEN} Problems” (Enter to add)` });
    await field.fill('after the switch');
    await field.press('Enter');
    await shown(participant.getByRole('listitem', { name: 'Note: after the switch' }));
    expect(sockets).toBe(before);
  });

  it('locks the board for participants at once, shows who locked it, and opens it again', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await addNoteByTyping(participant, CITIZEN, '課題', 'ロック前の付箋');

    await facilitatorTool(facilitator, 'ボードをロック');
    await facilitator.getByRole('alertdialog').getByRole('button', { name: 'ボードをロック' }).click();
    await shown(
      participant
        .getByRole('status')
        .filter({ hasText: 'ファシリテーターがボードをロックしました。閲覧のみできます。（進行役）' }),
    );
    await absent(quickEntry(participant, CITIZEN, '課題'));
    // The note's menu offers the participant only its comments now.
    const lockedMenu = await openNoteMenu(participant, 'ロック前の付箋');
    expect(await lockedMenu.getByRole('menuitem', { name: '編集' }).count()).toBe(0);
    expect(await lockedMenu.getByRole('menuitem').count()).toBe(1);
    await participant.keyboard.press('Escape');
    await absent(lockedMenu);
    await shown(facilitator.getByText('ボードはロック中です。参加者は編集できません。', { exact: false }));
    // The facilitator still writes.
    await addNoteByTyping(facilitator, CITIZEN, '達成目標', '議長のまとめ');
    await shown(noteItem(participant, '議長のまとめ'));

    await facilitatorTool(facilitator, 'ロックを解除');
    await shown(quickEntry(participant, CITIZEN, '課題'));
    await addNoteByTyping(participant, CITIZEN, '課題', 'ロック後の付箋');
    await shown(noteItem(facilitator, 'ロック後の付箋'));

    await facilitatorTool(facilitator, '操作履歴');
    const log = facilitator.getByRole('dialog', { name: 'ファシリテーターの操作履歴' });
    await shown(log.getByRole('cell', { name: 'ボードのロックを解除' }));
    await shown(log.getByRole('cell', { name: 'ボードをロック' }));
    expect(await log.getByRole('cell', { name: '進行役' }).count()).toBe(2);
  });
});
