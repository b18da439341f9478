import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { buildNextPeriodDocs } from '../../shared/nextPeriod.js';
import { createInitiativeFromItem, setInitiativeStatus, setInitiativeText } from '../../shared/ops/initiatives.js';
import { addNote } from '../../shared/ops/notes.js';
import { applyVerificationTextChanges, setVerificationResult } from '../../shared/ops/verification.js';
import { planPeriods } from '../../shared/plan.js';
import {
  buildLineages,
  describeOverviewBoard,
  type Lineage,
  type OverviewBoard,
  planVerificationSummary,
} from '../../shared/planOverview.js';
import type { VerificationResult } from '../../shared/records/continued.js';
import { setExportAuthorNames } from '../../shared/records/exportPolicy.js';
import { diffText } from '../../shared/textDiff.js';
import { newBoard, newSettings, PILLAR_CITIZENS } from './fixtures.js';

const [first, second, third] = planPeriods(2022, 8, 2) as [
  ReturnType<typeof planPeriods>[number],
  ReturnType<typeof planPeriods>[number],
  ReturnType<typeof planPeriods>[number],
];
const who = { personId: 'v', name: '検証 花子', now: Date.UTC(2024, 4, 20) };

function addInitiative(board: Y.Doc, settings: Y.Doc, id: string, title: string, target: string) {
  expect(
    addNote(board, { id: `n-${id}`, text: title, pillarId: PILLAR_CITIZENS, lane: 'problem', author: 'a' }).ok,
  ).toBe(true);
  expect(
    createInitiativeFromItem(board, settings, { id, itemId: `n-${id}`, personId: 'a', roundNumber: null }).ok,
  ).toBe(true);
  expect(setInitiativeText(board, id, 'title', title).ok).toBe(true);
  expect(setInitiativeText(board, id, 'indicator', 'オンライン化した手続きの数').ok).toBe(true);
  expect(setInitiativeText(board, id, 'targetValue', target).ok).toBe(true);
}

function verify(board: Y.Doc, id: string, result: 'achieved' | 'partial', actual: string) {
  expect(setVerificationResult(board, id, result, who).ok).toBe(true);
  const change = diffText('', actual)!;
  expect(applyVerificationTextChanges(board, id, 'actual', [change], who).ok).toBe(true);
}

/** 第1期 with two initiatives; 第2期 made from it (both continued, one verified) plus one new initiative. */
function twoPeriods() {
  const settings1 = newSettings();
  const board1 = newBoard();
  addInitiative(board1, settings1, 'i1', '電子申請の拡大', '50手続き');
  addInitiative(board1, settings1, 'i2', '窓口案内', '');
  expect(setInitiativeStatus(board1, 'i1', 'decided').ok).toBe(true);
  const next = buildNextPeriodDocs(board1, settings1, { boardId: 'b1', period: first }, second);
  verify(next.board, 'i1', 'partial', '42手続き');
  addInitiative(next.board, next.settings, 'i3', '書かない窓口', '10か所');
  const boards: OverviewBoard[] = [
    describeOverviewBoard(board1, settings1, {
      boardId: 'b1',
      title: '部会',
      period: first,
      archived: true,
      readableWithThisLink: true,
    }),
    describeOverviewBoard(next.board, next.settings, {
      boardId: 'b2',
      title: '部会',
      period: second,
      archived: false,
      readableWithThisLink: false,
    }),
  ];
  return { boards, next };
}

describe('the plan overview: initiatives followed across the periods', () => {
  it('makes one row per initiative: started, its status per period, and its KPI target → actual', () => {
    const { boards } = twoPeriods();
    const rows = buildLineages(boards);
    expect(rows.map((r) => [r.id, r.title, r.started])).toEqual([
      ['i2', '窓口案内', 1],
      ['i1', '電子申請の拡大', 1],
      ['i3', '書かない窓口', 2],
    ]);
    const kept = rows.find((r) => r.id === 'i1')!;
    expect(kept.pillarId).toBe(PILLAR_CITIZENS);
    expect(kept.pillarTitle).not.toBe('');
    expect(kept.periods).toEqual([
      { periodNumber: 1, boardId: 'b1', status: 'decided', continued: false, result: null },
      { periodNumber: 2, boardId: 'b2', status: null, continued: true, result: 'partial' },
    ]);
    expect(kept.trend).toEqual([
      {
        periodNumber: 1,
        indicator: 'オンライン化した手続きの数',
        target: '50手続き',
        actual: '42手続き',
        actualNotNumeric: false,
        result: 'partial',
      },
    ]);
    const fresh = rows.find((r) => r.id === 'i3')!;
    expect(fresh.periods.map((p) => [p.periodNumber, p.status, p.continued])).toEqual([[2, 'draft', false]]);
    expect(fresh.trend).toMatchObject([{ periodNumber: 2, target: '10か所', actual: '' }]);
  });

  it('chains three periods by the cards’ origin, whatever order the boards come in', () => {
    const { boards, next } = twoPeriods();
    const third3 = buildNextPeriodDocs(next.board, next.settings, { boardId: 'b2', period: second }, third);
    verify(third3.board, 'i3', 'achieved', '12か所');
    const all = [
      describeOverviewBoard(third3.board, third3.settings, {
        boardId: 'b3',
        title: '部会',
        period: third,
        archived: false,
        readableWithThisLink: false,
      }),
      ...boards,
    ];
    const rows = buildLineages(all);
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.id === 'i3')!.trend).toMatchObject([
      { periodNumber: 2, target: '10か所', actual: '12か所', result: 'achieved' },
    ]);
    expect(rows.find((r) => r.id === 'i1')!.periods.map((p) => p.periodNumber)).toEqual([1, 2]);
  });

  it('flags an actual value that is not a number and names the verifier only when the board allows names', () => {
    const { next } = twoPeriods();
    verify(next.board, 'i2', 'achieved', '未集計');
    const facts = { boardId: 'b2', title: '部会', period: second, archived: false, readableWithThisLink: false };
    const hidden = describeOverviewBoard(next.board, next.settings, facts).continued.find((c) => c.id === 'i1')!;
    expect(hidden).not.toHaveProperty('verifiedByName');
    expect(hidden).toMatchObject({ actual: '42手続き', actualNotNumeric: false, verifiedAt: who.now });
    setExportAuthorNames(next.settings, true);
    const named = describeOverviewBoard(next.board, next.settings, facts).continued;
    expect(named.find((c) => c.id === 'i1')!.verifiedByName).toBe('検証 花子');
    // 窓口案内 had no numeric target: a text actual is not flagged.
    expect(named.find((c) => c.id === 'i2')!.actualNotNumeric).toBe(false);
  });
});

describe('the whole plan’s verification', () => {
  const lineage = (id: string, pillarId: string | null, results: (VerificationResult | null)[]): Lineage => ({
    id,
    title: id,
    pillarId,
    pillarTitle: pillarId ?? '',
    started: 1,
    periods: [],
    trend: results.map((result, index) => ({
      periodNumber: index + 1,
      indicator: '',
      target: '',
      actual: '',
      actualNotNumeric: false,
      result,
    })),
  });

  it('counts each initiative once per pillar, by its latest verification, else 未検証', () => {
    const summary = planVerificationSummary([
      lineage('a', 'p1', ['continue', 'achieved']),
      lineage('b', 'p1', ['partial', null]),
      lineage('c', 'p1', [null]),
      lineage('d', 'p2', ['stopped']),
    ]);
    expect(summary).toEqual([
      {
        pillarId: 'p1',
        pillarTitle: 'p1',
        counts: { achieved: 1, partial: 1, notAchieved: 0, continue: 0, stopped: 0, unverified: 1 },
        total: 3,
      },
      {
        pillarId: 'p2',
        pillarTitle: 'p2',
        counts: { achieved: 0, partial: 0, notAchieved: 0, continue: 0, stopped: 1, unverified: 0 },
        total: 1,
      },
    ]);
  });
});
