/**
 * `npx tsx test/tools/printPreview.ts` (after `npm run build`): fills a board, then lays out its board and
 * matrix views for paper with Chromium — a PDF of each (page.pdf(), A4 landscape, kept in a temporary folder;
 * its page count is printed) and a PNG of each under print media at the A4 landscape printable width, saved
 * as docs/print-board.png and docs/print-matrix.png to look at.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startServer } from '../../server/main';
import { groupNotes } from '../../shared/ops/clusters';
import { renameCluster } from '../../shared/ops/clusterTitle';
import { addNote } from '../../shared/ops/notes';
import type { LaneKind } from '../../shared/records/lane';
import { NOTE_COLORS } from '../../shared/records/note';
import { activePillars } from '../../shared/selectors';
import { launchChromium } from '../browser/chromium';
import { fillMatrix } from './matrixScreenshot';

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

async function fill(serverUrl: string, board: { id: string; tokens: Record<string, string> }) {
  const options = {
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    params: { token: board.tokens.participant ?? '' },
  };
  const wsUrl = `${serverUrl.replace('http', 'ws')}/ws`;
  const settings = new Y.Doc();
  const doc = new Y.Doc();
  const providers = [
    new WebsocketProvider(wsUrl, `${board.id}/settings`, settings, options),
    new WebsocketProvider(wsUrl, board.id, doc, options),
  ];
  for (let i = 0; i < 400 && !providers.every((p) => p.synced); i++) await new Promise((r) => setTimeout(r, 25));
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
  await new Promise((r) => setTimeout(r, 500));
  for (const provider of providers) provider.destroy();
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

const dataDir = mkdtempSync(join(tmpdir(), 'board-print-'));
const pdfDir = mkdtempSync(join(tmpdir(), 'board-print-pdf-'));
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  clientDir: resolve('dist/client'),
  log: () => {},
});
try {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'みんなにやさしいデジタル市役所計画 庁内部会' }),
  });
  const board = (await response.json()) as { id: string; tokens: Record<string, string> };
  await fill(server.url, board);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: A4_PRINTABLE });
  await context.addInitScript(() => window.localStorage.setItem('board.identity.name', '進行役'));
  const page = await context.newPage();
  for (const view of ['board', 'matrix'] as const) {
    await page.goto(`${server.url}/b/${board.id}?view=${view}#token=${board.tokens.facilitator}`);
    await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
    await page.waitForTimeout(300);
    await capture(page, view, pdfDir);
  }
  await browser.close();
  console.log(`PDFs kept in ${pdfDir}`);
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
