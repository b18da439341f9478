import type * as Y from 'yjs';
import { listInitiatives } from './initiatives.js';
import type { PlanPeriod } from './plan.js';
import { actualNotNumeric, listContinued, type VerificationResult } from './records/continued.js';
import { authorNamesExported } from './records/exportPolicy.js';
import type { InitiativeStatus, Priority } from './records/initiative.js';
import { allPillars } from './selectors.js';

/**
 * The plan overview (計画の一覧): every board of a plan, and every initiative followed across the periods
 * (its lineage). Pure: the server reads each board's committed documents (server/api/planOverview.ts) and the
 * client's plan view shows the answer. An initiative of one period arrives in the next period's board as a
 * 「前期からの継続」 card with the same id and `from` pointing back to it (shared/nextPeriod.ts): that link is
 * what chains the periods, so an initiative keeps one row however many periods it runs through.
 */
export interface OverviewInitiative {
  id: string;
  title: string;
  pillarId: string | null;
  pillarTitle: string;
  priority: Priority | null;
  status: InitiativeStatus;
  indicator: string;
  targetValue: string;
  department: string;
  fiscalYears: number[];
}

export interface OverviewContinued {
  /** The previous period's initiative id. */
  id: string;
  from: { boardId: string; initiativeId: string };
  title: string;
  pillarId: string | null;
  pillarTitle: string;
  indicator: string;
  targetValue: string;
  result: VerificationResult | null;
  actual: string;
  actualNotNumeric: boolean;
  verifiedAt: number | null;
  /** Only when the board's documents may name people (`facilitation.exportAuthorNames`). */
  verifiedByName?: string;
}

export interface OverviewBoard {
  boardId: string;
  title: string;
  period: PlanPeriod;
  archived: boolean;
  /**
   * True for the earlier boards of the asking board's line (made from one another by 「次期のボードを作る」):
   * the asking board's links open them, read-only (server/auth.ts).
   */
  readableWithThisLink: boolean;
  initiatives: OverviewInitiative[];
  continued: OverviewContinued[];
}

/** One board's part of the overview, read from its two documents (already migrated). */
export function describeOverviewBoard(
  board: Y.Doc,
  settings: Y.Doc,
  facts: { boardId: string; title: string; period: PlanPeriod; archived: boolean; readableWithThisLink: boolean },
): OverviewBoard {
  const pillars = new Map(allPillars(settings).map((p) => [p.id, p.title]));
  const names = authorNamesExported(settings);
  return {
    ...facts,
    initiatives: listInitiatives(board).map((i) => ({
      id: i.id,
      title: i.fields.title,
      pillarId: i.place?.pillarId ?? null,
      pillarTitle: pillars.get(i.place?.pillarId ?? '') ?? '',
      priority: i.place?.priority ?? null,
      status: i.status,
      indicator: i.fields.indicator,
      targetValue: i.fields.targetValue,
      department: i.fields.department,
      fiscalYears: i.fiscalYears,
    })),
    continued: listContinued(board).map((card) => ({
      id: card.id,
      from: { boardId: card.from.boardId, initiativeId: card.from.initiativeId },
      title: card.title,
      pillarId: card.pillarId,
      pillarTitle: pillars.get(card.pillarId ?? '') ?? '',
      indicator: card.indicator,
      targetValue: card.targetValue,
      result: card.verification.result,
      actual: card.verification.actual,
      actualNotNumeric: actualNotNumeric(card),
      verifiedAt: card.verification.verifiedAt,
      ...(names ? { verifiedByName: card.verification.verifiedByName } : {}),
    })),
  };
}

/** What one lineage shows for one period: its board, and what the initiative was there. */
export interface LineagePeriod {
  periodNumber: number;
  boardId: string;
  /** Its status when it is a live initiative of this period's board; null when only continued there. */
  status: InitiativeStatus | null;
  /** It arrived in this period's board from the previous one (a 「前期からの継続」 card)… */
  continued: boolean;
  /** …with this verification of the previous period's work. */
  result: VerificationResult | null;
}

/** The KPI of one period's work: its target, and the actual value verified in the next period's board. */
export interface LineageTrend {
  periodNumber: number;
  indicator: string;
  target: string;
  actual: string;
  actualNotNumeric: boolean;
  result: VerificationResult | null;
}

export interface Lineage {
  /** The id of the initiative where it started. */
  id: string;
  /** As last written (a later period may have renamed it). */
  title: string;
  pillarId: string | null;
  pillarTitle: string;
  /** The period of its first appearance. */
  started: number;
  periods: LineagePeriod[];
  trend: LineageTrend[];
}

interface Appearance {
  board: OverviewBoard;
  initiative: OverviewInitiative | null;
  card: OverviewContinued | null;
}

const nodeKey = (boardId: string, id: string) => `${boardId}\u0000${id}`;

/**
 * One row per initiative lineage, by period of its start then title. An appearance is one (board, id): a live
 * initiative, a continued card, or both (a board may keep a card's id for the initiative continuing it). A card
 * joins its appearance to the one its `from` names.
 */
export function buildLineages(boards: readonly OverviewBoard[]): Lineage[] {
  const ordered = [...boards].sort((a, b) => a.period.number - b.period.number);
  const appearances = new Map<string, Appearance>();
  const appearance = (board: OverviewBoard, id: string) => {
    const key = nodeKey(board.boardId, id);
    let found = appearances.get(key);
    if (!found) {
      found = { board, initiative: null, card: null };
      appearances.set(key, found);
    }
    return found;
  };
  for (const board of ordered) {
    for (const initiative of board.initiatives) appearance(board, initiative.id).initiative = initiative;
    for (const card of board.continued) appearance(board, card.id).card = card;
  }

  // Union-find over appearances: a card and the initiative it came from are one lineage.
  const parent = new Map<string, string>();
  const root = (key: string): string => {
    let current = key;
    while (parent.has(current)) current = parent.get(current)!;
    return current;
  };
  const boardIds = new Set(ordered.map((b) => b.boardId));
  for (const board of ordered) {
    for (const card of board.continued) {
      if (!boardIds.has(card.from.boardId)) continue;
      const fromKey = nodeKey(card.from.boardId, card.from.initiativeId || card.id);
      if (!appearances.has(fromKey)) continue;
      const [a, b] = [root(nodeKey(board.boardId, card.id)), root(fromKey)];
      if (a !== b) parent.set(a, b);
    }
  }

  const groups = new Map<string, Appearance[]>();
  for (const [key, found] of appearances) {
    const group = groups.get(root(key)) ?? [];
    group.push(found);
    groups.set(root(key), group);
  }
  const rows = [...groups.values()].map((group) => lineageOf(group));
  return rows.sort(
    (a, b) => a.started - b.started || a.title.localeCompare(b.title, 'ja') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function lineageOf(group: Appearance[]): Lineage {
  group.sort((a, b) => a.board.period.number - b.board.period.number);
  const first = group[0]!;
  const latest = [...group].reverse();
  const named = latest.find((a) => (a.initiative?.title ?? a.card?.title ?? '') !== '') ?? first;
  const placed = latest.find((a) => (a.initiative?.pillarId ?? a.card?.pillarId) != null) ?? first;
  const periods = group.map(
    (a): LineagePeriod => ({
      periodNumber: a.board.period.number,
      boardId: a.board.boardId,
      status: a.initiative?.status ?? null,
      continued: a.card !== null,
      result: a.card?.result ?? null,
    }),
  );
  // The work of a period is verified on the card of the period after it.
  const trend = group
    .filter((a) => a.initiative !== null)
    .map((a): LineageTrend => {
      const verified = group.find((b) => b.card && b.card.from.boardId === a.board.boardId)?.card ?? null;
      return {
        periodNumber: a.board.period.number,
        indicator: a.initiative!.indicator,
        target: a.initiative!.targetValue,
        actual: verified?.actual ?? '',
        actualNotNumeric: verified?.actualNotNumeric ?? false,
        result: verified?.result ?? null,
      };
    });
  return {
    id: first.initiative?.id ?? first.card?.from.initiativeId ?? first.card?.id ?? '',
    title: named.initiative?.title || named.card?.title || '',
    pillarId: placed.initiative?.pillarId ?? placed.card?.pillarId ?? null,
    pillarTitle: placed.initiative?.pillarTitle || placed.card?.pillarTitle || '',
    started: first.board.period.number,
    periods,
    trend,
  };
}

/** The answer of `GET /api/boards/<id>/plan/overview` (docs/api.md, Plans). */
export interface PlanOverview {
  plan: { id: string; name: string; periods: PlanPeriod[] };
  /** The board asked about, and its period. */
  boardId: string;
  periodNumber: number;
  boards: (OverviewBoard & { workingGroup: string })[];
  lineages: Lineage[];
}

/** 結果 as counted in the whole-plan verification: a verification result, or not verified yet. */
export type SummaryResult = VerificationResult | 'unverified';

/**
 * The whole plan's verification (第4期, 検証・次期策定): per pillar, how many initiatives ended in each 結果 — the
 * latest verification each one has (a later period's judgement replaces an earlier one), else 未検証.
 */
export function planVerificationSummary(
  lineages: readonly Lineage[],
): { pillarId: string | null; pillarTitle: string; counts: Record<SummaryResult, number>; total: number }[] {
  const rows = new Map<
    string,
    { pillarId: string | null; pillarTitle: string; counts: Record<SummaryResult, number>; total: number }
  >();
  for (const lineage of lineages) {
    const key = lineage.pillarId ?? '';
    const row = rows.get(key) ?? {
      pillarId: lineage.pillarId,
      pillarTitle: lineage.pillarTitle,
      counts: { achieved: 0, partial: 0, notAchieved: 0, continue: 0, stopped: 0, unverified: 0 },
      total: 0,
    };
    const latest = [...lineage.trend].reverse().find((step) => step.result !== null)?.result ?? 'unverified';
    row.counts[latest] += 1;
    row.total += 1;
    rows.set(key, row);
  }
  return [...rows.values()];
}
