import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { type DocumentFormat, renderDocument } from '../../server/export/renderDocument.js';
import { fitCell } from '../../server/export/xlsx.js';
import { boardRoots } from '../../shared/docs.js';
import { DEMO_EXPORTED_AT, DEMO_TITLE } from '../tools/demoBoard.js';
import { buildTrickyBoard, EMPTY_PILLAR, encoded, TRICKY_NOTES } from '../unit/exportFixtures.js';
import { wordText, zipEntries, zipText } from './zipEntries.js';

const render = (format: DocumentFormat, docs = buildTrickyBoard(), exportedAt = DEMO_EXPORTED_AT) =>
  renderDocument(format, { boardId: 'b1', ...encoded(docs), exportedAt });

const soffice = ['soffice', 'libreoffice'].find((name) => spawnSync('which', [name]).status === 0);

describe('Word (.docx)', () => {
  it('is a Word document with the title page, each pillar, each initiative field and both year forms', async () => {
    const rendered = await render('docx');
    expect(rendered.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(rendered.extension).toBe('docx');
    const entries = zipEntries(rendered.bytes);
    const xml = zipText(entries, 'word/document.xml');
    const text = wordText(xml);
    for (const expected of [
      DEMO_TITLE,
      '実施計画(案)',
      '出力日: 令和3年11月25日 (2021年11月25日)',
      '計画の期間: 令和4〜5年度 (2022〜2023年度)',
      '市民サービスの向上',
      '業務の効率化',
      '人材育成',
      EMPTY_PILLAR.title,
      '主な手続きのオンライン申請',
      '利用件数の多い手続きから順に、マイナンバーカードで本人確認できる電子申請に切り替える。',
      '申請の入口を市のホームページにまとめる。',
      '指標（KPI）: オンラインで申請できる手続きの数',
      '目標値: 令和5年度末までに50手続き',
      'デジタル推進課',
      '令和4年度 (2022年度)',
      '令和4〜5年度 (2022〜2023年度)',
      '検討中',
      'オンライン申請の拡大（グループ・すぐ取り組む・10票（第2回））',
      '付録: グループ別の付箋と投票数',
      'グループ: オンライン申請の拡大（10票・すぐ取り組む・★取り組み候補）',
      `・${TRICKY_NOTES.emoji}`,
      `・${TRICKY_NOTES.html}`,
    ]) {
      expect(text, expected).toContain(expected);
    }
    for (const label of [
      '取組名',
      '柱',
      '解決する課題',
      '達成目標',
      '指標・目標値',
      '取組内容',
      '実施時期',
      '担当課',
      '優先度',
      '状況',
    ]) {
      expect(text).toContain(label);
    }
    // Control characters (invalid in XML) are dropped, the rest of the note kept.
    expect(xml).not.toContain('\u0001');
    expect(xml).not.toContain('\u0007');
    expect(text).toContain('・制御文字入り');
    expect(xml).toContain('w:w="11906" w:h="16838"');
    expect(zipText(entries, 'word/styles.xml')).toContain('w:eastAsia="游明朝"');
  });

  it.skipIf(!soffice)(
    `opens in LibreOffice headless and converts to PDF${soffice ? '' : ' (skipped: LibreOffice is not installed here)'}`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'export-docx-'));
      try {
        writeFileSync(join(dir, 'plan.docx'), (await render('docx')).bytes);
        execFileSync(soffice!, ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'plan.docx')], {
          timeout: 120_000,
        });
        expect(readFileSync(join(dir, 'plan.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('Excel (.xlsx)', () => {
  const load = async () => {
    const rendered = await render('xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(rendered.bytes.slice().buffer as ExcelJS.Buffer);
    return { rendered, workbook };
  };

  it('has its sheets with a bold, frozen header row and wrapped text', async () => {
    const { rendered, workbook } = await load();
    expect(rendered.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['付箋', '取組案', '投票結果', '採点結果']);
    for (const sheet of workbook.worksheets) {
      expect(sheet.getRow(1).getCell(1).font?.bold, sheet.name).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(2).getCell(1).alignment?.wrapText, sheet.name).toBe(true);
    }
    const notes = workbook.getWorksheet('付箋')!;
    expect(notes.rowCount).toBe(1 + 24 + Object.keys(TRICKY_NOTES).length);
    expect(notes.getColumn(4).width).toBe(48);
    const initiatives = workbook.getWorksheet('取組案')!;
    expect(initiatives.rowCount).toBe(5);
    expect(initiatives.getRow(4).values).toContain('令和4年度 (2022年度)');
  });

  it('keeps formula-like text as text cells, exactly as typed, and never writes a formula', async () => {
    const { rendered, workbook } = await load();
    const notes = workbook.getWorksheet('付箋')!;
    const cells = new Map<string, ExcelJS.Cell>();
    notes.eachRow((row) => {
      const cell = row.getCell(4);
      cells.set(String(cell.value), cell);
    });
    for (const key of ['sum', 'phone', 'minus', 'at', 'fullWidth', 'lines', 'emoji'] as const) {
      // Line breaks in a cell are LF, as Excel writes them (Alt+Enter).
      const cell = cells.get(TRICKY_NOTES[key].replace(/\r\n/g, '\n'));
      expect(cell, key).toBeDefined();
      expect(cell!.type, key).toBe(ExcelJS.ValueType.String);
      expect(cell!.formula, key).toBeUndefined();
    }
    const entries = zipEntries(rendered.bytes);
    for (const [name, data] of entries) {
      if (name.startsWith('xl/worksheets/')) expect(data.toString('utf8'), name).not.toMatch(/<f[ >]/);
    }
  });

  it("cuts a text longer than Excel's 32,767-character cell limit, with a visible marker", async () => {
    const docs = buildTrickyBoard();
    const note = boardRoots.notes(docs.board).values().next().value as Y.Map<unknown>;
    const text = note.get('text') as Y.Text;
    text.delete(0, text.length);
    text.insert(0, `${'長'.repeat(40_000)}終わり`);
    const rendered = await render('xlsx', docs);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(rendered.bytes.slice().buffer as ExcelJS.Buffer);
    const texts: string[] = [];
    workbook.getWorksheet('付箋')!.eachRow((row) => {
      texts.push(String(row.getCell(4).value));
    });
    const cut = texts.find((value) => value.startsWith('長長長'));
    expect(cut).toBeDefined();
    expect(cut!.length).toBe(32_767);
    expect(cut!.endsWith('…（以下省略）')).toBe(true);
    expect(fitCell(`${'a'.repeat(32_760)}😀😀`, '…')).toBe(`${'a'.repeat(32_760)}😀😀`);
    expect(fitCell(`${'a'.repeat(32_764)}😀😀`, '…')).toBe(`${'a'.repeat(32_764)}😀…`);
    // The cut would fall inside the second emoji: it goes whole.
    expect(fitCell(`${'a'.repeat(32_765)}😀😀`, '…')).toBe(`${'a'.repeat(32_765)}…`);
  });

  it('lists each revealed round by rank with the dots and the ties marked 同率', async () => {
    const { workbook } = await load();
    const results = workbook.getWorksheet('投票結果')!;
    const rows = results.getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(8 + 7);
    const revealed = new Date(Date.UTC(2021, 8, 16));
    expect(rows[0]!.slice(1)).toEqual([
      '第1回',
      1,
      'オンライン申請の拡大',
      'グループ',
      '市民サービスの向上',
      9,
      '',
      revealed,
    ]);
    expect(rows[1]!.slice(1)).toEqual(['第1回', 2, 'ペーパーレス化', 'グループ', '業務の効率化', 7, '同率', revealed]);
    expect(rows[3]![2]).toBe(4);
  });
});

describe('the scoring results in the documents', () => {
  const demo = async (format: DocumentFormat) => {
    const { buildDemoBoard } = await import('../tools/demoBoard.js');
    return renderDocument(format, { boardId: 'demo', ...encoded(buildDemoBoard()), exportedAt: DEMO_EXPORTED_AT });
  };

  it('gives Excel a 採点結果 sheet: each item’s medians, quartiles, spread and count, as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await demo('xlsx')).bytes.slice().buffer as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('採点結果')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '回',
      '柱',
      '種類',
      '項目',
      '効果の中央値',
      '効果の第1四分位',
      '効果の第3四分位',
      '実現しやすさの中央値',
      '実現しやすさの第1四分位',
      '実現しやすさの第3四分位',
      'ばらつき',
      '採点した人数',
      '公開日',
    ]);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const waiting = rows.find((row) => row[4] === '窓口の待ち時間の短縮')!;
    // Effect scores 1 2 2 4 4 5 5 5: median 4, quartiles 2 and 5 (QUARTILE.INC); ease 1 2 2 2 2 3 3 3.
    expect(waiting.slice(1, 13)).toEqual([
      '第1回の採点',
      '市民サービスの向上',
      'グループ',
      '窓口の待ち時間の短縮',
      4,
      2,
      5,
      2,
      2,
      3,
      3,
      8,
    ]);
  });

  it('prints each round in Word and Markdown with the medians, their ranges, the spread and the count', async () => {
    const line =
      '窓口の待ち時間の短縮（グループ・市民サービスの向上）: 効果 中央値4（2〜5）・実現しやすさ 中央値2（2〜3）・ばらつき3・8人が採点';
    const markdown = new TextDecoder().decode((await demo('md')).bytes);
    expect(markdown).toContain('## 採点結果');
    expect(markdown).toContain(line);
    const word = wordText(zipText(zipEntries((await demo('docx')).bytes), 'word/document.xml'));
    for (const text of ['採点結果', '第1回の採点', '効果の中央値（四分位範囲）', '4（2〜5）', '8人が採点']) {
      expect(word).toContain(text);
    }
  });
});

describe('renderDocument', () => {
  it('gives every format its content type and extension, CSV as UTF-8 with the byte-order mark', async () => {
    const csv = await render('csv');
    expect([csv.contentType, csv.extension]).toEqual(['text/csv; charset=utf-8', 'csv']);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const initiatives = await render('csv-initiatives');
    expect([...initiatives.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const md = await render('md');
    expect([md.contentType, md.extension]).toEqual(['text/markdown; charset=utf-8', 'md']);
    expect(new TextDecoder().decode(md.bytes)).toContain(`# ${DEMO_TITLE} 議事録メモ`);
  });

  it('migrates a board of an older schema first, and refuses one newer than this code', async () => {
    const older = buildTrickyBoard();
    boardRoots.meta(older.board).set('schemaVersion', 2);
    expect(new TextDecoder().decode((await render('md', older)).bytes)).toContain('主な手続きのオンライン申請');
    const newer = buildTrickyBoard();
    boardRoots.meta(newer.board).set('schemaVersion', 99);
    await expect(render('md', newer)).rejects.toThrow(/newer version/);
  });

  it('renders the same documents from the same board, except for the export time', async () => {
    const parts = (bytes: Uint8Array) => {
      const entries = zipEntries(bytes);
      return [...entries.keys()].sort().map((name) => [name, zipText(entries, name)]);
    };
    for (const format of ['csv', 'csv-initiatives', 'md'] as const) {
      const [a, b] = [await render(format), await render(format)];
      expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes)), format).toBe(true);
    }
    // Office files are ZIPs whose entry times are the time of writing; their contents must be equal.
    expect(parts((await render('xlsx')).bytes)).toEqual(parts((await render('xlsx')).bytes));
    const docx = () => render('docx').then((r) => zipText(zipEntries(r.bytes), 'word/document.xml'));
    expect(await docx()).toEqual(await docx());
    const later = await render('md', buildTrickyBoard(), Date.parse('2022-04-01T09:00:00+09:00'));
    const text = new TextDecoder().decode(later.bytes);
    expect(text).toContain('出力日: 令和4年4月1日 (2022年4月1日)');
    expect(text.replace(/出力日: .*/, '')).toBe(
      new TextDecoder().decode((await render('md')).bytes).replace(/出力日: .*/, ''),
    );
  });

  it('matches the committed examples in docs/examples (run `npm run examples` after changing an exporter)', async () => {
    const { buildDemoBoard } = await import('../tools/demoBoard.js');
    const demo = { boardId: 'demo', ...encoded(buildDemoBoard()), exportedAt: DEMO_EXPORTED_AT };
    for (const [format, file] of [
      ['csv', 'notes.csv'],
      ['csv-initiatives', 'initiatives.csv'],
      ['md', 'board.md'],
      ['data', 'data.json'],
    ] as const) {
      const rendered = await renderDocument(format, demo);
      expect(Buffer.from(rendered.bytes).equals(readFileSync(join('docs/examples', file))), file).toBe(true);
    }
    const committed = zipText(zipEntries(readFileSync('docs/examples/plan.docx')), 'word/document.xml');
    expect(zipText(zipEntries((await renderDocument('docx', demo)).bytes), 'word/document.xml')).toBe(committed);
  });
});
