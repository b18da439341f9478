import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipEntries } from '../server/zipEntries';
import { downloadFrom, openExportDialog } from './exportDownloads';
import { absent, addNoteByTyping, BrowserHarness, noteAction, shown } from './harness';
import { FIRST_FISCAL_YEAR, FIRST_FISCAL_YEAR_BOX } from './period';

const CITIZEN = '市民サービスの向上';
const FIRST = '窓口の待ち時間が長い';
const INDICATOR = 'オンライン申請の割合';
const TARGET = '令和9年度末までに50%';
const DEPARTMENT = 'DX推進課';

/** Groups `text` with the note or group the dialog names `target`, through 「グループにする…」. */
async function group(page: Page, text: string, target: RegExp) {
  await noteAction(page, text, 'グループにする…');
  const dialog = page.getByRole('dialog', { name: 'グループにする' });
  await dialog.getByRole('radio', { name: target }).check();
  await dialog.getByRole('button', { name: 'グループにする' }).click();
  await absent(dialog);
}

const editor = (page: Page) => page.getByRole('dialog', { name: /^取組案の編集/ });
const field = (page: Page, name: string) => editor(page).getByRole('textbox', { name, exact: true });

/**
 * The whole path of Task ② through the UI: notes → a group → 取組案にする → two people fill in the initiative →
 * the facilitator exports every format, and each file carries what they wrote, with the fiscal year in both forms.
 */
describe('from notes to the draft implementation plan', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('groups notes, drafts an initiative, fills it in from two browsers and exports it in every format', async () => {
    const board = await harness.createBoard('デジタル市役所 部会');
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const member = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await addNoteByTyping(member, CITIZEN, '課題', FIRST);
    await addNoteByTyping(member, CITIZEN, '課題', '申請書が紙のみ');
    await addNoteByTyping(member, CITIZEN, '達成目標', '待たずに手続きできる');
    await group(member, '申請書が紙のみ', new RegExp(`^課題: ${FIRST}`));
    await group(member, '待たずに手続きできる', /^グループ「窓口の待ち時間が長い」/);

    // The group becomes an initiative from the matrix, prefilled from its notes.
    await member.getByRole('tab', { name: '優先度マトリクス' }).click();
    await member.getByRole('button', { name: `「${FIRST}」を取組案にする` }).click();
    await member.getByRole('button', { name: '取組案を開く' }).click();
    await facilitator.getByRole('tab', { name: '取組案' }).click();
    for (const page of [member, facilitator]) {
      await page.getByRole('button', { name: `取組案「${FIRST}」を編集` }).click();
      await shown(editor(page));
    }
    expect(await field(facilitator, '解決する課題').inputValue()).toBe(`・${FIRST}\n・申請書が紙のみ`);
    expect(await field(facilitator, '達成目標').inputValue()).toBe('・待たずに手続きできる');

    // Two people fill in different fields at once; each sees the other's.
    await field(member, '指標（KPI）').pressSequentially(INDICATOR);
    await field(facilitator, '目標値').pressSequentially(TARGET);
    await field(facilitator, '担当課').pressSequentially(DEPARTMENT);
    await expect.poll(() => field(facilitator, '指標（KPI）').inputValue()).toBe(INDICATOR);
    await expect.poll(() => field(member, '目標値').inputValue()).toBe(TARGET);
    await editor(member).getByRole('checkbox', { name: FIRST_FISCAL_YEAR_BOX }).check();
    await expect
      .poll(() => editor(facilitator).getByRole('checkbox', { name: FIRST_FISCAL_YEAR_BOX }).isChecked())
      .toBe(true);
    for (const page of [member, facilitator]) await page.keyboard.press('Escape');

    // Every export carries the initiative as written, with its fiscal year in both forms.
    await openExportDialog(facilitator);
    const expected = [FIRST, INDICATOR, TARGET, DEPARTMENT, FIRST_FISCAL_YEAR];
    const word = await downloadFrom(facilitator, /^Word（実施計画\(案\)）/);
    const documentXml = zipEntries(word.bytes).get('word/document.xml')?.toString('utf8') ?? '';
    for (const text of [...expected, '申請書が紙のみ']) expect(documentXml).toContain(text);
    const excel = await downloadFrom(facilitator, /^Excel/);
    const strings = zipEntries(excel.bytes).get('xl/sharedStrings.xml')?.toString('utf8') ?? '';
    for (const text of expected) expect(strings).toContain(text);
    const initiatives = (await downloadFrom(facilitator, /^CSV 取組案/)).bytes.toString('utf8');
    const [header, row] = initiatives.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toContain('指標（KPI）');
    for (const text of expected) expect(row).toContain(text);
    const notes = (await downloadFrom(facilitator, /^CSV 付箋/)).bytes.toString('utf8');
    // One row per note: the three, each naming its group (an unnamed group is called by its first note).
    const rows = notes.split('\r\n').filter((line) => line !== '');
    expect(rows).toHaveLength(4);
    for (const text of ['申請書が紙のみ', '待たずに手続きできる']) {
      expect(rows.filter((line) => line.includes(text))).toHaveLength(1);
    }
    expect(rows.slice(1).every((line) => line.includes(FIRST))).toBe(true);
    const markdown = (await downloadFrom(facilitator, /^Markdown（議事録向け）/)).bytes.toString('utf8');
    for (const text of expected) expect(markdown).toContain(text);
    expect(harness.externalRequests).toEqual([]);
  });
});
