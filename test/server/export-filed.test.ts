import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type DocumentFormat, renderDocument } from '../../server/export/renderDocument.js';
import { setExportAuthorNames } from '../../shared/records/exportPolicy.js';
import { DEMO_EXPORTED_AT, DEMO_TITLE } from '../tools/demoBoard.js';
import { buildTrickyBoard, encoded } from '../unit/exportFixtures.js';
import { wordText, zipEntries, zipText } from './zipEntries.js';

/**
 * The documents a city hall files (issue 17): the Word plan's properties, sections and authors table, and
 * Excel's cell types. Each file is opened as Word and Excel read it (the XML parts, exceljs).
 */
const render = (format: DocumentFormat, docs = buildTrickyBoard(), exportedAt = DEMO_EXPORTED_AT) =>
  renderDocument(format, { boardId: 'b1', ...encoded(docs), exportedAt });

describe('Word 実施計画(案)', () => {
  it('names the board and the app in the document properties, never "Un-named"', async () => {
    const core = zipText(zipEntries((await render('docx')).bytes), 'docProps/core.xml');
    const property = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(core)?.[1];
    expect(core).not.toContain('Un-named');
    expect(property('dc:creator')).toBe('みんなのアイデアボード');
    expect(property('cp:lastModifiedBy')).toBe('みんなのアイデアボード');
    expect(property('dc:title')).toBe(`${DEMO_TITLE} 実施計画(案)`);
    expect(property('dc:description')).toBe(`${DEMO_TITLE}の実施計画(案)。みんなのアイデアボードで作成。`);
  });

  it('has the shortlist and the vote results as sections of their own, as tables', async () => {
    const xml = zipText(zipEntries((await render('docx')).bytes), 'word/document.xml');
    const text = wordText(xml);
    const shortlist = text.indexOf('取り組み候補: 令和4〜5年度 (2022〜2023年度)に取り組む');
    const results = text.indexOf('投票結果');
    const appendix = text.indexOf('付録: グループ別の付箋と投票数');
    expect(shortlist).toBeGreaterThan(0);
    expect(results).toBeGreaterThan(shortlist);
    expect(appendix).toBeGreaterThan(results);
    expect(text.slice(shortlist, results)).toContain(
      ['オンライン申請の拡大', 'グループ', 'すぐ取り組む', '10'].join('\n'),
    );
    const rounds = text.slice(results, appendix);
    expect(rounds).toContain('第1回\n令和3年9月16日 (2021年9月16日)に公開・12人が投票・1人5票');
    expect(rounds).toContain(['2（同率）', 'ペーパーレス化', 'グループ', '業務の効率化', '7'].join('\n'));
    expect(rounds).toContain(['1', 'オンライン申請の拡大', 'グループ', '市民サービスの向上', '10'].join('\n'));
    // Two tables per round section, plus the shortlist's per pillar: each with a header row repeated on every page.
    expect(xml.match(/<w:tblHeader\/>/g)?.length).toBeGreaterThanOrEqual(3 + 2);
  });

  it('puts no author under a note: the authors are one table at the end of the appendix', async () => {
    const text = wordText(zipText(zipEntries((await render('docx')).bytes), 'word/document.xml'));
    const appendix = text.slice(text.indexOf('付録: グループ別の付箋と投票数'));
    const table = appendix.indexOf('書いた人の一覧');
    expect(table).toBeGreaterThan(0);
    expect(appendix.slice(0, table)).not.toMatch(/—|鈴木|試験, "太郎"/);
    expect(appendix.slice(table)).toContain(
      ['市民サービスの向上', '手続きのために平日の昼間に来庁しなければならない', '鈴木'].join('\n'),
    );
  });

  it('leaves every author name out when the facilitator does not export them', async () => {
    const docs = buildTrickyBoard();
    setExportAuthorNames(docs.settings, false);
    const text = wordText(zipText(zipEntries((await render('docx', docs)).bytes), 'word/document.xml'));
    for (const name of ['鈴木', '田中', '試験']) expect(text).not.toContain(name);
    expect(text).toContain('書いた人の一覧\n書いた人の名前は載せていません（ファシリテーターの書き出しの設定）。');
  });
});

describe('Excel cell types', () => {
  /** Every column of a sheet whose header is one of `headers`, as its data cells. */
  const column = (sheet: ExcelJS.Worksheet, header: string) => {
    const index = (sheet.getRow(1).values as unknown[]).indexOf(header);
    expect(index, `${sheet.name}: ${header}`).toBeGreaterThan(0);
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row, number) => {
      if (number > 1) cells.push(row.getCell(index));
    });
    return cells;
  };

  it('writes every date (作成日, 公開日) as a real date cell with a date format, on every sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await render('xlsx')).bytes.slice().buffer as ExcelJS.Buffer);
    const dates = [
      ['付箋', '作成日'],
      ['取組案', '作成日'],
      ['投票結果', '公開日'],
    ] as const;
    for (const [name, header] of dates) {
      const cells = column(workbook.getWorksheet(name)!, header);
      expect(cells.length, name).toBeGreaterThan(0);
      for (const cell of cells) {
        expect(cell.type, `${name} ${cell.address}`).toBe(ExcelJS.ValueType.Date);
        expect(cell.numFmt, `${name} ${cell.address}`).toBe('yyyy/mm/dd');
      }
    }
    // The day in Japan: the first note was written on 2021-08-19 (JST).
    const notes = workbook.getWorksheet('付箋')!;
    const first = column(notes, '作成日').find((cell) => Number(cell.row) === 2)!;
    expect(first.value).toEqual(new Date(Date.UTC(2021, 7, 19)));
    // No sheet holds a date as text any more.
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') expect(cell.value, cell.address).not.toMatch(/^令和\d+年\d+月\d+日/);
        });
      });
    }
  });

  it('writes votes, ranks and counts as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await render('xlsx')).bytes.slice().buffer as ExcelJS.Buffer);
    const numbers = [
      ['付箋', '票数（グループ単位）'],
      ['取組案', '投票数'],
      ['投票結果', '順位'],
      ['投票結果', '票数'],
    ] as const;
    for (const [name, header] of numbers) {
      const cells = column(workbook.getWorksheet(name)!, header).filter((cell) => cell.value !== null);
      expect(cells.length, `${name} ${header}`).toBeGreaterThan(0);
      for (const cell of cells) expect(cell.type, `${name} ${header} ${cell.address}`).toBe(ExcelJS.ValueType.Number);
    }
  });
});
