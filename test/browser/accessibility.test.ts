import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { addNoteByTyping, BrowserHarness, facilitatorTool, noteAction, shown } from './harness';

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('finds no serious violation on the landing page', async () => {
    const context = await harness.browser.newContext();
    const page = await context.newPage();
    await page.goto(harness.server.url);
    await shown(page.getByRole('button', { name: 'ボードを作成' }));
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('finds no serious violation on a board with notes, in the editor and in the move dialog', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'facilitator');
    await addNoteByTyping(page, '市民サービスの向上', '課題', '窓口の待ち時間が長い');
    await addNoteByTyping(page, '人材育成', 'アイデア', '若手による勉強会');
    expect(await seriousViolations(page)).toEqual([]);

    await noteAction(page, '窓口の待ち時間が長い', '編集');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');

    await noteAction(page, '若手による勉強会', '移動…');
    await shown(page.getByRole('dialog', { name: '付箋を移動' }));
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('finds no serious violation in the facilitator\u2019s people dialog, the activity log and a locked board', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await facilitatorTool(page, 'メンバーとリンク');
    const people = page.getByRole('dialog', { name: 'メンバーとリンク' });
    await people.getByRole('textbox', { name: '氏名' }).fill('田中 一郎');
    await people.getByRole('button', { name: 'メンバーを追加' }).click();
    await shown(people.getByRole('textbox', { name: '田中 一郎さんの個人用リンク' }));
    expect(await seriousViolations(page)).toEqual([]);
    await people.getByRole('button', { name: '閉じる' }).click();

    await facilitatorTool(page, 'ボードをロック');
    await page.getByRole('alertdialog').getByRole('button', { name: 'ボードをロック' }).click();
    const participant = await harness.openBoard(board, 'participant');
    await shown(participant.getByText('ファシリテーターがボードをロックしました。', { exact: false }));
    expect(await seriousViolations(participant)).toEqual([]);

    await facilitatorTool(page, '操作履歴');
    await shown(page.getByRole('cell', { name: 'ボードをロック' }));
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('finds no serious violation on a board with a cluster, in the group dialog and while renaming it', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    await addNoteByTyping(page, '市民サービスの向上', '課題', '窓口の待ち時間が長い');
    await addNoteByTyping(page, '市民サービスの向上', 'アイデア', 'オンライン予約');
    await addNoteByTyping(page, '市民サービスの向上', 'アイデア', '書かない窓口');
    await noteAction(page, 'オンライン予約', 'グループにする…');
    const dialog = page.getByRole('dialog', { name: 'グループにする' });
    await shown(dialog);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'グループにする' }).click();
    const cluster = page.getByRole('listitem', { name: 'グループ: 窓口の待ち時間が長い' });
    await shown(cluster);
    expect(await seriousViolations(page)).toEqual([]);
    await cluster.getByRole('button', { name: /の付箋を表示$/ }).click();
    await cluster.getByRole('button', { name: /の名前を変更$/ }).click();
    await shown(page.getByRole('textbox', { name: /グループの名前/ }));
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('finds no serious violation for a viewer, in English', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'viewer', { lang: 'en' });
    expect(await seriousViolations(page)).toEqual([]);
  });
});
