import * as Y from 'yjs';
import { settingsRoots } from '../../shared/docs.js';
import { groupNotes } from '../../shared/ops/clusters.js';
import { renameCluster } from '../../shared/ops/clusterTitle.js';
import {
  createInitiativeFromItem,
  moveInitiative,
  setInitiativeFiscalYears,
  setInitiativeStatus,
  setInitiativeText,
} from '../../shared/ops/initiatives.js';
import { placeOnMatrix } from '../../shared/ops/matrix.js';
import { updateMeeting } from '../../shared/ops/meetings.js';
import { addNote } from '../../shared/ops/notes.js';
import { markShortlisted } from '../../shared/ops/shortlist.js';
import { setExportAuthorNames } from '../../shared/records/exportPolicy.js';
import type { InitiativeTextField, Priority } from '../../shared/records/initiative.js';
import type { LaneKind } from '../../shared/records/lane.js';
import { listMeetings } from '../../shared/records/meeting.js';
import { type ScoringRound, writeScoringRounds } from '../../shared/records/scoring.js';
import { type RoundTotal, type VotingRound, writeVotingRounds } from '../../shared/records/voting.js';
import type { Result } from '../../shared/result.js';
import { scoreResults } from '../../shared/scoring.js';
import { initialiseBoardDoc, initialiseSettingsDoc } from '../../shared/template.js';

/**
 * The demo board of the example exports (docs/examples/) and the export tests: the seed's working group
 * (みんなにやさしいデジタル市役所計画 庁内部会, autumn of 令和3年) after its third meeting: notes in the three
 * pillars, groups, two revealed voting rounds, the matrix, the shortlist and four draft initiatives for
 * 令和4〜5年度. Fixed ids and times, so two builds export the same documents.
 */
export const DEMO_TITLE = 'みんなにやさしいデジタル市役所計画 庁内部会';
export const DEMO_PILLARS = { citizens: 'p1', efficiency: 'p2', people: 'p3' } as const;
/** 令和3年11月25日 10:00 JST: the day of the fourth meeting, when the plan is shared. */
export const DEMO_EXPORTED_AT = Date.parse('2021-11-25T10:00:00+09:00');

const must = <T>(result: Result<T>, what: string): T => {
  if (!result.ok) throw new Error(`demo board: ${what} refused (${result.error})`);
  return result.value;
};

type DemoNote = [id: string, pillar: keyof typeof DEMO_PILLARS, lane: LaneKind, text: string, author: string];

const NOTES: DemoNote[] = [
  ['n01', 'citizens', 'problem', '窓口の待ち時間が長い（特に3月・4月の転入転出の時期）', '田中'],
  ['n02', 'citizens', 'problem', '申請書の記入欄が多くて、何を書けばよいか分かりにくい', '佐藤'],
  ['n03', 'citizens', 'problem', '手続きのために平日の昼間に来庁しなければならない', '鈴木'],
  ['n04', 'citizens', 'problem', '外国人住民向けの案内が少ない', '高橋'],
  ['n05', 'citizens', 'goal', '自宅から24時間、主な手続きを申請できる', '田中'],
  ['n06', 'citizens', 'goal', '窓口の待ち時間が今の半分になっている', '伊藤'],
  ['n07', 'citizens', 'goal', '誰でも迷わずに手続きを終えられる', '佐藤'],
  ['n08', 'citizens', 'idea', 'よく使う手続きからオンライン申請にする', '鈴木'],
  ['n09', 'citizens', 'idea', '「書かない窓口」：職員が聞き取って申請書を作る', '渡辺'],
  ['n10', 'citizens', 'idea', '公民館でスマホ教室を開く', '高橋'],
  ['n11', 'citizens', 'idea', '案内を多言語と「やさしい日本語」で用意する', '山本'],
  ['n12', 'efficiency', 'problem', '紙の回覧に時間がかかり、最後の人に届くまで1週間かかる', '中村'],
  ['n13', 'efficiency', 'problem', '同じ内容を複数のシステムに手で入力している', '小林'],
  ['n14', 'efficiency', 'problem', '会議資料の印刷と差し替えが多い', '加藤'],
  ['n15', 'efficiency', 'goal', '庁内の回覧と決裁がすべて電子化されている', '中村'],
  ['n16', 'efficiency', 'goal', '転記作業がなくなり、その時間を相談業務に使える', '小林'],
  ['n17', 'efficiency', 'idea', 'ビジネスチャットで課をまたいで情報共有する', '吉田'],
  ['n18', 'efficiency', 'idea', 'RPAで定型の転記作業を自動化する', '山田'],
  ['n19', 'efficiency', 'idea', 'タブレットでペーパーレス会議', '加藤'],
  ['n20', 'people', 'problem', 'デジタルに詳しい職員が一部の課に限られている', '佐々木'],
  ['n21', 'people', 'problem', '研修に参加する時間がとれない', '山口'],
  ['n22', 'people', 'goal', '全職員が基本的なデジタルツールを使いこなせる', '松本'],
  ['n23', 'people', 'idea', '各課に「デジタル推進リーダー」を置く', '井上'],
  ['n24', 'people', 'idea', '10分で見られるオンライン研修動画を作る', '木村'],
];

/** [cluster id, title, target note, notes dropped onto it]. */
const CLUSTERS: [string, string, string, string[]][] = [
  ['c01', 'オンライン申請の拡大', 'n03', ['n05', 'n08']],
  ['c02', '窓口の待ち時間の短縮', 'n01', ['n06', 'n09']],
  ['c03', 'ペーパーレス化', 'n12', ['n14', 'n15', 'n19']],
  ['c04', '転記作業の自動化', 'n13', ['n16', 'n18']],
  ['c05', 'デジタル人材の育成', 'n20', ['n22', 'n23']],
];

const round = (number: number, revealedAt: string, voters: number, counts: [string, number][]): VotingRound => ({
  number,
  status: 'revealed',
  budget: 5,
  cap: 3,
  openedAt: Date.parse(revealedAt) - 7 * 86_400_000,
  closedAt: Date.parse(revealedAt) - 3600_000,
  revealedAt: Date.parse(revealedAt),
  voters,
  totals: counts.map(([itemId, count]) => total(itemId, count)),
});

/** A total as the server publishes it: the item's kind, pillar and label at the reveal. */
function total(itemId: string, count: number): RoundTotal {
  const cluster = CLUSTERS.find(([id]) => id === itemId);
  if (cluster)
    return { itemId, kind: 'cluster', pillarId: DEMO_PILLARS[pillarOf(cluster[2])], label: cluster[1], count };
  const note = NOTES.find(([id]) => id === itemId)!;
  return { itemId, kind: 'note', pillarId: DEMO_PILLARS[note[1]], label: note[3], count };
}

/** Scores (効果, 実現しやすさ, reason) of eight members on the shortlisted items, between the 3rd and 4th meetings. */
const SCORES: Record<string, [number, number, string?][]> = {
  c01: [
    [5, 4],
    [5, 4],
    [4, 4],
    [5, 3],
    [4, 4],
    [5, 5],
    [4, 3],
    [5, 4],
  ],
  c02: [
    [5, 2, '来庁者の不満で一番多いのが待ち時間'],
    [2, 2],
    [4, 3],
    [1, 2, '予約制にすれば待ち時間は減るが、窓口の人員は減らせない'],
    [5, 3],
    [2, 1],
    [4, 2],
    [5, 3],
  ],
  c03: [
    [4, 4],
    [4, 5],
    [3, 4],
    [4, 4],
    [4, 3],
    [3, 4],
    [4, 4],
    [4, 5],
  ],
  c05: [
    [5, 2],
    [4, 2],
    [5, 3],
    [4, 1],
    [5, 2],
    [4, 2],
    [5, 3],
    [4, 2],
  ],
  n11: [
    [3, 5],
    [3, 4],
    [2, 5],
    [3, 5],
    [3, 4],
    [4, 5],
    [2, 4],
    [3, 5],
  ],
};

/** A revealed scoring round as the server publishes it (the scores themselves are never in a document). */
function demoScoringRound(): ScoringRound {
  const revealedAt = Date.parse('2021-11-25T11:00:00+09:00');
  const items = Object.keys(SCORES).map((itemId) => {
    const { count: _count, ...item } = total(itemId, 0);
    return item;
  });
  const given = Object.entries(SCORES).flatMap(([itemId, scores]) =>
    scores.map(([effect, ease, reason]) => ({ itemId, effect, ease, reason: reason ?? '' })),
  );
  return {
    number: 1,
    status: 'revealed',
    scope: 'shortlist',
    items,
    openedAt: revealedAt - 21 * 86_400_000,
    closedAt: revealedAt - 3600_000,
    revealedAt,
    scorers: 8,
    results: scoreResults(items, given),
  };
}

export function buildDemoBoard(): { board: Y.Doc; settings: Y.Doc } {
  const board = new Y.Doc();
  const settings = new Y.Doc();
  let pillar = 0;
  initialiseSettingsDoc(settings, DEMO_TITLE, () => `p${++pillar}`, DEMO_EXPORTED_AT);
  initialiseBoardDoc(board);
  const meetingDates = ['2021-08-19', '2021-09-16', '2021-10-21', '2021-11-25'];
  listMeetings(settingsRoots.meetings(settings)).forEach((meeting, i) => {
    must(updateMeeting(settings, meeting.id, { date: meetingDates[i] ?? '' }), 'meeting date');
  });

  const start = Date.parse('2021-08-19T10:00:00+09:00');
  NOTES.forEach(([id, pillarKey, lane, text, author], i) => {
    const note = { id, pillarId: DEMO_PILLARS[pillarKey], lane, text, author: `person-${author}`, authorName: author };
    must(addNote(board, { ...note, now: start + i * 3 * 3600_000 }), `note ${id}`);
  });
  for (const [clusterId, title, target, dropped] of CLUSTERS) {
    for (const noteId of dropped) {
      const input = { noteId, targetNoteId: target, newClusterId: clusterId, createdBy: 'person-田中', now: start };
      must(groupNotes(board, input), `group ${noteId}`);
    }
    must(renameCluster(board, clusterId, title), `title ${clusterId}`);
  }

  // Sealed totals are the server's to publish; here they are written into the settings server map directly.
  const first = round(1, '2021-09-16T11:00:00+09:00', 12, [
    ['c01', 9],
    ['c02', 7],
    ['c03', 7],
    ['c05', 6],
    ['c04', 4],
    ['n11', 3],
    ['n17', 2],
    ['n10', 1],
  ]);
  const second = round(2, '2021-10-21T11:00:00+09:00', 11, [
    ['c01', 10],
    ['c03', 8],
    ['c02', 6],
    ['c05', 6],
    ['c04', 5],
    ['n11', 4],
    ['n21', 1],
  ]);
  writeVotingRounds(settings, [first, second]);
  writeScoringRounds(settings, [demoScoringRound()]);

  const positions: [string, number, number][] = [
    ['c01', 0.8, 0.9],
    ['c02', 0.35, 0.8],
    ['c03', 0.7, 0.65],
    ['c04', 0.3, 0.6],
    ['c05', 0.6, 0.7],
    ['n11', 0.75, 0.4],
    ['n17', 0.85, 0.3],
    ['n04', 0.2, 0.2],
  ];
  for (const [id, x, y] of positions) must(placeOnMatrix(board, id, { x, y }), `matrix ${id}`);
  const marked = Date.parse('2021-10-21T11:30:00+09:00');
  for (const id of ['c01', 'c02', 'c03', 'c05', 'n11']) must(markShortlisted(board, id, 'person-田中', marked), id);

  for (const plan of INITIATIVES) addInitiative(board, settings, plan);
  // The demo's facilitator publishes who wrote what, so the examples show the authors (off on a new board).
  setExportAuthorNames(settings, true);
  return { board, settings };
}

function pillarOf(noteId: string): keyof typeof DEMO_PILLARS {
  return NOTES.find(([id]) => id === noteId)![1];
}

interface DemoInitiative {
  id: string;
  itemId: string;
  priority: Priority;
  years: number[];
  status: 'draft' | 'considering' | 'decided';
  fields: Partial<Record<InitiativeTextField, string>>;
}

const INITIATIVES: DemoInitiative[] = [
  {
    id: 'i01',
    itemId: 'c01',
    priority: 'high',
    years: [2022, 2023],
    status: 'considering',
    fields: {
      title: '主な手続きのオンライン申請',
      indicator: 'オンラインで申請できる手続きの数',
      targetValue: '令和5年度末までに50手続き',
      content:
        '利用件数の多い手続きから順に、マイナンバーカードで本人確認できる電子申請に切り替える。\n申請の入口を市のホームページにまとめる。',
      department: 'デジタル推進課',
    },
  },
  {
    id: 'i02',
    itemId: 'c02',
    priority: 'medium',
    years: [2023],
    status: 'draft',
    fields: {
      indicator: '繁忙期の平均待ち時間',
      targetValue: '30分以内',
      content: '「書かない窓口」を市民課で試行し、聞き取りから申請書を作成する。',
      department: '市民課',
    },
  },
  {
    id: 'i03',
    itemId: 'c03',
    priority: 'high',
    years: [2022],
    status: 'decided',
    fields: {
      title: '回覧・会議のペーパーレス化',
      indicator: 'コピー用紙の購入量',
      targetValue: '令和3年度比 30%削減',
      content: '回覧をビジネスチャットに移し、庁内会議はタブレットで資料を共有する。',
      department: '総務課',
    },
  },
  {
    id: 'i04',
    itemId: 'c05',
    priority: 'medium',
    years: [2022, 2023],
    status: 'draft',
    fields: {
      title: 'デジタル推進リーダーの育成',
      indicator: 'デジタル推進リーダーを置いた課の割合',
      targetValue: '100%',
      content: '各課から1名を推薦し、年4回の勉強会と10分の研修動画で育成する。',
      department: '人事課',
    },
  },
];

function addInitiative(board: Y.Doc, settings: Y.Doc, plan: DemoInitiative): void {
  const createdAt = Date.parse('2021-10-28T15:00:00+09:00');
  const input = { id: plan.id, itemId: plan.itemId, personId: 'person-田中', roundNumber: 2, now: createdAt };
  must(createInitiativeFromItem(board, settings, input), `initiative ${plan.id}`);
  for (const [field, value] of Object.entries(plan.fields) as [InitiativeTextField, string][]) {
    must(setInitiativeText(board, plan.id, field, value), `${plan.id} ${field}`);
  }
  const pillarId = DEMO_PILLARS[pillarOf(CLUSTERS.find(([id]) => id === plan.itemId)?.[2] ?? plan.itemId)];
  must(moveInitiative(board, settings, plan.id, { pillarId, priority: plan.priority, beforeId: null }), 'move');
  must(setInitiativeFiscalYears(board, plan.id, plan.years), `${plan.id} years`);
  must(setInitiativeStatus(board, plan.id, plan.status), `${plan.id} status`);
}
