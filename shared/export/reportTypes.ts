import type { Lang, Translate } from '../i18n/index.js';
import type { ItemKind } from '../items.js';
import type { InitiativeStatus, InitiativeTextField, Priority } from '../records/initiative.js';
import type { LaneKind } from '../records/lane.js';
import type { Quadrant } from '../records/matrix.js';
import type { ReportContinued } from './reportContinued.js';

/**
 * The plan report: everything the document exports print, already ordered and labelled, as plain data. Every
 * exporter (Word, Excel, CSV, Markdown) formats this one model, so they cannot disagree on an order, a count or
 * a label. Text typed by people is kept as typed: each format escapes it for itself.
 */
export interface PlanReport {
  lang: Lang;
  /** The translator of `lang`, for the words a format adds around the data (headings, column names). */
  t: Translate;
  title: string;
  /**
   * Whether the facilitator lets the documents name who wrote each note (shared/records/exportPolicy.ts); when
   * not, every `ReportNote.authorName` is ''.
   */
  authorNames: boolean;
  exportedAt: number;
  /** 「令和8年11月26日 (2026年11月26日)」. */
  exportedDate: string;
  /** `2026-11-26` in Japan's time zone, for file names. */
  exportedIsoDate: string;
  /** The shortlist's name for the board's period: 「令和9〜10年度 (2027〜2028年度)に取り組む」. */
  targetPeriod: string;
  /** The board's period (shared/records/period.ts): 「令和9〜10年度 (2027〜2028年度)」. */
  planPeriod: string;
  /** The plan and its period the board is for (shared/records/boardPlan.ts), or null outside a plan. */
  plan: { name: string; periodName: string } | null;
  /** The revealed round whose dots the notes, items and shortlist show: the latest one; null before any. */
  votesRound: number | null;
  pillars: ReportPillar[];
  shortlist: ReportShortlistGroup[];
  initiatives: ReportInitiativeGroup[];
  /** The same initiatives in the same order, flat (one table row each). */
  initiativeList: ReportInitiative[];
  /** Every revealed round, oldest first. */
  rounds: ReportRound[];
  /** Every revealed scoring round, oldest first. */
  scoringRounds: ReportScoringRound[];
  meetings: ReportMeeting[];
  /** The previous period's initiatives (「前期からの継続」) and their verification, by pillar. */
  continued: ReportContinued[];
}

/** What people vote on, place and shortlist: a group (cluster) or a note in no group. */
export interface ReportItem {
  id: string;
  kind: ItemKind;
  kindLabel: string;
  label: string;
  /** Dots in `votesRound`; null when no round is revealed. */
  votes: number | null;
  quadrant: Quadrant | null;
  quadrantLabel: string;
  shortlisted: boolean;
  /** Titles of the live initiatives made from this item. */
  initiativeTitles: string[];
}

export interface ReportNote {
  id: string;
  text: string;
  /** '' when unknown, and always '' when the facilitator does not export author names. */
  authorName: string;
  lane: LaneKind | null;
  laneLabel: string;
  createdAt: number;
  createdDate: string;
  pillarTitle: string;
  /** The group's title (its first note's text when unnamed); null for a note in no group. */
  clusterTitle: string | null;
  /** The item the note counts for: its group, or itself. Votes, quadrant and mark are the item's. */
  item: ReportItem;
  /** Titles of the live initiatives this note fed (it was part of their source). */
  initiativeTitles: string[];
}

export interface ReportLane {
  lane: LaneKind | null;
  label: string;
  notes: ReportNote[];
}

export interface ReportCluster {
  item: ReportItem;
  title: string;
  /** Only lanes with notes, in lane order. */
  lanes: ReportLane[];
}

export interface ReportPillar {
  /** Null: notes whose pillar is unknown or whose place is invalid (kept, listed last). */
  id: string | null;
  title: string;
  clusters: ReportCluster[];
  /** Notes in no group, by lane; only lanes with notes. */
  loose: ReportLane[];
  noteCount: number;
}

export interface ReportShortlistEntry {
  label: string;
  kindLabel: string;
  quadrantLabel: string;
  votes: number | null;
}

export interface ReportShortlistGroup {
  pillarTitle: string;
  entries: ReportShortlistEntry[];
}

export interface ReportSource {
  /** The item's label now, or a note that it was deleted. */
  label: string;
  kindLabel: string;
  /** Live values while the item exists (as the views show them), else the ones recorded at creation. */
  votes: number | null;
  roundNumber: number | null;
  quadrantLabel: string;
  gone: boolean;
}

export interface ReportInitiative {
  id: string;
  fields: Record<InitiativeTextField, string>;
  pillarTitle: string;
  priority: Priority;
  priorityLabel: string;
  status: InitiativeStatus;
  statusLabel: string;
  fiscalYears: number[];
  /** 「令和4〜5年度 (2022〜2023年度)」, '' when not set. */
  fiscalYearsLabel: string;
  source: ReportSource | null;
  createdAt: number;
  createdDate: string;
}

export interface ReportInitiativeGroup {
  pillarTitle: string;
  priorities: { priority: Priority; label: string; initiatives: ReportInitiative[] }[];
}

export interface ReportRoundRow {
  rank: number;
  tied: boolean;
  /** What the item was called at the reveal. */
  label: string;
  kindLabel: string;
  pillarTitle: string;
  count: number;
}

export interface ReportRound {
  number: number;
  /** 第1回. */
  title: string;
  /** 「令和4年…に公開・12人が投票・1人5票」. */
  detail: string;
  voters: number;
  budget: number;
  /** ms since the epoch; 0 when unknown. */
  revealedAt: number;
  revealedDate: string;
  rows: ReportRoundRow[];
}

export interface ReportMeeting {
  title: string;
  /** Both forms, '' while not fixed. */
  date: string;
  task: string;
  produces: string;
}

/** One item's published scores in a revealed scoring round; the numbers are null when nobody scored it. */
export interface ReportScoreRow {
  /** What the item was called at the close. */
  label: string;
  kindLabel: string;
  pillarTitle: string;
  count: number;
  effect: { median: number; q1: number; q3: number } | null;
  ease: { median: number; q1: number; q3: number } | null;
  /** The larger interquartile range (意見のばらつき). */
  spread: number | null;
}

export interface ReportScoringRound {
  number: number;
  /** 第1回の採点. */
  title: string;
  /** 「令和4年…に公開・8人が採点」. */
  detail: string;
  scorers: number;
  /** The matrix's axes as named on the board (効果, 実現しやすさ). */
  axes: { effect: string; ease: string };
  revealedAt: number;
  revealedDate: string;
  /** The round's items in its order (by pillar). */
  rows: ReportScoreRow[];
}
