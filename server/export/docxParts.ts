import { type HeadingLevel, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { xmlSafe } from './xmlSafe.js';

/** The building blocks of the Word plan (docx.ts and docxSections.ts): fonts, page, headings, tables. */

/** Mincho for body text, Gothic for headings: the usual pair of Japanese administrative documents. */
export const BODY_FONT = { ascii: 'Yu Mincho', hAnsi: 'Yu Mincho', eastAsia: '游明朝', cs: 'Yu Mincho' };
export const HEADING_FONT = { ascii: 'Yu Gothic', hAnsi: 'Yu Gothic', eastAsia: '游ゴシック', cs: 'Yu Gothic' };
export const JAPANESE = { value: 'ja-JP', eastAsia: 'ja-JP' };
/** A4 in twentieths of a point, with 25 mm margins. */
export const A4 = { width: 11906, height: 16838 };
export const MARGIN = 1417;
/** The width between the margins. */
export const TEXT_WIDTH = A4.width - 2 * MARGIN;
const HEADER_FILL = 'E7ECF3';

export type HeadingLevelValue = (typeof HeadingLevel)[keyof typeof HeadingLevel];

/** One paragraph per line of user text (Word has no line breaks inside a text run's string). */
export function lines(text: string, options: { bold?: boolean } = {}): Paragraph[] {
  const parts = xmlSafe(text).split(/\r\n|\r|\n/);
  return parts.map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: options.bold })] }));
}

/** A heading holds one line: an unnamed group's title is its first note, which may have several. */
export const heading = (text: string, level: HeadingLevelValue, pageBreak = false) =>
  new Paragraph({
    heading: level,
    pageBreakBefore: pageBreak,
    children: [new TextRun(xmlSafe(text).replace(/\s*(\r\n|\r|\n)\s*/g, ' '))],
  });

export const plain = (text: string) => new Paragraph({ children: [new TextRun(xmlSafe(text))] });

/** A shaded label cell (bold), as the header of a table or the label column of a field table. */
export const labelCell = (label: string, width: number) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL },
    children: [new Paragraph({ children: [new TextRun({ text: xmlSafe(label), bold: true })] })],
  });

/**
 * A table with a shaded header row repeated on every page; `widths` are fractions of the text width. A number
 * is right-aligned text; a string keeps its lines.
 */
export function dataTable(header: string[], rows: (string | number)[][], widths: number[]): Table {
  const columns = widths.map((w) => Math.round(w * TEXT_WIDTH));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: columns,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((label, i) => labelCell(label, columns[i]!)) }),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.map(
              (cell, i) =>
                new TableCell({
                  width: { size: columns[i]!, type: WidthType.DXA },
                  children:
                    typeof cell === 'number'
                      ? [new Paragraph({ alignment: 'right', children: [new TextRun(String(cell))] })]
                      : lines(cell),
                }),
            ),
          }),
      ),
    ],
  });
}
