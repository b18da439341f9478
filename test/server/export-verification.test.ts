import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { renderDocument } from '../../server/export/renderDocument.js';
import { buildNextPeriodDocs } from '../../shared/nextPeriod.js';
import { applyVerificationTextChanges, setVerificationResult } from '../../shared/ops/verification.js';
import type { VerificationResult } from '../../shared/records/continued.js';
import { setExportAuthorNames } from '../../shared/records/exportPolicy.js';
import { diffText } from '../../shared/textDiff.js';
import { buildDemoBoard, DEMO_EXPORTED_AT } from '../tools/demoBoard.js';
import { encoded } from '../unit/exportFixtures.js';

/** The 検証表 of Excel (issue 17): the previous period's initiatives of a 第2期 board and their verification. */
const FIRST = { number: 1, name: '第1期', first: 2022, last: 2023 };
// 00:30 in Japan on 21 May is still 20 May in UTC: the sheet writes the day in Japan.
const VERIFIED_AT = Date.parse('2024-05-21T00:30:00+09:00');

function verify(board: Y.Doc, id: string, result: VerificationResult, actual: string, comment = '') {
  const who = { personId: 'p', name: '検証 花子', now: VERIFIED_AT };
  expect(setVerificationResult(board, id, result, who).ok).toBe(true);
  for (const [field, text] of [
    ['actual', actual],
    ['comment', comment],
  ] as const) {
    const change = diffText('', text);
    if (change) expect(applyVerificationTextChanges(board, id, field, [change], who).ok).toBe(true);
  }
}

/** The demo board's next period: 4 continued cards, three verified. */
function secondPeriod() {
  const demo = buildDemoBoard();
  const next = buildNextPeriodDocs(
    demo.board,
    demo.settings,
    { boardId: 'b0', period: FIRST },
    { first: 2024, last: 2025 },
  );
  verify(next.board, 'i01', 'partial', '42手続き', '申請の多い順に進めた');
  verify(next.board, 'i03', 'notAchieved', '未集計');
  verify(next.board, 'i04', 'achieved', '100');
  return next;
}

async function workbookOf(docs: { board: Y.Doc; settings: Y.Doc }) {
  const rendered = await renderDocument('xlsx', { boardId: 'b1', ...encoded(docs), exportedAt: DEMO_EXPORTED_AT });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(rendered.bytes.slice().buffer as ExcelJS.Buffer);
  return workbook;
}

/** The sheet's rows as objects keyed by header. */
function rowsOf(sheet: ExcelJS.Worksheet): Map<string, Record<string, ExcelJS.Cell>> {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows = new Map<string, Record<string, ExcelJS.Cell>>();
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells = Object.fromEntries(headers.map((header, index) => [header, row.getCell(index + 1)]));
    rows.set(String(cells.取組名!.value), cells);
  });
  return rows;
}

describe('Excel 検証表', () => {
  it('has one row per continued card with real numbers, dates and the 要確認 flag', async () => {
    const sheet = (await workbookOf(secondPeriod())).getWorksheet('検証表')!;
    expect(sheet).toBeDefined();
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '取組名',
      '柱',
      '前期',
      '指標',
      '目標値',
      '実績値',
      '要確認',
      '結果',
      'コメント',
      '検証日',
    ]);
    const rows = rowsOf(sheet);
    expect(rows.size).toBe(4);
    const online = rows.get('主な手続きのオンライン申請')!;
    expect(online.前期!.value).toBe('第1期 令和4〜5年度 (2022〜2023年度)');
    expect(online.目標値!.value).toBe('令和5年度末までに50手続き');
    // A number with its unit: a number cell that prints the unit.
    expect(online.実績値!.type).toBe(ExcelJS.ValueType.Number);
    expect(online.実績値!.value).toBe(42);
    expect(online.実績値!.numFmt).toBe('General"手続き"');
    expect(online.結果!.value).toBe('一部達成');
    expect(online.コメント!.value).toBe('申請の多い順に進めた');
    expect(online.要確認!.value ?? '').toBe('');
    expect(online.検証日!.type).toBe(ExcelJS.ValueType.Date);
    expect(online.検証日!.numFmt).toBe('yyyy/mm/dd');
    expect(online.検証日!.value).toEqual(new Date(Date.UTC(2024, 4, 21)));

    const paperless = rows.get('回覧・会議のペーパーレス化')!;
    expect(paperless.実績値!.type).toBe(ExcelJS.ValueType.String);
    expect(paperless.実績値!.value).toBe('未集計');
    expect(paperless.要確認!.value).toBe('数値でない');
    expect(paperless.結果!.value).toBe('未達');

    const leaders = rows.get('デジタル推進リーダーの育成')!;
    expect(leaders.実績値!.type).toBe(ExcelJS.ValueType.Number);
    expect(leaders.実績値!.value).toBe(100);
    expect(leaders.結果!.value).toBe('達成');

    // Not verified yet: no result, no date (a blank cell, not a text).
    const unverified = [...rows.values()].find((row) => row.目標値!.value === '30分以内')!;
    expect(unverified.結果!.value ?? '').toBe('');
    expect(unverified.検証日!.type).not.toBe(ExcelJS.ValueType.Date);
  });

  it('names the verifier only when the facilitator lets the documents name people', async () => {
    const next = secondPeriod();
    const hidden = (await workbookOf(next)).getWorksheet('検証表')!;
    hidden.eachRow((row) => row.eachCell((cell) => expect(String(cell.value)).not.toContain('検証 花子')));
    setExportAuthorNames(next.settings, true);
    const named = rowsOf((await workbookOf(next)).getWorksheet('検証表')!);
    expect(named.get('主な手続きのオンライン申請')!.検証者!.value).toBe('検証 花子');
  });

  it('adds no 検証表 to a board with no previous period', async () => {
    expect((await workbookOf(buildDemoBoard())).getWorksheet('検証表')).toBeUndefined();
  });
});
