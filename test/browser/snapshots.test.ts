import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { absent, addNoteByTyping, BrowserHarness, noteItem, openEditor, shown } from './harness';
import { composeJapanese } from './ime';

const PILLAR = '市民サービスの向上';
const OLD = '窓口の待ち時間が長い';
const NEW = '窓口の待ち時間が長い（特に月曜）';

const snapshotDialog = (page: Page) => page.getByRole('dialog');

describe('snapshots', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await new BrowserHarness().start();
  });
  afterAll(() => harness.stop());

  it('saves a snapshot, shows it read-only, compares it with the live board, and restores it into a new board', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await addNoteByTyping(facilitator, PILLAR, '課題', OLD);
    await shown(noteItem(participant, OLD));

    // Saving, from the keyboard; the Enter that confirms the IME conversion saves nothing.
    await facilitator.getByRole('button', { name: 'スナップショット' }).click();
    const dialog = snapshotDialog(facilitator);
    await shown(dialog.getByText('まだスナップショットはありません。'));
    await dialog.getByRole('textbox', { name: 'スナップショットの名前' }).focus();
    await composeJapanese(facilitator, ['だい', '第2', '第2回終了時'], '第2回終了時');
    expect(await dialog.getByRole('textbox', { name: 'スナップショットの名前' }).inputValue()).toBe('第2回終了時');
    expect(await dialog.getByRole('table').count()).toBe(0);
    await facilitator.keyboard.press('Enter');
    const row = dialog.getByRole('row', { name: /第2回終了時/ });
    await shown(row);
    expect(await row.innerText()).toContain('手動');
    expect(await row.innerText()).toContain('進行役');
    expect(await seriousViolations(facilitator)).toEqual([]);
    await dialog.getByRole('button', { name: '閉じる' }).click();

    // A participant edits the note afterwards; a participant sees the list but cannot save or restore.
    const editor = await openEditor(participant, OLD);
    await editor.press('End');
    await editor.pressSequentially('（特に月曜）');
    await editor.press('Enter');
    await shown(noteItem(facilitator, NEW));
    await participant.getByRole('button', { name: 'スナップショット' }).click();
    await shown(snapshotDialog(participant).getByRole('row', { name: /第2回終了時/ }));
    expect(await snapshotDialog(participant).getByRole('button', { name: '今のボードを保存' }).count()).toBe(0);
    expect(
      await snapshotDialog(participant)
        .getByRole('button', { name: /を新しいボードに復元/ })
        .count(),
    ).toBe(0);
    await snapshotDialog(participant).getByRole('button', { name: '閉じる' }).click();

    // The read-only view shows the text as it was.
    await facilitator.getByRole('button', { name: 'スナップショット' }).click();
    await dialog.getByRole('button', { name: '「第2回終了時」を表示' }).click();
    const heading = dialog.getByRole('heading', { name: /^「第2回終了時」/ });
    await shown(heading);
    await expect.poll(() => facilitator.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    const pillar = dialog.getByRole('region', { name: PILLAR });
    await shown(pillar.getByRole('listitem').filter({ hasText: OLD }));
    expect(await pillar.getByText(NEW).count()).toBe(0);
    expect(await dialog.getByRole('textbox').count()).toBe(0);
    expect(await dialog.getByRole('button', { name: '編集' }).count()).toBe(0);
    expect(await seriousViolations(facilitator)).toEqual([]);

    // Compared with the live board: the note is changed, with both texts.
    await dialog.getByRole('button', { name: '一覧に戻る' }).click();
    await dialog.getByRole('combobox', { name: '比較元（前）' }).selectOption({ label: '第2回終了時' });
    await dialog.getByRole('combobox', { name: '比較先（後）' }).selectOption({ label: '現在のボード' });
    await dialog.getByRole('button', { name: '比較する' }).click();
    await shown(dialog.getByRole('heading', { name: '「第2回終了時」→「現在のボード」の違い' }));
    await shown(dialog.getByText('付箋の追加 0件、削除 0件、変更 1件、グループの変化 0件'));
    const changed = dialog.getByRole('region', { name: PILLAR }).getByRole('list', { name: '変更' });
    await shown(changed.getByText(`前: ${OLD}`));
    await shown(changed.getByText(`後: ${NEW}`));
    expect(await changed.innerText()).toContain('変わったところ: 文章');
    expect(await seriousViolations(facilitator)).toEqual([]);

    // Restored into a new board, which opens with the old content; the live board keeps the new text.
    await dialog.getByRole('button', { name: '一覧に戻る' }).click();
    await dialog.getByRole('button', { name: '「第2回終了時」を新しいボードに復元' }).click();
    const confirm = facilitator.getByRole('alertdialog');
    await shown(confirm.getByText('今のボードは変わりません', { exact: false }));
    await confirm.getByRole('button', { name: '新しいボードを作る' }).click();
    await shown(dialog.getByRole('heading', { name: /新しいボード「庁内部会（第2回終了時）」を作りました/ }));
    const participantLink = await dialog.getByRole('textbox', { name: /参加者用のリンク/ }).inputValue();
    expect(participantLink).toMatch(/\/b\/[^/]+#token=/);
    expect(participantLink).not.toContain(board.id);
    const [restored] = await Promise.all([
      facilitator.context().waitForEvent('page'),
      dialog.getByRole('link', { name: '新しいボードを開く' }).click(),
    ]);
    await restored.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0, null, {
      timeout: 20_000,
    });
    await shown(restored.getByRole('heading', { name: '庁内部会（第2回終了時）', level: 1 }));
    await shown(noteItem(restored, OLD));
    await absent(noteItem(restored, NEW));
    expect(new URL(restored.url()).pathname).not.toContain(board.id);

    await participant.reload();
    await shown(noteItem(participant, NEW));
    expect(await participant.getByRole('listitem', { name: `付箋: ${OLD}`, exact: true }).count()).toBe(0);
    expect(harness.pageErrors).toEqual([]);
    expect(harness.externalRequests).toEqual([]);
  });
});
