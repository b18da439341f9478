import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { absent, addNoteByTyping, BrowserHarness, facilitatorTool, noteItem, quickEntry, shown } from './harness';

const CITIZEN = '市民サービスの向上';

describe('board archive and delete, and a full disk, as people see them', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('lets the facilitator archive and unarchive the board from the settings dialog, by keyboard', async () => {
    const board = await harness.createBoard('アーカイブする部会');
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });

    await facilitatorTool(facilitator, 'ボードの設定');
    const settings = facilitator.getByRole('dialog', { name: 'ボードの設定' });
    const archive = settings.getByRole('button', { name: 'ボードをアーカイブ' });
    await archive.focus();
    await facilitator.keyboard.press('Enter');
    await shown(settings.getByRole('button', { name: 'アーカイブを解除' }));
    // The participant is told in Japanese and can no longer write.
    await shown(participant.getByRole('alert').filter({ hasText: 'このボードはアーカイブされています' }));
    await absent(quickEntry(participant, CITIZEN, 'アイデア'));
    // While archived, the facilitator's settings show only what can still be done.
    expect(await settings.getByRole('textbox', { name: 'ボードの名前' }).count()).toBe(0);

    await settings.getByRole('button', { name: 'アーカイブを解除' }).click();
    await shown(settings.getByRole('button', { name: 'ボードをアーカイブ' }));
    await settings.getByRole('button', { name: '閉じる' }).click();
    await addNoteByTyping(facilitator, CITIZEN, 'アイデア', '解除後の付箋');
    await shown(noteItem(participant, '解除後の付箋'));
    // The participant's tab is writable again without a reload, and its notice is gone.
    await addNoteByTyping(participant, CITIZEN, 'アイデア', '参加者も書ける');
    await shown(noteItem(facilitator, '参加者も書ける'));
    await absent(participant.getByRole('alert').filter({ hasText: 'このボードはアーカイブされています' }));
  });

  it('deletes the board only after its name is typed; open pages learn it is gone', async () => {
    const board = await harness.createBoard('消す部会');
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });

    await facilitatorTool(facilitator, 'ボードの設定');
    await facilitator.getByRole('button', { name: 'ボードを削除' }).click();
    const confirm = facilitator.getByRole('dialog', { name: 'ボードを完全に削除しますか？' });
    await confirm.getByRole('textbox', { name: '確認のためのボードの名前' }).fill('違う名前');
    await confirm.getByRole('button', { name: '完全に削除' }).click();
    await shown(confirm.getByRole('alert').filter({ hasText: '一致しません' }));
    expect(
      (
        await fetch(`${harness.server.url}/api/boards/${board.id}/me`, {
          headers: { authorization: `Bearer ${board.tokens.viewer}` },
        })
      ).status,
    ).toBe(200);

    await confirm.getByRole('textbox', { name: '確認のためのボードの名前' }).fill('消す部会');
    await confirm.getByRole('textbox', { name: '確認のためのボードの名前' }).press('Enter');
    await facilitator.waitForURL(`${harness.server.url}/`);
    await shown(participant.getByRole('alert').filter({ hasText: 'ボードが見つかりません' }));
    expect(
      (
        await fetch(`${harness.server.url}/api/boards/${board.id}/me`, {
          headers: { authorization: `Bearer ${board.tokens.viewer}` },
        })
      ).status,
    ).toBe(404);
  });

  it('tells a writer in Japanese that the disk is full, and sends the kept note once space returns', async () => {
    const board = await harness.createBoard();
    const writer = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const reader = await harness.openBoard(board, 'viewer', { name: '見学者' });
    harness.server.storage.limitSize(0);
    try {
      // Notes are written until one does not fit; the refusal names the full disk in the page's language.
      for (let i = 0; i < 40; i++) {
        await addNoteByTyping(writer, CITIZEN, 'アイデア', `満杯テスト ${i} ${'あ'.repeat(200)}`);
        if ((await writer.getByRole('alert').filter({ hasText: 'ディスクがいっぱい' }).count()) > 0) break;
      }
      await shown(writer.getByRole('alert').filter({ hasText: 'ディスクがいっぱい' }));
    } finally {
      harness.server.storage.limitSize(null);
    }
    const written = await writer.getByRole('listitem', { name: /^付箋: 満杯テスト/ }).count();
    await expect
      .poll(() => reader.getByRole('listitem', { name: /^付箋: 満杯テスト/ }).count(), { timeout: 15_000 })
      .toBe(written);
  });
});
