/**
 * `npm run screenshots`: starts the server on a free port with a temporary data folder, fills a board
 * through a stock WebsocketProvider (as any Yjs tool could), and saves screenshots under docs/.
 */
import { nanoid } from 'nanoid';
import type * as Y from 'yjs';
import { groupNotes } from '../../shared/ops/clusters';
import { renameCluster } from '../../shared/ops/clusterTitle';
import { addNote } from '../../shared/ops/notes';
import type { LaneKind } from '../../shared/records/lane';
import { NOTE_COLORS } from '../../shared/records/note';
import { activePillars } from '../../shared/selectors';
import { captureInitiatives } from './initiativesScreenshot';
import { captureMatrix } from './matrixScreenshot';
import { capturePlan } from './planScreenshot';
import { captureScoring } from './scoringScreenshot';
import { captureSuggestions } from './suggestionsScreenshot';
import { createToolBoard, editBoardDocs, openBoard, openToolBrowser, withToolServer } from './toolBoard';
import { captureVoting } from './votingScreenshot';

/** The laptop board: three 課題, two 達成目標 and an idea in each pillar. */
const NOTES: Record<number, [LaneKind, string, string][]> = {
  0: [
    ['problem', '窓口の待ち時間が長い', '佐藤'],
    ['problem', '申請書類が多く、何度も同じことを書く', '鈴木'],
    ['problem', '電話がつながりにくい', '高橋'],
    ['goal', '自宅からスマホで主な手続きができる', '佐藤'],
    ['goal', '窓口に来なくても相談できる', '田中'],
    ['idea', '書かない窓口', '高橋'],
  ],
  1: [
    ['problem', '紙の決裁に時間がかかる', '田中'],
    ['problem', '同じデータを何度も入力している', '佐藤'],
    ['problem', '会議資料の印刷が多い', '鈴木'],
    ['goal', '電子決裁が当たり前になっている', '田中'],
    ['goal', '定型業務に追われず企画に時間を使える', '高橋'],
    ['idea', '定型業務をRPAで自動化', '鈴木'],
  ],
  2: [
    ['problem', 'デジタルに詳しい職員が少ない', '高橋'],
    ['problem', '研修の時間が取れない', '田中'],
    ['problem', '相談できる人が庁内にいない', '佐藤'],
    ['goal', '全職員が基本的なITツールを使いこなせる', '佐藤'],
    ['goal', '各課にデジタル推進員がいる', '鈴木'],
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
  1: NOTES[1]!.slice(0, 4),
  2: NOTES[2]!.slice(0, 4),
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

/** Writes the notes of each pillar; `then` edits further. */
function fillBoard(
  notes: Y.Doc,
  settings: Y.Doc,
  entriesByPillar: Record<number, [LaneKind, string, string][]>,
  then?: (doc: Y.Doc, idsByText: Map<string, string>) => void,
) {
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
}

await withToolServer(async (serverUrl) => {
  const title = 'みんなにやさしいデジタル市役所計画 庁内部会';
  const board = await createToolBoard(serverUrl, title);
  await editBoardDocs(serverUrl, board, (notes, settings) => fillBoard(notes, settings, NOTES));
  // A second board where the working group has started clustering (グループ).
  const clustered = await createToolBoard(serverUrl, title);
  await editBoardDocs(serverUrl, clustered, (notes, settings) =>
    fillBoard(notes, settings, CLUSTER_NOTES, clusterNotes),
  );

  // The city-hall laptop (1366×768) first, then a full-HD monitor.
  const { browser, page } = await openToolBrowser({ width: 1366, height: 768 });
  await openBoard(page, serverUrl, board);
  await page.screenshot({ path: 'docs/screenshot-board.png' });
  await openBoard(page, serverUrl, board, '?lang=en');
  await page.screenshot({ path: 'docs/screenshot-board-en.png' });
  // The facilitator's tools, in the header's ファシリテーター menu.
  await openBoard(page, serverUrl, board);
  await page.getByRole('button', { name: 'ファシリテーター', exact: true }).click();
  await page.getByRole('menu', { name: 'ファシリテーター' }).waitFor();
  await page.screenshot({ path: 'docs/screenshot-facilitator-menu.png' });
  // 一覧 (compact density), then back to sticky notes (the choice is kept in this browser).
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '一覧' }).click();
  await page.screenshot({ path: 'docs/screenshot-board-compact.png' });
  await page.getByRole('button', { name: '一覧' }).click();
  // 全体表示 of the clustered board, for screen-sharing.
  await openBoard(page, serverUrl, clustered);
  await page.getByRole('button', { name: '全体表示', exact: true }).click();
  await page.getByRole('button', { name: '全体表示を終了（Esc）' }).waitFor();
  await page.screenshot({ path: 'docs/screenshot-overview.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openBoard(page, serverUrl, board);
  await page.screenshot({ path: 'docs/screenshot-board-1920.png' });
  await page.setViewportSize({ width: 1366, height: 768 });
  // The facilitator's People and links, with a member just added.
  await openBoard(page, serverUrl, board);
  await page.getByRole('button', { name: 'ファシリテーター', exact: true }).click();
  await page.getByRole('menuitem', { name: 'メンバーとリンク' }).click();
  const people = page.getByRole('dialog', { name: 'メンバーとリンク' });
  await people.getByRole('textbox', { name: '氏名' }).fill('田中 一郎');
  await people.getByRole('button', { name: 'メンバーを追加' }).click();
  await people.getByRole('textbox', { name: '田中 一郎さんの個人用リンク' }).waitFor();
  await page.screenshot({ path: 'docs/screenshot-people.png' });
  await page.goto(serverUrl);
  await page.screenshot({ path: 'docs/screenshot-landing.png' });
  await openBoard(page, serverUrl, clustered);
  await page.screenshot({ path: 'docs/screenshot-clusters.png', fullPage: true });
  await captureMatrix(page, serverUrl, board);
  await captureVoting(page, serverUrl, board);
  await captureScoring(page, serverUrl, board);
  await captureInitiatives(page, serverUrl, board);
  await capturePlan(page, serverUrl);
  await captureSuggestions(page, serverUrl);
  await browser.close();
  console.log(
    'saved docs/screenshot-board.png (1366×768), -board-1920.png, -board-en.png, -board-compact.png, -overview.png, -facilitator-menu.png, -people.png, -landing.png, -clusters.png, -matrix.png, -voting.png, -scoring-sheet.png, -scoring.png, -matrix-scores.png, -initiatives.png, -plan.png and -suggestions.png',
  );
});
process.exit(0);
