import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import {
  createInitiativeFromItem,
  deleteInitiative,
  moveInitiative,
  restoreInitiative,
  setInitiativeText,
} from '../../shared/ops/initiatives';
import { addNote, applyNoteTextChange } from '../../shared/ops/notes';
import { readInitiatives } from '../../shared/records/initiative';
import { activePillars } from '../../shared/selectors';
import { connectSynced, type TestClient } from '../server/helpers';
import { absent, BrowserHarness, type CreatedBoard, facilitatorTool, shown } from './harness';
import { beginComposition } from './ime';

/**
 * The 取組案 view while colleagues (here a Yjs tool, `tool`) change the same initiatives: what an open editor,
 * the focus and the announcements do then.
 */
interface Fixture {
  board: CreatedBoard;
  tool: TestClient;
  settings: TestClient;
  pillarIds: string[];
}

/** A board whose first pillar has one 課題 note per title, each made into an initiative `i-<title>`. */
async function boardWithInitiatives(harness: BrowserHarness, titles: readonly string[]): Promise<Fixture> {
  const board = await harness.createBoard();
  const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
  const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.participant);
  const tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
  const pillarIds = activePillars(settings.doc).map((p) => p.id);
  const [first] = pillarIds;
  if (!first) throw new Error('the template has pillars');
  tool.doc.transact(() => {
    for (const title of titles) {
      addNote(tool.doc, { id: `n-${title}`, pillarId: first, lane: 'problem', text: title, author: 'tool' });
      const made = createInitiativeFromItem(tool.doc, settings.doc, {
        id: `i-${title}`,
        itemId: `n-${title}`,
        personId: 'tool',
        roundNumber: null,
      });
      if (!made.ok) throw new Error(made.error);
    }
  });
  return { board, tool, settings, pillarIds };
}

const initiativeMap = (doc: Y.Doc, id: string) => boardRoots.initiatives(doc).get(id) as Y.Map<unknown>;
const card = (page: Page, title: string) => page.getByRole('listitem', { name: title, exact: true });
const editor = (page: Page) => page.getByRole('dialog', { name: /^取組案の編集/ });
const stored = (fixture: Fixture, id: string) => readInitiatives(fixture.tool.doc).find((i) => i.id === id);
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active
      ? `${active.tagName} ${active.getAttribute('aria-label') ?? active.textContent?.slice(0, 40) ?? ''}`
      : '';
  });

async function openView(harness: BrowserHarness, fixture: Fixture, firstTitle: string, recordRenders = false) {
  const page = await harness.openBoard(fixture.board, 'participant', { name: '佐藤', recordRenders });
  await page.getByRole('tab', { name: '取組案' }).click();
  await shown(card(page, firstTitle));
  return page;
}

describe('the 取組案 view while colleagues change the same initiatives', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('keeps an open field true to the text after a board undo made outside it, so later typing lands right', async () => {
    const fixture = await boardWithInitiatives(harness, ['窓口']);
    const page = await openView(harness, fixture, '窓口');
    await page.getByRole('button', { name: '取組案「窓口」を編集' }).click();
    const department = editor(page).getByRole('textbox', { name: '担当課', exact: true });
    const content = editor(page).getByRole('textbox', { name: '取組内容', exact: true });
    const departmentNow = () => stored(fixture, 'i-窓口')?.fields.department;
    await department.pressSequentially('DX推進課');
    // Typing elsewhere in between makes the deletion below an undo step of its own.
    await content.pressSequentially('予約');
    await department.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect.poll(departmentNow).toBe('DX推');
    // Ctrl+Z outside the text fields (on the editor's Close button) is the board's undo: the deletion returns.
    await editor(page).getByRole('button', { name: '閉じる' }).focus();
    await page.keyboard.press('Control+z');
    await expect.poll(departmentNow).toBe('DX推進課');
    await expect.poll(() => department.inputValue()).toBe('DX推進課');
    await department.click();
    await page.keyboard.press('End');
    await page.keyboard.type('係');
    await expect.poll(departmentNow).toBe('DX推進課係');
    expect(await department.inputValue()).toBe('DX推進課係');
    expect(harness.pageErrors).toEqual([]);
    fixture.tool.destroy();
    fixture.settings.destroy();
  });

  it('re-renders no card while a colleague types in a note, and only the edited card when one initiative changes', async () => {
    const titles = ['窓口', '申請', '予約', '通知'];
    const fixture = await boardWithInitiatives(harness, titles);
    const page = await openView(harness, fixture, '窓口', true);
    const counts = () => page.evaluate(() => ({ ...window.__renderCounts }));
    const before = await counts();
    expect(Object.keys(before).filter((key) => key.startsWith('initiative:'))).toHaveLength(titles.length);
    // A colleague types five characters into a note (five updates), then edits one initiative's department.
    for (const letter of 'あいうえお') {
      applyNoteTextChange(fixture.tool.doc, 'n-窓口', { index: 0, deleteCount: 0, insert: letter });
    }
    expect(setInitiativeText(fixture.tool.doc, 'i-予約', 'department', '市民課').ok).toBe(true);
    // Updates arrive in order: once the department shows, the note edits have been handled too.
    await shown(card(page, '予約').getByText('市民課'));
    const after = await counts();
    const grew = Object.keys(after).filter((key) => key.startsWith('initiative:') && after[key] !== before[key]);
    expect(grew).toEqual(['initiative:i-予約']);
    fixture.tool.destroy();
    fixture.settings.destroy();
  });

  it('keeps every card mounted when the facilitator locks the board and opens it again', async () => {
    const fixture = await boardWithInitiatives(harness, ['窓口', '申請']);
    const page = await openView(harness, fixture, '窓口');
    const facilitator = await harness.openBoard(fixture.board, 'facilitator', { name: '進行役' });
    // A mark on the card's element: it survives a re-render, not a remount.
    const marked = () => page.evaluate(() => document.querySelectorAll('[data-initiative-id][data-kept="yes"]').length);
    await page.evaluate(() => {
      for (const element of document.querySelectorAll<HTMLElement>('[data-initiative-id]'))
        element.dataset.kept = 'yes';
    });
    expect(await marked()).toBe(2);
    await facilitatorTool(facilitator, 'ボードをロック');
    await facilitator.getByRole('alertdialog').getByRole('button', { name: 'ボードをロック' }).click();
    await absent(page.getByRole('button', { name: '取組案「窓口」を編集' }));
    expect(await marked()).toBe(2);
    await facilitatorTool(facilitator, 'ロックを解除');
    await shown(page.getByRole('button', { name: '取組案「窓口」を編集' }));
    expect(await marked()).toBe(2);
    expect(harness.pageErrors).toEqual([]);
    fixture.tool.destroy();
    fixture.settings.destroy();
  });

  it('puts the focus on the next card’s 編集 after 「ごみ箱へ」, past its closed list of source notes', async () => {
    const fixture = await boardWithInitiatives(harness, ['窓口', '申請']);
    const page = await openView(harness, fixture, '窓口');
    await page.getByRole('button', { name: '取組案「窓口」をごみ箱へ移す' }).click();
    await absent(card(page, '窓口'));
    expect(await focused(page)).toBe('BUTTON 取組案「申請」を編集');
    fixture.tool.destroy();
    fixture.settings.destroy();
  });

  it('shows an initiative under an unknown pillar as such: no up/down, and choosing a real pillar moves it', async () => {
    const fixture = await boardWithInitiatives(harness, ['窓口', '申請']);
    const place = { pillarId: 'gone', priority: 'medium', order: 'a0' };
    fixture.tool.doc.transact(() => initiativeMap(fixture.tool.doc, 'i-申請').set('place', place));
    const page = await openView(harness, fixture, '申請');
    await shown(page.getByRole('region', { name: /^柱なし/ }).getByRole('listitem', { name: '申請' }));
    expect(await page.getByRole('button', { name: '取組案「申請」を上へ' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '取組案「申請」を下へ' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '取組案「申請」を編集' }).click();
    const pillar = editor(page).getByRole('combobox', { name: '柱' });
    expect(await pillar.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe(
      '柱なし（見つからない柱）',
    );
    const [first] = fixture.pillarIds;
    await pillar.selectOption(first ?? '');
    await expect.poll(() => stored(fixture, 'i-申請')?.place?.pillarId).toBe(first);
    expect(harness.pageErrors).toEqual([]);
    fixture.tool.destroy();
    fixture.settings.destroy();
  });

  it('closes the editor when a colleague deletes the initiative: a message with the words being composed, the focus on the heading, no reopening on restore', async () => {
    const fixture = await boardWithInitiatives(harness, ['窓口', '申請']);
    const page = await openView(harness, fixture, '申請');
    await page.getByRole('button', { name: '取組案「申請」を編集' }).click();
    await editor(page).getByRole('textbox', { name: '取組内容', exact: true }).click();
    await beginComposition(page, ['よやく']);
    expect(deleteInitiative(fixture.tool.doc, 'i-申請').ok).toBe(true);
    await absent(editor(page));
    await shown(page.getByText('この取組案は削除されました。 書きかけの文字は保存されていません: 「よやく」'));
    await shown(page.getByRole('button', { name: '書きかけの文字をコピー' }));
    expect(await focused(page)).toBe('H2 取組案（個別取り組み）');
    expect(restoreInitiative(fixture.tool.doc, 'i-申請').ok).toBe(true);
    await shown(card(page, '申請'));
    expect(await editor(page).count()).toBe(0);
    expect(await focused(page)).toBe('H2 取組案（個別取り組み）');
    expect(harness.pageErrors).toEqual([]);
    fixture.tool.destroy();
    fixture.settings.destroy();
  });

  it('returns the focus to the 編集 button of an initiative that moved while its editor was open', async () => {
    const fixture = await boardWithInitiatives(harness, ['窓口', '申請']);
    const page = await openView(harness, fixture, '申請');
    await page.getByRole('button', { name: '取組案「申請」を編集' }).click();
    // Moving it to 高 mounts its card anew in that list.
    await editor(page).getByRole('combobox', { name: '優先度' }).selectOption({ label: '高' });
    await expect.poll(() => stored(fixture, 'i-申請')?.place?.priority).toBe('high');
    await editor(page).getByRole('button', { name: '閉じる' }).click();
    await absent(editor(page));
    await expect.poll(() => focused(page)).toBe('BUTTON 取組案「申請」を編集');
    // A colleague moves it back while the editor is open again; Escape closes it.
    await page.getByRole('button', { name: '取組案「申請」を編集' }).click();
    const [first] = fixture.pillarIds;
    moveInitiative(fixture.tool.doc, fixture.settings.doc, 'i-申請', {
      pillarId: first ?? '',
      priority: 'low',
      beforeId: null,
    });
    await shown(page.locator('.initiatives-priority-low').first().getByRole('listitem', { name: '申請' }));
    await page.keyboard.press('Escape');
    await absent(editor(page));
    await expect.poll(() => focused(page)).toBe('BUTTON 取組案「申請」を編集');
    fixture.tool.destroy();
    fixture.settings.destroy();
  });

  it('keeps a comment being written on an initiative open, with its draft, when a colleague moves it', async () => {
    const fixture = await boardWithInitiatives(harness, ['窓口', '申請']);
    const page = await openView(harness, fixture, '申請');
    await card(page, '申請')
      .getByRole('button', { name: /へのコメント/ })
      .click();
    const thread = page.getByRole('dialog', { name: '『申請』へのコメント' });
    await thread.getByRole('textbox', { name: 'コメントを書く' }).fill('予算の見込みを書く');
    const [first] = fixture.pillarIds;
    moveInitiative(fixture.tool.doc, fixture.settings.doc, 'i-申請', {
      pillarId: first ?? '',
      priority: 'high',
      beforeId: null,
    });
    await shown(page.locator('.initiatives-priority-high').first().getByRole('listitem', { name: '申請' }));
    await shown(thread);
    expect(await thread.getByRole('textbox', { name: 'コメントを書く' }).inputValue()).toBe('予算の見込みを書く');
    await thread.getByRole('button', { name: '送信' }).click();
    await shown(thread.getByText('予算の見込みを書く'));
    await page.keyboard.press('Escape');
    await shown(card(page, '申請').getByRole('button', { name: '『申請』へのコメント（1件）' }));
    expect(harness.pageErrors).toEqual([]);
    fixture.tool.destroy();
    fixture.settings.destroy();
  });

  it('numbers initiatives with the same title in every name, so each button can be told apart', async () => {
    const fixture = await boardWithInitiatives(harness, ['窓口']);
    const again = { id: 'i-窓口-2', itemId: 'n-窓口', personId: 'tool', roundNumber: null };
    expect(createInitiativeFromItem(fixture.tool.doc, fixture.settings.doc, again).ok).toBe(true);
    const page = await openView(harness, fixture, '窓口（1件目）');
    await shown(card(page, '窓口（2件目）'));
    for (const name of [
      '取組案「窓口（1件目）」を編集',
      '取組案「窓口（2件目）」をごみ箱へ移す',
      '『窓口（2件目）』へのコメント（0件）',
    ]) {
      expect(await page.getByRole('button', { name, exact: true }).count()).toBe(1);
    }
    fixture.tool.destroy();
    fixture.settings.destroy();
  });

  it('reads well in English: names start with what the button shows, counts in brackets', async () => {
    const fixture = await boardWithInitiatives(harness, ['窓口']);
    const page = await harness.openBoard(fixture.board, 'participant', { name: 'Sato', lang: 'en' });
    await page.getByRole('tab', { name: 'Priority matrix' }).click();
    // The card's icon button: its tooltip's words start its name, and the name says an initiative came from it.
    const compact = page.getByRole('button', { name: 'Make initiative from “窓口” (Initiative: 窓口)', exact: true });
    await shown(compact);
    expect(await compact.textContent()).toBe('Make initiative');
    await compact.hover();
    await expect
      .poll(() => compact.getByText('Make initiative').evaluate((el) => getComputedStyle(el).opacity))
      .toBe('1');
    await page.getByRole('tab', { name: 'Initiatives' }).click();
    await shown(page.getByRole('heading', { name: 'Priority: Medium (1)' }));
    const remove = page.getByRole('button', { name: 'Move to trash: the initiative “窓口”', exact: true });
    expect(await remove.textContent()).toBe('Move to trash');
    fixture.tool.destroy();
    fixture.settings.destroy();
  });
});
