import type { PlanReport } from './reportTypes.js';
import { type Cell, initiativesTable, notesTable, type Table } from './rows.js';

/**
 * CSV as Excel on a Japanese Windows opens it correctly: RFC 4180 (fields with a comma, a quote or a line
 * break are quoted, quotes doubled, CRLF between records), UTF-8 with a byte-order mark (without it Excel reads
 * Shift_JIS and shows mojibake). Pure, so the client could build the same file.
 */
const BOM = '\uFEFF';

/**
 * Characters that make a spreadsheet read a cell as a formula (CSV injection, OWASP): = + - @, and tab,
 * carriage return and NUL, which some spreadsheets skip (or cut the text at) before looking. Excel on Japanese
 * Windows also converts the full-width ＝＋－＠ typed through an IME into formulas, so those are included.
 * Spreadsheets trim leading blanks before deciding, so any run of spaces (ASCII, no-break, ideographic U+3000
 * and the other Unicode spaces, line breaks) and of invisible characters (zero-width space and joiners, word
 * joiner, BOM, soft hyphen, Mongolian vowel separator) before such a character counts as a formula start too.
 */
const FORMULA_START = /^[\s\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]*[=+\-@\t\r\0＝＋－＠]/;

/** Prefixes formula-like text with an apostrophe, so it stays text (the apostrophe is visible in the cell). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One field: numbers as they are (our counts, never negative), a date as its printed form (both calendars),
 * text neutralised, then quoted when needed.
 */
export function csvField(value: Cell): string {
  if (typeof value === 'number') return String(value);
  const text = neutraliseFormula(typeof value === 'object' ? value.text : value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file as text, BOM first, every record (the last one too) ended by CRLF. */
export function encodeCsv(table: Pick<Table, 'header' | 'rows'>): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvField).join(','));
  return `${BOM}${lines.map((line) => `${line}\r\n`).join('')}`;
}

/** 付箋の一覧: one row per note (`format=csv`). */
export function notesCsv(report: PlanReport): string {
  return encodeCsv(notesTable(report));
}

/** 取組案の一覧: one row per initiative (`format=csv-initiatives`). */
export function initiativesCsv(report: PlanReport): string {
  return encodeCsv(initiativesTable(report));
}
