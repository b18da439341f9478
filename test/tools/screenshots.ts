/**
 * `npm run screenshots`: starts the server on a free port with a temporary data folder, fills a board
 * through a stock WebsocketProvider (as any Yjs tool could), and saves screenshots under docs/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nanoid } from 'nanoid';
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
import { captureInitiatives } from './initiativesScreenshot';
import { captureMatrix } from './matrixScreenshot';
import { captureVoting } from './votingScreenshot';

const NOTES: Record<number, [LaneKind, string, string][]> = {
  0: [
    ['problem', '窓口の待ち時間が長い', '佐藤'],
    ['problem', '申請書類が多く、何度も同じことを書く', '鈴木'],
    ['goal', '自宅からスマホで主な手続きができる', '佐藤'],
    ['idea', '書かない窓口', '高橋'],
  ],
  1: [
    ['problem', '紙の決裁に時間がかかる', '田中'],
    ['goal', '電子決裁が当たり前になっている', '田中'],
    ['idea', '定型業務をRPAで自動化', '鈴木'],
  ],
  2: [
    ['problem', 'デジタルに詳しい職員が少ない', '高橋'],
    ['goal', '全職員が基本的なITツールを使いこなせる', '佐藤'],
    ['idea', '若手による庁内勉強会', '田中'],
  ],
};

/** A board being clustered: more notes in the first pillar, grouped by `clusterNotes`. */
const CLUSTER_NOTES: Record<number, [LaneKind, string, string][]> = {
  0: [
    ['problem', '窓口の待ち時間が長い', '佐藤'],
    ['problem', '申請書類が多く、何度も同じことを書く', '鈴木'],
    ['problem', '電話がつながりにくい', '高橋'],
    ['goal', '自宅からスマホで主な手続きができる', '佐藤'],
    ['goal', '窓口に来なくても相談できる', '田中'],
    ['idea', '書かない窓口', '高橋'],
    ['idea', 'オンライン予約で待ち時間ゼロ', '鈴木'],
    ['idea', 'チャットで問い合わせ', '田中'],
  ],
  1: NOTES[1]!,
  2: NOTES[2]!,
};

/** Groups the first pillar's notes into a named cluster and an unnamed one (as people would by dragging). */
function clusterNotes(doc: Y.Doc, ids: Map<string, string>) {
  const id = (text: string) => ids.get(text) ?? '';
  const group = (noteText: string, targetText: string, clusterId: string) =>
    groupNotes(doc, { noteId: id(noteText), targetNoteId: id(targetText), newClusterId: clusterId, createdBy: '佐藤' });
  group('オンライン予約で待ち時間ゼロ', '窓口の待ち時間が長い', 'cluster-waiting');
  group('自宅からスマホで主な手続きができる', '窓口の待ち時間が長い', 'cluster-waiting');
  renameCluster(doc, 'cluster-waiting', '窓口に来なくてよい市役所');
  group('書かない窓口', '申請書類が多く、何度も同じことを書く', 'cluster-forms');
}

async function createBoard(title: string) {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  return (await response.json()) as { id: string; tokens: Record<string, string> };
}

/** Writes the notes through a stock WebsocketProvider, as any Yjs tool could; `then` edits further. */
async function fillBoard(
  board: { id: string; tokens: Record<string, string> },
  entriesByPillar: Record<number, [LaneKind, string, string][]>,
  then?: (doc: Y.Doc, idsByText: Map<string, string>) => void,
) {
  const wsUrl = `${server.url.replace('http', 'ws')}/ws`;
  const options = {
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    params: { token: board.tokens.participant ?? '' },
  };
  const settings = new Y.Doc();
  const notes = new Y.Doc();
  const settingsProvider = new WebsocketProvider(wsUrl, `${board.id}/settings`, settings, options);
  const notesProvider = new WebsocketProvider(wsUrl, board.id, notes, options);
  await waitFor(() => settingsProvider.synced && notesProvider.synced, 'sync');
  const pillars = activePillars(settings);
  const ids = new Map<string, string>();
  let color = 0;
  for (const [index, entries] of Object.entries(entriesByPillar)) {
    const pillar = pillars[Number(index)];
    if (!pillar) continue;
    for (const [lane, text, author] of entries) {
      const id = nanoid();
      ids.set(text, id);
      addNote(notes, {
        id,
        pillarId: pillar.id,
        lane,
        text,
        author,
        authorName: author,
        color: NOTE_COLORS[color++ % NOTE_COLORS.length],
      });
    }
  }
  then?.(notes, ids);
  await new Promise((r) => setTimeout(r, 300));
  settingsProvider.destroy();
  notesProvider.destroy();
}

async function waitFor(check: () => boolean, what: string) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'board-shots-'));
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  clientDir: resolve('dist/client'),
  log: () => {},
});
try {
  const board = await createBoard('みんなにやさしいデジタル市役所計画 庁内部会');
  await fillBoard(board, NOTES);
  // A second board where the working group has started clustering (グループ).
  const clustered = await createBoard('みんなにやさしいデジタル市役所計画 庁内部会');
  await fillBoard(clustered, CLUSTER_NOTES, clusterNotes);

  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript(() => window.localStorage.setItem('board.identity.name', '進行役'));
  const page = await context.newPage();
  await page.goto(`${server.url}/b/${board.id}#token=${board.tokens.facilitator}`);
  await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/screenshot-board.png' });
  await page.goto(`${server.url}/b/${board.id}?lang=en#token=${board.tokens.facilitator}`);
  await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/screenshot-board-en.png' });
  // The facilitator's People and links, with a member just added.
  await page.goto(`${server.url}/b/${board.id}#token=${board.tokens.facilitator}`);
  await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
  await page.getByRole('button', { name: 'メンバーとリンク' }).click();
  const people = page.getByRole('dialog', { name: 'メンバーとリンク' });
  await people.getByRole('textbox', { name: '氏名' }).fill('田中 一郎');
  await people.getByRole('button', { name: 'メンバーを追加' }).click();
  await people.getByRole('textbox', { name: '田中 一郎さんの個人用リンク' }).waitFor();
  await page.screenshot({ path: 'docs/screenshot-people.png' });
  await page.goto(server.url);
  await page.screenshot({ path: 'docs/screenshot-landing.png' });
  await page.goto(`${server.url}/b/${clustered.id}#token=${clustered.tokens.facilitator}`);
  await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/screenshot-clusters.png', fullPage: true });
  await captureMatrix(page, server.url, board);
  await captureVoting(page, server.url, board);
  await captureInitiatives(page, server.url, board);
  await browser.close();
  console.log(
    'saved docs/screenshot-board.png, -board-en.png, -people.png, -landing.png, -clusters.png, -matrix.png, -voting.png and -initiatives.png',
  );
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
