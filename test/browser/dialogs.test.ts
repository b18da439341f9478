import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInitiativeFromItem, setInitiativeFiscalYears } from '../../shared/ops/initiatives';
import { addNote } from '../../shared/ops/notes';
import { activePillars } from '../../shared/selectors';
import { connectSynced } from '../server/helpers';
import {
  absent,
  addNoteByTyping,
  BrowserHarness,
  facilitatorTool,
  noteAction,
  noteItem,
  noteToggle,
  quickEntry,
  shown,
} from './harness';
import { composeJapanese } from './ime';

const CITIZEN = '市民サービスの向上';
const TALENT = '人材育成';

/** The number of lines a label's text takes (distinct tops of its text's line boxes, the checkbox left out). */
function textLines(label: Locator): Promise<number> {
  return label.evaluate((element) => {
    const tops = new Set<number>();
    for (const node of element.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
    }
    return tops.size;
  });
}

const outline = (page: Page, text: string) =>
  noteItem(page, text).evaluate((element) => {
    const style = getComputedStyle(element);
    return `${style.outlineStyle} ${style.outlineWidth}`;
  });

describe('dialogs and small board messages', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('highlights a spotlit note unlike the others, with a word as well as the colour', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await addNoteByTyping(facilitator, CITIZEN, '課題', '窓口が混む');
    await addNoteByTyping(facilitator, CITIZEN, '課題', '書類が多い');
    await noteToggle(facilitator, '窓口が混む', '注目');
    await expect.poll(() => outline(facilitator, '窓口が混む')).toBe('solid 4px');
    expect(await outline(facilitator, '書類が多い')).not.toBe('solid 4px');
    await shown(noteItem(facilitator, '窓口が混む').getByText('注目中', { exact: true }));
    expect(await noteItem(facilitator, '書類が多い').getByText('注目中').count()).toBe(0);
  });

  it('tells a participant on a locked board that the board is locked, not that they are a viewer', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await addNoteByTyping(participant, CITIZEN, '課題', 'ロック前の付箋');
    await facilitatorTool(facilitator, 'ボードをロック');
    await facilitator.getByRole('alertdialog').getByRole('button', { name: 'ボードをロック' }).click();
    await absent(quickEntry(participant, CITIZEN, '課題'));

    await noteAction(participant, 'ロック前の付箋', 'コメント…');
    const thread = participant.getByRole('dialog', { name: '『ロック前の付箋』へのコメント' });
    await shown(thread.getByText('ボードはロック中のため、コメントやリアクションはできません。'));
    expect(await thread.getByText('閲覧用リンク', { exact: false }).count()).toBe(0);
  });

  it('names the landing page import button apart from every heading', async () => {
    const context = await harness.browser.newContext();
    const page = await context.newPage();
    await page.goto(harness.server.url);
    const section = page.getByRole('region', { name: 'バックアップから新しいボードを作る' });
    const button = section.getByRole('button', { name: 'バックアップを読み込む' });
    await shown(button);
    const headings = await page.getByRole('heading').allInnerTexts();
    expect(headings.map((h) => h.trim())).not.toContain((await button.innerText()).trim());
    await context.close();
  });

  it('shows no 「前回から」 count when nothing is new', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    const bobLink = `${harness.server.url}/b/${board.id}#token=${board.tokens.participant}`;
    await addNoteByTyping(alice, CITIZEN, '課題', '窓口が混む');
    await shown(noteItem(bob, '窓口が混む'));
    // Bob's page has recorded what it showed: he leaves, Alice adds a note, Bob comes back.
    await expect
      .poll(() => bob.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('board.visit.'))))
      .toBe(true);
    const bobContext = bob.context();
    await bob.close();
    await addNoteByTyping(alice, TALENT, 'アイデア', '研修を録画');
    const back = await bobContext.newPage();
    await back.goto(bobLink);
    const count = back.getByRole('button', { name: /^前回から1件/ });
    await shown(count);
    await count.click();
    const list = back.getByRole('dialog', { name: '前回の訪問からの変更' });
    await list.getByRole('button', { name: 'すべて既読にする' }).click();
    await list.getByRole('button', { name: '閉じる' }).click();
    await absent(back.getByRole('button', { name: /^前回から/ }));
    expect(await back.getByText('前回から0件').count()).toBe(0);
  });

  it('saves the pillar and lane names with the settings dialog’s one 保存, refuses a bad one, and ignores the IME Enter', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant');
    await facilitatorTool(facilitator, 'ボードの設定');
    const dialog = facilitator.getByRole('dialog', { name: 'ボードの設定' });
    // The dialog's code loads on demand: wait for it before counting its buttons.
    await dialog.getByRole('button', { name: /保存/ }).first().waitFor();
    expect(await dialog.getByRole('button', { name: /保存/ }).count()).toBe(1);

    // A bad name among good ones: a clear message, and nothing changes.
    await dialog.getByRole('textbox', { name: `柱「${CITIZEN}」の名前` }).fill('住民サービス');
    await dialog.getByRole('textbox', { name: `柱「${TALENT}」の名前` }).fill('  ');
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await shown(dialog.getByRole('alert').getByText(`柱「${TALENT}」の名前: 名前を入力してください。`));
    await shown(participant.getByRole('heading', { name: CITIZEN, level: 2 }));

    // Japanese typed in a field: the Enter that confirms the conversion does not save.
    const talent = dialog.getByRole('textbox', { name: `柱「${TALENT}」の名前` });
    await talent.fill('');
    await talent.focus();
    await composeJapanese(facilitator, ['じんざい', '人材'], '人材');
    await talent.pressSequentially('の育成');
    expect(await talent.inputValue()).toBe('人材の育成');
    expect(await dialog.getByText('保存しました').count()).toBe(0);
    await shown(participant.getByRole('heading', { name: TALENT, level: 2 }));

    await dialog.getByRole('textbox', { name: '「アイデア」列の名前' }).fill('解決のアイデア');
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await shown(dialog.getByText('保存しました'));
    await absent(dialog.getByRole('alert'));
    await shown(participant.getByRole('heading', { name: '住民サービス', level: 2 }));
    await shown(participant.getByRole('heading', { name: '人材の育成', level: 2 }));
    await shown(participant.getByRole('region', { name: /解決のアイデア/ }).first());
    await absent(participant.getByRole('heading', { name: CITIZEN, level: 2 }));
  });

  it('keeps each 実施時期 label on one line', async () => {
    const board = await harness.createBoard();
    const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
    const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.participant);
    const tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
    const [first] = activePillars(settings.doc);
    if (!first) throw new Error('the template has pillars');
    addNote(tool.doc, { id: 'n-1', pillarId: first.id, lane: 'idea', text: '書かない窓口', author: 'tool' });
    const made = createInitiativeFromItem(tool.doc, settings.doc, {
      id: 'i-1',
      itemId: 'n-1',
      personId: 'tool',
      roundNumber: null,
    });
    if (!made.ok) throw new Error(made.error);
    setInitiativeFiscalYears(tool.doc, 'i-1', [2025]);
    const check = await connectSynced(wsUrl, board.id, board.tokens.viewer);
    await expect.poll(() => check.doc.getMap('initiatives').size).toBe(1);
    for (const client of [check, tool, settings]) client.destroy();

    const page = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await page.getByRole('tab', { name: '取組案' }).click();
    await page.getByRole('button', { name: '取組案「書かない窓口」を編集' }).click();
    const years = page.getByRole('dialog', { name: /^取組案の編集/ }).getByRole('group', { name: '実施時期' });
    const boxes = years.getByRole('checkbox');
    await shown(boxes.first());
    expect(await boxes.count()).toBeGreaterThan(1);
    for (const label of await years.locator('label').all()) expect(await textLines(label)).toBe(1);
  });
});
