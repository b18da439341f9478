/**
 * `npx tsx test/tools/printPreview.ts` (after `npm run build`): fills a board, then lays out its board and
 * matrix views for paper with Chromium — a PDF of each (page.pdf(), A4 landscape, kept in a temporary folder;
 * its page count is printed) and a PNG of each under print media at the A4 landscape printable width, saved
 * as docs/print-board.png and docs/print-matrix.png to look at.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type * as Y from 'yjs';
import { groupNotes } from '../../shared/ops/clusters';
import { renameCluster } from '../../shared/ops/clusterTitle';
import { addNote } from '../../shared/ops/notes';
import type { LaneKind } from '../../shared/records/lane';
import { NOTE_COLORS } from '../../shared/records/note';
import { activePillars } from '../../shared/selectors';
import { fillMatrix } from './matrixScreenshot';
import { createToolBoard, editBoardDocs, openBoard, openToolBrowser, withToolServer } from './toolBoard';

const NOTES: [number, LaneKind, string][] = [
  [0, 'problem', '窓口の待ち時間が長い'],
  [0, 'problem', '申請書類が多く、何度も同じことを書く'],
  [0, 'problem', '電話がつながりにくい'],
  [0, 'goal', '自宅からスマホで主な手続きができる'],
  [0, 'idea', '書かない窓口'],
  [0, 'idea', 'オンライン予約で待ち時間ゼロ'],
  [1, 'problem', '紙の決裁に時間がかかる'],
  [1, 'goal', '電子決裁が当たり前になっている'],
  [1, 'idea', '定型業務をRPAで自動化'],
  [2, 'problem', 'デジタルに詳しい職員が少ない'],
  [2, 'goal', '全職員が基本的なITツールを使いこなせる'],
  [2, 'idea', '若手による庁内勉強会'],
];

/** A4 landscape minus 10 mm margins, in CSS pixels (96 per inch). */
const A4_PRINTABLE = { width: Math.round(((297 - 20) / 25.4) * 96), height: Math.round(((210 - 20) / 25.4) * 96) };

/** The board the print views show: the notes, their matrix places and one named group. */
function fill(doc: Y.Doc, settings: Y.Doc) {
  const pillars = activePillars(settings);
  const ids = new Map<string, string>();
  NOTES.forEach(([pillar, lane, text], index) => {
    const id = `note-${index}`;
    ids.set(text, id);
    const pillarId = pillars[pillar]?.id ?? '';
    addNote(doc, {
      id,
      pillarId,
      lane,
      text,
      author: '佐藤',
      authorName: '佐藤',
      color: NOTE_COLORS[index % NOTE_COLORS.length],
    });
  });
  fillMatrix(doc, pillars);
  const group = (note: string, target: string) =>
    groupNotes(doc, {
      noteId: ids.get(note) ?? '',
      targetNoteId: ids.get(target) ?? '',
      newClusterId: 'print-cluster',
      createdBy: '佐藤',
    });
  group('オンライン予約で待ち時間ゼロ', '書かない窓口');
  renameCluster(doc, 'print-cluster', '来なくてよい窓口');
}

/** The page count and the first page's size in millimetres, read from the PDF's page objects. */
function pdfPages(path: string): string {
  const text = readFileSync(path, 'latin1');
  const pages = text.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
  const mm = (points: string) => Math.round((Number(points) / 72) * 25.4);
  return `${pages} page${pages === 1 ? '' : 's'}${box ? `, ${mm(box[1] ?? '0')} × ${mm(box[2] ?? '0')} mm` : ''}`;
}

async function capture(page: Page, view: 'board' | 'matrix', pdfDir: string) {
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `docs/print-${view}.png`, fullPage: true });
  const pdf = join(pdfDir, `print-${view}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', landscape: true, preferCSSPageSize: true });
  console.log(`${view}: docs/print-${view}.png, ${pdf} (${pdfPages(pdf)})`);
  // The dialog's A3 choice: the same view on the named A3 page of print.css.
  await page.evaluate(() => {
    document.documentElement.dataset.printPaper = 'a3';
  });
  const a3 = join(pdfDir, `print-${view}-a3.pdf`);
  await page.pdf({ path: a3, preferCSSPageSize: true });
  await page.evaluate(() => delete document.documentElement.dataset.printPaper);
  console.log(`${view} on A3: ${a3} (${pdfPages(a3)})`);
  await page.emulateMedia({ media: 'screen' });
}

const pdfDir = mkdtempSync(join(tmpdir(), 'board-print-pdf-'));
await withToolServer(async (serverUrl) => {
  const board = await createToolBoard(serverUrl, 'みんなにやさしいデジタル市役所計画 庁内部会');
  await editBoardDocs(serverUrl, board, fill);
  const { browser, page } = await openToolBrowser(A4_PRINTABLE);
  for (const view of ['board', 'matrix'] as const) {
    await openBoard(page, serverUrl, board, `?view=${view}`);
    await capture(page, view, pdfDir);
  }
  await browser.close();
  console.log(`PDFs kept in ${pdfDir}`);
});
process.exit(0);
