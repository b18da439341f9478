import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  absent,
  addNoteByTyping,
  BrowserHarness,
  facilitatorMenuButton,
  facilitatorTool,
  laneRegion,
  noteItem,
  openNoteMenu,
  quickEntry,
  shown,
} from './harness';

const CITIZEN = '市民サービスの向上';

describe('roles and language', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('gives a viewer the board to read and no control to change it', async () => {
    const board = await harness.createBoard();
    const participant = await harness.openBoard(board, 'participant');
    await addNoteByTyping(participant, CITIZEN, '課題', '紙の申請が多い');

    const viewer = await harness.openBoard(board, 'viewer', { name: '見学者' });
    await shown(noteItem(viewer, '紙の申請が多い'));
    await shown(viewer.getByText('閲覧用リンクで開いています。変更はできません。'));
    expect(await viewer.getByRole('textbox').count()).toBe(0);
    for (const name of ['編集', '削除', '移動…', 'ファシリテーター']) {
      expect(await viewer.getByRole('button', { name, exact: true }).count()).toBe(0);
    }
    // The note's menu offers a viewer its comments to read, nothing that changes the board.
    const menu = await openNoteMenu(viewer, '紙の申請が多い');
    expect(await menu.getByRole('menuitem').allInnerTexts()).toEqual([expect.stringContaining('コメント…')]);
    expect(await menu.getByRole('menuitemcheckbox').count()).toBe(0);
  });

  it('lets the facilitator rename a pillar and a lane, and every participant sees it at once', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant');
    expect(await facilitatorMenuButton(participant).count()).toBe(0);

    await facilitatorTool(facilitator, 'ボードの設定');
    const dialog = facilitator.getByRole('dialog', { name: 'ボードの設定' });
    await dialog.getByRole('textbox', { name: `柱「${CITIZEN}」の名前` }).fill('住民サービス');
    await dialog.getByRole('textbox', { name: '「アイデア」列の名前' }).fill('解決のアイデア');
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await dialog.getByRole('textbox', { name: '新しい柱の名前' }).fill('データ活用');
    await dialog.getByRole('button', { name: '柱を追加' }).click();
    await dialog.getByRole('button', { name: '閉じる' }).click();

    await shown(participant.getByRole('heading', { name: '住民サービス', level: 2 }));
    await shown(participant.getByRole('heading', { name: 'データ活用', level: 2 }));
    await shown(laneRegion(participant, 'データ活用', '解決のアイデア'));
    await absent(participant.getByRole('heading', { name: CITIZEN, level: 2 }));
  });

  it('shows the board in English with ?lang=en and switches back to Japanese', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant', { lang: 'en' });
    await shown(page.getByRole('textbox', { name: `Write in “${CITIZEN} Problems” (Enter to add)` }));
    await shown(page.getByRole('region', { name: `${CITIZEN} — Target states` }));
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
    await shown(quickEntry(page, CITIZEN, '課題'));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
  });

  it('tells a person with a wrong link that the link is not valid, without forgetting the good one', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    await page.goto(`${harness.server.url}/b/${board.id}#token=not-a-real-token-000000`);
    // Only the fragment changed, so the page reloads itself to take the pasted link's role.
    await shown(page.getByRole('alert').filter({ hasText: 'このリンクは無効です' }));
    // The refused token was not kept: the board's own address opens it with the link this browser knows.
    await page.goto(`${harness.server.url}/b/${board.id}`);
    await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
    await shown(quickEntry(page, CITIZEN, '課題'));
  });

  it('takes the token out of the address bar, and still opens the board on reload', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    expect(page.url()).not.toContain(board.tokens.participant);
    await addNoteByTyping(page, CITIZEN, '課題', '再読み込みしても残る');
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
    await shown(noteItem(page, '再読み込みしても残る'));
    await shown(quickEntry(page, CITIZEN, '課題'));
  });

  it('returns focus to the control that opened a dialog when it closes', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    await addNoteByTyping(page, CITIZEN, '課題', 'フォーカスを戻す');
    // 移動… from the note's menu by keyboard (Shift+F10, ↓, Enter): Escape brings the focus back to the note.
    const note = noteItem(page, 'フォーカスを戻す');
    await note.focus();
    await page.keyboard.press('Shift+F10');
    await shown(page.getByRole('menu'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await shown(page.getByRole('dialog', { name: '付箋を移動' }));
    await page.keyboard.press('Escape');
    await absent(page.getByRole('dialog', { name: '付箋を移動' }));
    expect(await note.evaluate((el) => el === document.activeElement)).toBe(true);
  });
});
