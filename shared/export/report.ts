import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import { type Lang, type Translate, translator } from '../i18n/index.js';
import { initiativesByPillar, initiativesFedBy, listInitiatives } from '../initiatives.js';
import { type BoardItem, compareClusterMembers, itemLabel, listItems, resolveItems } from '../items.js';
import { periodInDocuments } from '../periodText.js';
import { itemMarks, itemPositions, itemVotes, revealedRounds } from '../prioritizing.js';
import { readBoardPlan } from '../records/boardPlan.js';
import { authorNamesExported } from '../records/exportPolicy.js';
import type { Initiative } from '../records/initiative.js';
import { LANE_KINDS, type LaneKind } from '../records/lane.js';
import { quadrantOf, readMatrixPositions } from '../records/matrix.js';
import { listMeetings } from '../records/meeting.js';
import type { Note } from '../records/note.js';
import { readBoardPeriod } from '../records/period.js';
import type { Pillar } from '../records/pillar.js';
import { readShortlist } from '../records/shortlist.js';
import { rankTotals, readVotingRounds, type VotingRound } from '../records/voting.js';
import { allPillars, boardTitle } from '../selectors.js';
import { shortlistByPillar } from '../shortlist.js';
import { reportContinued } from './reportContinued.js';
import { type ReportLabels, reportLabels } from './reportLabels.js';
import { reportScoringRounds } from './reportScoring.js';
import type {
  PlanReport,
  ReportCluster,
  ReportInitiative,
  ReportItem,
  ReportLane,
  ReportNote,
  ReportPillar,
  ReportRound,
  ReportSource,
} from './reportTypes.js';

export type * from './reportTypes.js';

export interface ReportOptions {
  /** When the export is made (ms): printed, and the only input that is not the two documents. */
  exportedAt: number;
  /** Japanese is the export language; English exists so the wording can follow the UI one day. */
  lang?: Lang;
}

/** Everything the per-export reads share: one read of each record, reused by every part of the report. */
interface Context {
  t: Translate;
  labels: ReportLabels;
  items: BoardItem[];
  pillars: Pillar[];
  pillarTitle: (pillarId: string | null) => string;
  reportItems: Map<string, ReportItem>;
  /** Any id a source may name (item, or a note now in a group) → the item it counts for now. */
  resolved: Map<string, BoardItem>;
  titleOf: Map<string, string>;
  fed: Map<string, string[]>;
  /** The facilitator's export setting: without it every note's author is '' in the report. */
  authorNames: boolean;
}

const JST_MS = 9 * 3600_000;

/**
 * The plan report of a board, built only through the selectors the views use (items, votes, matrix,
 * shortlist, initiatives), so an export shows what the board shows. Pure: no clock, no Node APIs.
 */
export function buildPlanReport(board: Y.Doc, settings: Y.Doc, options: ReportOptions): PlanReport {
  const lang = options.lang ?? 'ja';
  const t = translator(lang);
  const labels = reportLabels(settings, t, lang, options.exportedAt);
  const boardPlan = readBoardPlan(settings);
  const items = listItems(board);
  const rounds = readVotingRounds(settings);
  const latest = revealedRounds(rounds)[0] ?? null;
  const initiatives = listInitiatives(board);
  const pillars = allPillars(settings);
  const byId = new Map(pillars.map((p) => [p.id, p]));
  const pillarTitle = (pillarId: string | null) => {
    const pillar = pillarId === null ? undefined : byId.get(pillarId);
    if (!pillar) return t('export.pillarUnknown');
    return pillar.archivedAt === null ? pillar.title : t('export.pillarArchived', { title: pillar.title });
  };
  const titleOf = new Map(initiatives.map((i) => [i.id, i.fields.title]));
  const fed = initiativesFedBy(board, initiatives);
  const ctx: Context = {
    t,
    labels,
    items,
    pillars,
    pillarTitle,
    reportItems: new Map(),
    resolved: resolveItems(items),
    titleOf,
    fed,
    authorNames: authorNamesExported(settings),
  };
  fillItems(ctx, board, latest);

  const initiativeGroups = initiativesByPillar(board, settings, initiatives).map((group) => ({
    pillarTitle: group.pillar ? pillarTitle(group.pillar.id) : t('export.pillarUnknown'),
    priorities: group.priorities.map((p) => ({
      priority: p.priority,
      label: labels.priority(p.priority),
      initiatives: p.initiatives.map((i) => reportInitiative(ctx, i, latest)),
    })),
  }));
  const shortlist = shortlistByPillar(board, settings, latest?.number ?? null, items, rounds).map((group) => ({
    pillarTitle: group.pillar ? pillarTitle(group.pillar.id) : t('export.pillarUnknown'),
    entries: group.entries.map((entry) => ({
      label: entry.label,
      kindLabel: t(`export.kind.${entry.item.kind}`),
      quadrantLabel: labels.quadrant(entry.quadrant),
      votes: entry.votes,
    })),
  }));
  return {
    lang,
    t,
    title: boardTitle(settings),
    authorNames: ctx.authorNames,
    exportedAt: options.exportedAt,
    exportedDate: labels.date(options.exportedAt),
    exportedIsoDate: new Date(options.exportedAt + JST_MS).toISOString().slice(0, 10),
    targetPeriod: labels.targetPeriod,
    planPeriod: periodInDocuments(readBoardPeriod(settings, options.exportedAt), lang),
    plan: boardPlan ? { name: boardPlan.name, periodName: boardPlan.period.name } : null,
    votesRound: latest?.number ?? null,
    pillars: reportPillars(ctx),
    shortlist,
    initiatives: initiativeGroups,
    initiativeList: initiativeGroups.flatMap((g) => g.priorities.flatMap((p) => p.initiatives)),
    rounds: revealedRounds(rounds)
      .reverse()
      .map((round) => reportRound(ctx, round)),
    scoringRounds: reportScoringRounds(settings, ctx),
    meetings: listMeetings(settingsRoots.meetings(settings)).map((m) => ({
      title: m.title,
      date: m.date === '' ? '' : labels.date(Date.parse(`${m.date}T00:00:00+09:00`)),
      task: m.task,
      produces: m.produces,
    })),
    continued: reportContinued(board, {
      t,
      lang,
      pillars,
      pillarTitle,
      date: labels.date,
      authorNames: ctx.authorNames,
    }),
  };
}

const titlesOf = (ctx: Context, id: string) =>
  (ctx.fed.get(id) ?? []).map((initiativeId) => ctx.titleOf.get(initiativeId) ?? '');

/** Votes, quadrant, shortlist mark and initiatives of every item, keyed by item id. */
function fillItems(ctx: Context, board: Y.Doc, round: VotingRound | null): void {
  const votes = itemVotes(ctx.items, round);
  const positions = itemPositions(ctx.items, readMatrixPositions(board));
  const marks = itemMarks(ctx.items, readShortlist(board));
  for (const item of ctx.items) {
    const position = positions.get(item.id);
    const quadrant = position ? quadrantOf(position) : null;
    ctx.reportItems.set(item.id, {
      id: item.id,
      kind: item.kind,
      kindLabel: ctx.t(`export.kind.${item.kind}`),
      label: itemLabel(item),
      votes: round ? (votes.get(item.id) ?? 0) : null,
      quadrant,
      quadrantLabel: ctx.labels.quadrant(quadrant),
      shortlisted: marks.has(item.id),
      initiativeTitles: titlesOf(ctx, item.id),
    });
  }
}

function reportNote(ctx: Context, note: Note, item: BoardItem, pillarTitle: string): ReportNote {
  const lane = note.place?.lane ?? null;
  const reportItem = ctx.reportItems.get(item.id)!;
  return {
    id: note.id,
    text: note.text,
    authorName: ctx.authorNames ? note.authorName : '',
    lane,
    laneLabel: ctx.labels.lane(lane),
    createdAt: note.createdAt,
    createdDate: ctx.labels.date(note.createdAt),
    pillarTitle,
    clusterTitle: item.kind === 'cluster' ? reportItem.label : null,
    item: reportItem,
    initiativeTitles: titlesOf(ctx, note.id),
  };
}

/** Groups notes by lane (課題, 達成目標, アイデア, then notes without a lane), keeping only lanes with notes. */
function byLane(ctx: Context, notes: readonly ReportNote[]): ReportLane[] {
  const lanes: (LaneKind | null)[] = [...LANE_KINDS, null];
  return lanes
    .map((lane) => ({ lane, label: ctx.labels.lane(lane), notes: notes.filter((n) => n.lane === lane) }))
    .filter((group) => group.notes.length > 0);
}

/**
 * Active pillars in order (each listed, even without notes), then archived pillars that still have notes,
 * then the notes whose pillar nobody knows.
 */
function reportPillars(ctx: Context): ReportPillar[] {
  const known = new Set(ctx.pillars.map((p) => p.id));
  const keyOf = (item: BoardItem) => (item.pillarId !== null && known.has(item.pillarId) ? item.pillarId : null);
  const build = (id: string | null): ReportPillar => {
    const title = ctx.pillarTitle(id);
    const clusters: ReportCluster[] = [];
    const loose: { note: Note; item: BoardItem }[] = [];
    for (const item of ctx.items) {
      if (keyOf(item) !== id) continue;
      if (item.kind === 'note') {
        loose.push({ note: item.note, item });
        continue;
      }
      const notes = item.notes.map((n) => reportNote(ctx, n, item, title));
      const reportItem = ctx.reportItems.get(item.id)!;
      clusters.push({ item: reportItem, title: reportItem.label, lanes: byLane(ctx, notes) });
    }
    loose.sort((a, b) => compareClusterMembers(a.note, b.note));
    const looseNotes = loose.map(({ note, item }) => reportNote(ctx, note, item, title));
    const clustered = clusters.reduce((sum, c) => sum + c.lanes.reduce((n, lane) => n + lane.notes.length, 0), 0);
    return { id, title, clusters, loose: byLane(ctx, looseNotes), noteCount: clustered + looseNotes.length };
  };
  const out = ctx.pillars.filter((p) => p.archivedAt === null).map((p) => build(p.id));
  for (const pillar of ctx.pillars.filter((p) => p.archivedAt !== null)) {
    const group = build(pillar.id);
    if (group.noteCount > 0) out.push(group);
  }
  const unknown = build(null);
  if (unknown.noteCount > 0) out.push(unknown);
  return out;
}

function reportSource(ctx: Context, initiative: Initiative, round: VotingRound | null): ReportSource | null {
  const source = initiative.source;
  if (!source) return null;
  const live = ctx.resolved.get(source.itemId);
  const item = live ? ctx.reportItems.get(live.id) : undefined;
  if (item) {
    return {
      label: item.label,
      kindLabel: item.kindLabel,
      votes: item.votes,
      roundNumber: round?.number ?? null,
      quadrantLabel: item.quadrantLabel,
      gone: false,
    };
  }
  return {
    label: ctx.t('export.sourceGone'),
    kindLabel: ctx.t(`export.kind.${source.kind}`),
    votes: source.votes,
    roundNumber: source.roundNumber,
    quadrantLabel: ctx.labels.quadrant(source.quadrant),
    gone: true,
  };
}

function reportInitiative(ctx: Context, initiative: Initiative, round: VotingRound | null): ReportInitiative {
  const priority = initiative.place?.priority ?? 'medium';
  return {
    id: initiative.id,
    fields: { ...initiative.fields },
    pillarTitle: ctx.pillarTitle(initiative.place?.pillarId ?? null),
    priority,
    priorityLabel: ctx.labels.priority(priority),
    status: initiative.status,
    statusLabel: ctx.labels.status(initiative.status),
    fiscalYears: initiative.fiscalYears,
    fiscalYearsLabel: ctx.labels.fiscalYears(initiative.fiscalYears),
    source: reportSource(ctx, initiative, round),
    createdAt: initiative.createdAt,
    createdDate: ctx.labels.date(initiative.createdAt),
  };
}

function reportRound(ctx: Context, round: VotingRound): ReportRound {
  const revealedDate = ctx.labels.date(round.revealedAt ?? 0);
  return {
    number: round.number,
    title: ctx.t('export.round', { number: round.number }),
    detail: ctx.t('export.roundDetail', { date: revealedDate, voters: round.voters ?? 0, budget: round.budget }),
    voters: round.voters ?? 0,
    budget: round.budget,
    revealedAt: round.revealedAt ?? 0,
    revealedDate,
    rows: rankTotals(round.totals ?? []).map((total) => ({
      rank: total.rank,
      tied: total.tied,
      label: total.label,
      kindLabel: ctx.t(`export.kind.${total.kind}`),
      pillarTitle: ctx.pillarTitle(total.pillarId),
      count: total.count,
    })),
  };
}
