import { HeadingLevel, type Paragraph, type Table } from 'docx';
import type { PlanReport } from '../../shared/export/report.js';
import { reportNotes } from '../../shared/export/rows.js';
import { formatScore } from '../../shared/scoring.js';
import { dataTable, heading, plain } from './docxParts.js';

/**
 * The sections of the Word plan that are tables of the board's decisions: the shortlist (取り組み候補) and the
 * vote results (投票結果), and the table of authors that ends the appendix.
 */

/** 取り組み候補: by pillar, each entry with its kind, quadrant and dots. */
export function shortlistSection(report: PlanReport): (Paragraph | Table)[] {
  const { t } = report;
  const out: (Paragraph | Table)[] = [
    heading(t('export.section.shortlist', { period: report.targetPeriod }), HeadingLevel.HEADING_1, true),
  ];
  if (report.shortlist.length === 0) return [...out, plain(t('export.noShortlist'))];
  const header = [
    t('export.column.item'),
    t('export.column.kind'),
    t('export.column.quadrant'),
    t('export.column.dots'),
  ];
  for (const group of report.shortlist) {
    out.push(heading(group.pillarTitle, HeadingLevel.HEADING_2));
    const rows = group.entries.map((entry) => [
      entry.label,
      entry.kindLabel,
      entry.quadrantLabel,
      entry.votes ?? t('export.noVotes'),
    ]);
    out.push(dataTable(header, rows, [0.52, 0.12, 0.24, 0.12]), plain(''));
  }
  return out;
}

/** 投票結果: every revealed round, oldest first, by rank (ties marked 同率). */
export function resultsSection(report: PlanReport): (Paragraph | Table)[] {
  const { t } = report;
  const out: (Paragraph | Table)[] = [heading(t('export.section.results'), HeadingLevel.HEADING_1, true)];
  if (report.rounds.length === 0) return [...out, plain(t('export.noRounds'))];
  const header = [
    t('export.column.rank'),
    t('export.column.item'),
    t('export.column.kind'),
    t('export.column.pillar'),
    t('export.column.dots'),
  ];
  for (const round of report.rounds) {
    out.push(heading(round.title, HeadingLevel.HEADING_2), plain(round.detail));
    if (round.rows.length === 0) {
      out.push(plain(t('export.noDots')));
      continue;
    }
    const rows = round.rows.map((row) => [
      row.tied ? `${row.rank}（${t('export.tied')}）` : row.rank,
      row.label,
      row.kindLabel,
      row.pillarTitle,
      row.count,
    ]);
    out.push(dataTable(header, rows, [0.14, 0.44, 0.1, 0.22, 0.1]), plain(''));
  }
  return out;
}

/** 採点結果: every revealed scoring round, oldest first: each item's medians with their quartiles, spread and count. */
export function scoringSection(report: PlanReport): (Paragraph | Table)[] {
  const { t } = report;
  if (report.scoringRounds.length === 0) return [];
  const out: (Paragraph | Table)[] = [
    heading(t('export.section.scoring'), HeadingLevel.HEADING_1, true),
    plain(t('export.scoringExplain')),
  ];
  const range = (axis: { median: number; q1: number; q3: number } | null) =>
    axis ? `${formatScore(axis.median)}（${formatScore(axis.q1)}〜${formatScore(axis.q3)}）` : '—';
  for (const round of report.scoringRounds) {
    const header = [
      t('export.column.item'),
      t('export.column.pillar'),
      t('export.column.medianRange', { axis: round.axes.effect }),
      t('export.column.medianRange', { axis: round.axes.ease }),
      t('export.column.spread'),
      t('export.column.scorers'),
    ];
    const rows = round.rows.map((row) => [
      row.label,
      row.pillarTitle,
      range(row.effect),
      range(row.ease),
      row.spread === null ? '—' : formatScore(row.spread),
      row.count,
    ]);
    out.push(
      heading(round.title, HeadingLevel.HEADING_2),
      plain(round.detail),
      dataTable(header, rows, [0.34, 0.16, 0.17, 0.17, 0.08, 0.08]),
      plain(''),
    );
  }
  return out;
}

/**
 * 書いた人: one table at the end of the appendix (note → author) instead of a byline under every note; when the
 * facilitator does not export author names, a sentence saying they were left out.
 */
export function authorsSection(report: PlanReport): (Paragraph | Table)[] {
  const { t } = report;
  const out: (Paragraph | Table)[] = [heading(t('export.authors.heading'), HeadingLevel.HEADING_2)];
  if (!report.authorNames) return [...out, plain(t('export.authors.omitted'))];
  const named = reportNotes(report).filter((note) => note.authorName.trim() !== '');
  if (named.length === 0) return [...out, plain(t('export.authors.none'))];
  const header = [t('export.column.pillar'), t('export.column.text'), t('export.column.author')];
  const rows = named.map((note) => [note.pillarTitle, note.text, note.authorName]);
  return [...out, dataTable(header, rows, [0.22, 0.56, 0.22])];
}
