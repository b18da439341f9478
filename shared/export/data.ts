import type * as Y from 'yjs';
import { translator } from '../i18n/index.js';
import { listInitiatives } from '../initiatives.js';
import { type BoardItem, itemLabel, listItems } from '../items.js';
import { itemPositions, revealedRounds } from '../prioritizing.js';
import { actualNotNumeric, type ContinuedFrom, listContinued, type VerificationResult } from '../records/continued.js';
import {
  INITIATIVE_STATUSES,
  INITIATIVE_TEXT_FIELDS,
  type Initiative,
  type InitiativeStatus,
  type InitiativeTextField,
  PRIORITIES,
  type Priority,
} from '../records/initiative.js';
import { LANE_KINDS, type LaneKind } from '../records/lane.js';
import { QUADRANTS, type Quadrant, quadrantOf, readMatrixPositions } from '../records/matrix.js';
import { readBoardPeriod } from '../records/period.js';
import { rankTotals, readVotingRounds } from '../records/voting.js';
import { allPillars } from '../selectors.js';
import { shortlistByPillar } from '../shortlist.js';
import { buildPlanReport } from './report.js';
import { reportLabels } from './reportLabels.js';
import { dataScoringRounds } from './reportScoring.js';

/**
 * The readable data (`format=data`, データ_<board>_<date>.json): the board's content as plain JSON for other
 * tools and open-data portals, with a versioned shape (docs/schema.md "Readable data"). It holds what everyone
 * allowed the documents may read — never the audit log, a ballot, a token, a person id or the counts of a round
 * not yet revealed — and author names only when the facilitator exports them. Not for import: the JSON backup
 * is the exact copy.
 */
export const DATA_FORMAT = 'digital-city-hall-board/data';
export const DATA_VERSION = 1;

/** ms since the epoch as an ISO date-time; null for an unknown time (0). */
type IsoTime = string | null;

export interface BoardData {
  format: typeof DATA_FORMAT;
  version: typeof DATA_VERSION;
  exportedAt: string;
  board: { id: string; title: string };
  /**
   * The board's period: as the documents print it (the shortlist's name, the period in 令和…年度 with the Western
   * years) and as fiscal years (the Western year each starts in).
   */
  period: { name: string; shortlist: string; firstFiscalYear: number; lastFiscalYear: number };
  /** The plan and its period the board is for, or null outside a plan. */
  plan: { name: string; periodName: string } | null;
  /** Whether `notes[].authorName` is filled (the facilitator's export setting). */
  authorNames: boolean;
  /** The words of the board's fixed vocabularies, as the facilitator labelled them. */
  labels: {
    lanes: Record<LaneKind, string>;
    quadrants: Record<Quadrant, string>;
    priorities: Record<Priority, string>;
    statuses: Record<InitiativeStatus, string>;
  };
  pillars: { id: string; title: string; archived: boolean }[];
  notes: {
    id: string;
    text: string;
    pillarId: string | null;
    lane: LaneKind | null;
    groupId: string | null;
    authorName: string | null;
    createdAt: IsoTime;
  }[];
  groups: { id: string; title: string; pillarId: string; noteIds: string[] }[];
  /** Revealed rounds only, oldest first; each item's dots as published at the reveal. */
  rounds: {
    number: number;
    revealedAt: IsoTime;
    voters: number;
    budget: number;
    totals: {
      itemId: string;
      kind: 'group' | 'note';
      label: string;
      pillarId: string | null;
      count: number;
      rank: number;
      tied: boolean;
    }[];
  }[];
  /** Revealed scoring rounds only, oldest first: each covered item's published medians, quartiles and count. */
  scoringRounds: {
    number: number;
    revealedAt: IsoTime;
    scorers: number;
    items: {
      itemId: string;
      kind: 'group' | 'note';
      label: string;
      pillarId: string | null;
      count: number;
      effect: { median: number; q1: number; q3: number } | null;
      ease: { median: number; q1: number; q3: number } | null;
      spread: number | null;
    }[];
  }[];
  /** Items placed on the priority matrix: x 実現しやすさ (feasibility, 1 easiest), y 効果 (impact, 1 highest). */
  matrix: { itemId: string; kind: 'group' | 'note'; x: number; y: number; quadrant: Quadrant }[];
  shortlist: {
    itemId: string;
    kind: 'group' | 'note';
    label: string;
    pillarId: string | null;
    quadrant: Quadrant | null;
    votes: number | null;
  }[];
  initiatives: ({
    id: string;
    pillarId: string | null;
    priority: Priority;
    status: InitiativeStatus;
    fiscalYears: number[];
    source: { itemId: string; kind: 'group' | 'note'; noteIds: string[] } | null;
    createdAt: IsoTime;
    /** Reserved: an initiative of this board is verified on its continued card in the next period's board. */
    verification: null;
  } & Record<InitiativeTextField, string>)[];
  /** The previous period's initiatives (「前期からの継続」) with their verification (検証). */
  continued: {
    id: string;
    from: ContinuedFrom;
    title: string;
    indicator: string;
    targetValue: string;
    department: string;
    pillarId: string | null;
    verification: {
      result: VerificationResult | null;
      actual: string;
      /** The actual value is not a number where the target is one (kept as typed). */
      actualNotNumeric: boolean;
      comment: string;
      verifiedByName: string | null;
      verifiedAt: IsoTime;
    };
  }[];
}

const iso = (time: number | null): IsoTime => (time && time > 0 ? new Date(time).toISOString() : null);
/** Other tools call a cluster a group, as the board's own words do (グループ). */
const kindOf = (kind: 'cluster' | 'note') => (kind === 'cluster' ? 'group' : 'note');
const record = <K extends string>(keys: readonly K[], value: (key: K) => string) =>
  Object.fromEntries(keys.map((key) => [key, value(key)])) as Record<K, string>;

export function buildBoardData(
  board: Y.Doc,
  settings: Y.Doc,
  options: { boardId: string; exportedAt: number },
): BoardData {
  // The report decides the periods, the author-name setting and the labels, as for every other document.
  const report = buildPlanReport(board, settings, { exportedAt: options.exportedAt });
  const labels = reportLabels(settings, translator('ja'), 'ja', options.exportedAt);
  const period = readBoardPeriod(settings, options.exportedAt);
  // In a stable order (pillar, groups before loose notes, id), whatever order the document's map holds them in:
  // two exports of the same board are the same file.
  const pillarIndex = new Map(allPillars(settings).map((p, index) => [p.id, index]));
  const rank = (pillarId: string | null) =>
    pillarId === null ? Number.MAX_SAFE_INTEGER : (pillarIndex.get(pillarId) ?? Number.MAX_SAFE_INTEGER - 1);
  const items = listItems(board).sort(
    (a, b) =>
      rank(a.pillarId) - rank(b.pillarId) ||
      (a.kind === b.kind ? 0 : a.kind === 'cluster' ? -1 : 1) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const rounds = readVotingRounds(settings);
  const revealed = revealedRounds(rounds);
  const positions = itemPositions(items, readMatrixPositions(board));
  const planOrder = new Map(report.initiativeList.map((initiative, index) => [initiative.id, index]));
  return {
    format: DATA_FORMAT,
    version: DATA_VERSION,
    exportedAt: new Date(options.exportedAt).toISOString(),
    board: { id: options.boardId, title: report.title },
    period: {
      name: report.planPeriod,
      shortlist: report.targetPeriod,
      firstFiscalYear: period.first,
      lastFiscalYear: period.last,
    },
    plan: report.plan,
    authorNames: report.authorNames,
    labels: {
      lanes: record(LANE_KINDS, (lane) => labels.lane(lane)),
      quadrants: record(QUADRANTS, (quadrant) => labels.quadrant(quadrant)),
      priorities: record(PRIORITIES, (priority) => labels.priority(priority)),
      statuses: record(INITIATIVE_STATUSES, (status) => labels.status(status)),
    },
    pillars: allPillars(settings).map((p) => ({ id: p.id, title: p.title, archived: p.archivedAt !== null })),
    notes: items.flatMap((item) =>
      (item.kind === 'cluster' ? item.notes : [item.note]).map((note) => ({
        id: note.id,
        text: note.text,
        pillarId: note.place?.pillarId ?? null,
        lane: note.place?.lane ?? null,
        groupId: item.kind === 'cluster' ? item.id : null,
        authorName: report.authorNames && note.authorName !== '' ? note.authorName : null,
        createdAt: iso(note.createdAt),
      })),
    ),
    groups: items.flatMap((item) =>
      item.kind === 'cluster'
        ? [{ id: item.id, title: itemLabel(item), pillarId: item.pillarId, noteIds: item.notes.map((n) => n.id) }]
        : [],
    ),
    rounds: [...revealed].reverse().map((round) => ({
      number: round.number,
      revealedAt: iso(round.revealedAt),
      voters: round.voters ?? 0,
      budget: round.budget,
      totals: rankTotals(round.totals ?? []).map((total) => ({
        itemId: total.itemId,
        kind: kindOf(total.kind),
        label: total.label,
        pillarId: total.pillarId,
        count: total.count,
        rank: total.rank,
        tied: total.tied,
      })),
    })),
    scoringRounds: dataScoringRounds(settings, { iso, kindOf }),
    matrix: items.flatMap((item) => {
      const position = positions.get(item.id);
      return position
        ? [{ itemId: item.id, kind: kindOf(item.kind), ...position, quadrant: quadrantOf(position) }]
        : [];
    }),
    shortlist: shortlistEntries(board, settings, items, revealed[0]?.number ?? null, rounds),
    // In the plan's order (pillar, then 高/中/低, then order), as every document lists them.
    initiatives: listInitiatives(board)
      .sort((a, b) => (planOrder.get(a.id) ?? 0) - (planOrder.get(b.id) ?? 0))
      .map(initiativeData),
    continued: listContinued(board).map((card) => ({
      id: card.id,
      from: card.from,
      title: card.title,
      indicator: card.indicator,
      targetValue: card.targetValue,
      department: card.department,
      pillarId: card.pillarId,
      verification: {
        result: card.verification.result,
        actual: card.verification.actual,
        actualNotNumeric: actualNotNumeric(card),
        comment: card.verification.comment,
        // Who verified is a person's name: shown as the author names are, only when the facilitator allows it.
        verifiedByName: report.authorNames ? card.verification.verifiedByName || null : null,
        verifiedAt: iso(card.verification.verifiedAt),
      },
    })),
  };
}

/** The shortlist in the order every view and document lists it, with the dots of the latest revealed round. */
function shortlistEntries(
  board: Y.Doc,
  settings: Y.Doc,
  items: BoardItem[],
  roundNumber: number | null,
  rounds: ReturnType<typeof readVotingRounds>,
): BoardData['shortlist'] {
  return shortlistByPillar(board, settings, roundNumber, items, rounds).flatMap((group) =>
    group.entries.map((entry) => ({
      itemId: entry.item.id,
      kind: kindOf(entry.item.kind),
      label: entry.label,
      pillarId: entry.item.pillarId,
      quadrant: entry.quadrant,
      votes: entry.votes,
    })),
  );
}

function initiativeData(initiative: Initiative): BoardData['initiatives'][number] {
  const source = initiative.source;
  return {
    id: initiative.id,
    ...record(INITIATIVE_TEXT_FIELDS, (field) => initiative.fields[field]),
    pillarId: initiative.place?.pillarId ?? null,
    priority: initiative.place?.priority ?? 'medium',
    status: initiative.status,
    fiscalYears: [...initiative.fiscalYears],
    source: source ? { itemId: source.itemId, kind: kindOf(source.kind), noteIds: [...source.noteIds] } : null,
    createdAt: iso(initiative.createdAt),
    verification: null,
  };
}
