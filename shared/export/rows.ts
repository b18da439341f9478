import type { PlanReport, ReportInitiative, ReportNote } from './reportTypes.js';

/**
 * The tables of the plan report (notes, initiatives, vote results) as header + rows of cells, defined once so
 * the CSV files and the Excel sheets have the same columns in the same order. A number cell is a count; a date
 * cell a moment with its printed form; every string is text (each encoder neutralises text that a spreadsheet
 * would read as a formula).
 */
export type Cell = string | number | DateCell | MeasureCell;

/** A date: the CSV prints `text` (both calendars), Excel writes a real date cell of the day in Japan. */
export interface DateCell {
  /** ms since the epoch. */
  time: number;
  /** 「令和3年8月19日 (2021年8月19日)」. */
  text: string;
}

/**
 * A measured value typed with its unit (「42手続き」): Excel writes the number with a format that prints the
 * unit around it, so the cell sums and sorts as a number and reads as typed; the CSV prints `text`.
 */
export interface MeasureCell {
  value: number;
  text: string;
  /** An Excel number format: `General"手続き"`. */
  format: string;
}

export const isDateCell = (cell: Cell): cell is DateCell => typeof cell === 'object' && 'time' in cell;
export const isMeasureCell = (cell: Cell): cell is MeasureCell => typeof cell === 'object' && 'format' in cell;

/** A moment as a date cell; an unknown one (0, shown as '') stays a blank text cell. */
export const dateOrBlank = (time: number, text: string): Cell => (time > 0 && text !== '' ? { time, text } : '');

export interface Table {
  header: string[];
  rows: Cell[][];
  /** Suggested column widths in characters (Excel), one per header cell. */
  widths: number[];
}

/** Every note of the report in reading order: pillar, then its groups (lane by lane), then its loose notes. */
export function reportNotes(report: PlanReport): ReportNote[] {
  return report.pillars.flatMap((pillar) => [
    ...pillar.clusters.flatMap((cluster) => cluster.lanes.flatMap((lane) => lane.notes)),
    ...pillar.loose.flatMap((lane) => lane.notes),
  ]);
}

const countOrBlank = (value: number | null): Cell => value ?? '';

/** One row per note. 票数 is the item's (a note in a group shows its group's dots, as the board does). */
export function notesTable(report: PlanReport): Table {
  const { t } = report;
  const yesNo = (value: boolean) => (value ? t('export.yes') : t('export.no'));
  return {
    header: [
      t('export.column.pillar'),
      t('export.column.lane'),
      t('export.column.cluster'),
      t('export.column.text'),
      t('export.column.author'),
      t('export.column.votes'),
      t('export.column.quadrant'),
      t('export.column.shortlisted'),
      t('export.column.initiatives'),
      t('export.column.created'),
    ],
    rows: reportNotes(report).map((note) => [
      note.pillarTitle,
      note.laneLabel,
      note.clusterTitle ?? '',
      note.text,
      note.authorName,
      countOrBlank(note.item.votes),
      note.item.quadrantLabel,
      yesNo(note.item.shortlisted),
      note.initiativeTitles.join(t('export.listSeparator')),
      dateOrBlank(note.createdAt, note.createdDate),
    ]),
    widths: [18, 10, 24, 48, 12, 10, 16, 12, 24, 34],
  };
}

function initiativeRow(initiative: ReportInitiative): Cell[] {
  const { fields, source } = initiative;
  return [
    initiative.pillarTitle,
    initiative.priorityLabel,
    fields.title,
    fields.problems,
    fields.goal,
    fields.indicator,
    fields.targetValue,
    fields.content,
    initiative.fiscalYearsLabel,
    fields.department,
    initiative.statusLabel,
    source ? source.label : '',
    source ? countOrBlank(source.votes) : '',
    source ? source.quadrantLabel : '',
    dateOrBlank(initiative.createdAt, initiative.createdDate),
  ];
}

/** One row per initiative, in the plan's order (pillar → 高/中/低 → order), every field. */
export function initiativesTable(report: PlanReport): Table {
  const { t } = report;
  return {
    header: [
      t('export.field.pillar'),
      t('export.field.priority'),
      t('export.field.title'),
      t('export.field.problems'),
      t('export.field.goal'),
      t('export.field.indicator'),
      t('export.field.targetValue'),
      t('export.field.content'),
      t('export.field.fiscalYears'),
      t('export.field.department'),
      t('export.field.status'),
      t('export.field.source'),
      t('export.field.sourceVotes'),
      t('export.field.sourceQuadrant'),
      t('export.field.created'),
    ],
    rows: report.initiativeList.map(initiativeRow),
    widths: [18, 8, 28, 40, 40, 20, 16, 48, 30, 14, 10, 28, 10, 16, 34],
  };
}

/** Every revealed round, oldest first; within a round by rank, ties marked 同率. */
export function resultsTable(report: PlanReport): Table {
  const { t } = report;
  return {
    header: [
      t('export.column.round'),
      t('export.column.rank'),
      t('export.column.item'),
      t('export.column.kind'),
      t('export.column.pillar'),
      t('export.column.dots'),
      t('export.column.tied'),
      t('export.column.revealed'),
    ],
    rows: report.rounds.flatMap((round) =>
      round.rows.map((row) => [
        round.title,
        row.rank,
        row.label,
        row.kindLabel,
        row.pillarTitle,
        row.count,
        row.tied ? t('export.tied') : '',
        dateOrBlank(round.revealedAt, round.revealedDate),
      ]),
    ),
    widths: [10, 8, 48, 10, 18, 8, 8, 14],
  };
}

/** Every revealed scoring round, oldest first; each item's medians, quartiles, spread and count (blank: not scored). */
export function scoringTable(report: PlanReport): Table {
  const { t } = report;
  const axes = report.scoringRounds[0]?.axes ?? { effect: '', ease: '' };
  const blank = (value: number | undefined | null) => value ?? '';
  return {
    header: [
      t('export.column.round'),
      t('export.column.pillar'),
      t('export.column.kind'),
      t('export.column.item'),
      t('export.column.median', { axis: axes.effect }),
      t('export.column.q1', { axis: axes.effect }),
      t('export.column.q3', { axis: axes.effect }),
      t('export.column.median', { axis: axes.ease }),
      t('export.column.q1', { axis: axes.ease }),
      t('export.column.q3', { axis: axes.ease }),
      t('export.column.spread'),
      t('export.column.scorers'),
      t('export.column.revealed'),
    ],
    rows: report.scoringRounds.flatMap((round) =>
      round.rows.map((row) => [
        round.title,
        row.pillarTitle,
        row.kindLabel,
        row.label,
        blank(row.effect?.median),
        blank(row.effect?.q1),
        blank(row.effect?.q3),
        blank(row.ease?.median),
        blank(row.ease?.q1),
        blank(row.ease?.q3),
        blank(row.spread),
        row.count,
        dateOrBlank(round.revealedAt, round.revealedDate),
      ]),
    ),
    widths: [14, 18, 10, 48, 12, 12, 12, 12, 12, 12, 10, 10, 14],
  };
}
