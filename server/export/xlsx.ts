import ExcelJS from 'exceljs';
import type { PlanReport } from '../../shared/export/report.js';
import {
  type Cell,
  initiativesTable,
  isDateCell,
  isMeasureCell,
  notesTable,
  resultsTable,
  scoringTable,
  type Table,
} from '../../shared/export/rows.js';
import { verificationTable } from '../../shared/export/verificationTable.js';
import { xmlSafe } from './xmlSafe.js';

/**
 * The plan as an Excel workbook: 付箋 (one row per note), 取組案 (one row per initiative), 投票結果 (every
 * revealed round) and, for a board with 「前期からの継続」 cards, 検証表 (shared/export/verificationTable.ts). The columns are the CSV's (shared/export/rows.ts). Header rows are bold and frozen, text
 * wraps, so a facilitator can filter and print without reformatting.
 *
 * Formula injection: every text is written as a plain value, which exceljs stores as a string cell (shared
 * string), never as a formula (`<f>`), whatever it starts with; the test reads the sheet XML to prove it. So
 * the text stays exactly as typed, unlike the CSV, which must prefix an apostrophe.
 */

/** Sheet names cannot hold : \ / ? * [ ] and are at most 31 characters. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);

/** Excel's limit on one cell's text (UTF-16 units); a longer one makes Excel report the file damaged. */
export const XLSX_CELL_MAX = 32_767;

/**
 * A text cut to fit one cell, ending with a visible marker (「…（以下省略）」) so nobody takes it for the whole
 * text. Our editors keep notes far shorter, but a note written by another client or imported can be longer.
 * Never cut inside a surrogate pair.
 */
export function fitCell(text: string, marker: string): string {
  if (text.length <= XLSX_CELL_MAX) return text;
  let end = XLSX_CELL_MAX - marker.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}${marker}`;
}

/** A date cell's number format: the day, as Japanese spreadsheets write it. */
export const XLSX_DATE_FORMAT = 'yyyy/mm/dd';
const JST_MS = 9 * 3600_000;

/**
 * A cell's value: numbers as numbers, a date as a real date (a spreadsheet date has no time zone: the day in
 * Japan is written, so 2021-08-19 09:00 JST is 2021/08/19 wherever the file is opened), text as shared strings.
 */
function cellValue(cell: Cell, marker: string): string | number | Date {
  if (typeof cell === 'number') return cell;
  if (isMeasureCell(cell)) return cell.value;
  if (isDateCell(cell)) {
    const day = new Date(cell.time + JST_MS);
    return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  }
  // A cell's line breaks are LF, as Excel's own (a CR would be dropped by any XML reader anyway).
  return fitCell(xmlSafe(cell).replace(/\r\n?/g, '\n'), marker);
}

function addSheet(workbook: ExcelJS.Workbook, name: string, table: Table, marker: string): void {
  const sheet = workbook.addWorksheet(sheetName(name), {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = table.header.map((header, index) => ({ header, width: table.widths[index] ?? 16 }));
  for (const row of table.rows) {
    const added = sheet.addRow(row.map((cell) => cellValue(cell, marker)));
    row.forEach((cell, index) => {
      if (isDateCell(cell)) added.getCell(index + 1).numFmt = XLSX_DATE_FORMAT;
      if (isMeasureCell(cell)) added.getCell(index + 1).numFmt = cell.format;
    });
  }
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF3' } };
  sheet.eachRow((row) => {
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  if (table.rows.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
  }
}

export async function renderXlsx(report: PlanReport): Promise<Uint8Array> {
  const { t } = report;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t('app.name');
  workbook.title = xmlSafe(`${report.title} ${t('export.planTitle')}`);
  // The export's own time, so the same board exported at the same moment gives the same workbook properties.
  workbook.created = new Date(report.exportedAt);
  workbook.modified = new Date(report.exportedAt);
  const marker = t('export.cellTruncated');
  addSheet(workbook, t('export.sheet.notes'), notesTable(report), marker);
  addSheet(workbook, t('export.sheet.initiatives'), initiativesTable(report), marker);
  addSheet(workbook, t('export.sheet.results'), resultsTable(report), marker);
  // Only a board whose group scored on the matrix has scoring results.
  if (report.scoringRounds.length > 0) addSheet(workbook, t('export.sheet.scoring'), scoringTable(report), marker);
  // Only a board of a plan's later period has the previous period's initiatives to verify.
  if (report.continued.length > 0) {
    addSheet(workbook, t('export.sheet.verification'), verificationTable(report), marker);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
