import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type {
  PlanReport,
  ReportCluster,
  ReportInitiative,
  ReportItem,
  ReportLane,
} from '../../shared/export/report.js';
import {
  A4,
  BODY_FONT,
  HEADING_FONT,
  heading,
  JAPANESE,
  labelCell,
  lines,
  MARGIN,
  plain,
  TEXT_WIDTH,
} from './docxParts.js';
import { authorsSection, resultsSection, scoringSection, shortlistSection } from './docxSections.js';
import { xmlSafe } from './xmlSafe.js';

/**
 * 実施計画(案) as a Word document: a title page, one section per pillar with a table per draft initiative
 * (in the plan's order), the shortlist and the vote results, and an appendix of the notes by group with their
 * dots, ending with one table of who wrote which note (or a sentence that names were left out). A4, Japanese
 * fonts named for East Asian text so Word on a Japanese Windows lays it out as a city-hall document.
 */

const LABEL_COLUMN = 2400;
const VALUE_COLUMN = TEXT_WIDTH - LABEL_COLUMN;

function fieldRow(label: string, value: Paragraph[]): TableRow {
  return new TableRow({
    children: [
      labelCell(label, LABEL_COLUMN),
      new TableCell({ width: { size: VALUE_COLUMN, type: WidthType.DXA }, children: value }),
    ],
  });
}

function sourceText(report: PlanReport, initiative: ReportInitiative): string {
  const { t } = report;
  const source = initiative.source;
  if (!source) return t('export.notSet');
  const facts = [source.kindLabel, source.quadrantLabel];
  if (source.votes !== null) {
    const votes = t('export.votes', { count: source.votes });
    facts.push(
      source.roundNumber === null ? votes : `${votes}（${t('export.round', { number: source.roundNumber })}）`,
    );
  }
  return `${source.label}（${facts.join('・')}）`;
}

function initiativeTable(report: PlanReport, initiative: ReportInitiative): Table {
  const { t } = report;
  const { fields } = initiative;
  const value = (text: string) => (text.trim() === '' ? lines(t('export.notSet')) : lines(text));
  const indicator = [
    `${t('export.field.indicator')}: ${fields.indicator.trim() || t('export.notSet')}`,
    `${t('export.field.targetValue')}: ${fields.targetValue.trim() || t('export.notSet')}`,
  ].join('\n');
  return new Table({
    width: { size: LABEL_COLUMN + VALUE_COLUMN, type: WidthType.DXA },
    columnWidths: [LABEL_COLUMN, VALUE_COLUMN],
    rows: [
      fieldRow(t('export.field.title'), lines(fields.title.trim() || t('export.notSet'), { bold: true })),
      fieldRow(t('export.field.pillar'), lines(initiative.pillarTitle)),
      fieldRow(t('export.field.problems'), value(fields.problems)),
      fieldRow(t('export.field.goal'), value(fields.goal)),
      fieldRow(t('export.field.indicatorAndTarget'), lines(indicator)),
      fieldRow(t('export.field.content'), value(fields.content)),
      fieldRow(t('export.field.fiscalYears'), value(initiative.fiscalYearsLabel)),
      fieldRow(t('export.field.department'), value(fields.department)),
      fieldRow(t('export.field.priority'), lines(initiative.priorityLabel)),
      fieldRow(t('export.field.status'), lines(initiative.statusLabel)),
      fieldRow(t('export.field.source'), lines(sourceText(report, initiative))),
    ],
  });
}

function titlePage(report: PlanReport): Paragraph[] {
  const { t } = report;
  const centred = (text: string, size: number, bold = false) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: xmlSafe(text), size, bold, font: HEADING_FONT })],
    });
  const out = [
    new Paragraph({ spacing: { before: 3600 }, children: [] }),
    centred(report.title, 40, true),
    centred(t('export.planTitle'), 48, true),
    new Paragraph({ spacing: { before: 1200 }, children: [] }),
    centred(t('export.exportedAt', { date: report.exportedDate }), 24),
  ];
  if (report.plan) out.push(centred(t('export.plan', { plan: report.plan.name, period: report.plan.periodName }), 24));
  out.push(centred(t('export.planPeriod', { period: report.planPeriod }), 24));
  return out;
}

function initiativeSections(report: PlanReport): (Paragraph | Table)[] {
  const { t } = report;
  const out: (Paragraph | Table)[] = [];
  report.initiatives.forEach((group, index) => {
    out.push(heading(group.pillarTitle, HeadingLevel.HEADING_1, index > 0));
    if (group.priorities.every((p) => p.initiatives.length === 0)) out.push(plain(t('export.noInitiatives')));
    for (const priority of group.priorities) {
      if (priority.initiatives.length === 0) continue;
      out.push(heading(t('export.priorityGroup', { priority: priority.label }), HeadingLevel.HEADING_2));
      for (const initiative of priority.initiatives) {
        out.push(heading(initiative.fields.title.trim() || t('export.notSet'), HeadingLevel.HEADING_3));
        out.push(initiativeTable(report, initiative), new Paragraph({ children: [] }));
      }
    }
  });
  return out;
}

function itemFacts(report: PlanReport, item: ReportItem): string {
  const { t } = report;
  const facts = [item.votes === null ? t('export.noVotes') : t('export.votes', { count: item.votes })];
  facts.push(item.quadrantLabel);
  if (item.shortlisted) facts.push(t('export.shortlistedMark'));
  return `（${facts.join('・')}）`;
}

/**
 * A note as an indented bullet 「・text」, its other lines under it, and, for a note in no group, a small line
 * with its own dots and quadrant. No author here: they are in one table at the end of the appendix.
 */
function noteParagraphs(report: PlanReport, lanes: readonly ReportLane[], withFacts: boolean): Paragraph[] {
  const out: Paragraph[] = [];
  for (const lane of lanes) {
    out.push(
      new Paragraph({ indent: { left: 240 }, children: [new TextRun({ text: xmlSafe(lane.label), bold: true })] }),
    );
    for (const note of lane.notes) {
      const [first = '', ...rest] = xmlSafe(note.text).split(/\r\n|\r|\n/);
      out.push(new Paragraph({ indent: { left: 720, hanging: 240 }, children: [new TextRun(`・${first}`)] }));
      for (const line of rest) out.push(new Paragraph({ indent: { left: 720 }, children: [new TextRun(line)] }));
      if (withFacts) {
        const facts = xmlSafe(itemFacts(report, note.item));
        out.push(new Paragraph({ indent: { left: 720 }, children: [new TextRun({ text: facts, size: 18 })] }));
      }
    }
  }
  return out;
}

function clusterParagraphs(report: PlanReport, cluster: ReportCluster): Paragraph[] {
  const { t } = report;
  const title = `${t('export.cluster', { title: cluster.title })}${itemFacts(report, cluster.item)}`;
  return [heading(title, HeadingLevel.HEADING_3), ...noteParagraphs(report, cluster.lanes, false)];
}

function appendix(report: PlanReport): (Paragraph | Table)[] {
  const { t } = report;
  const out: (Paragraph | Table)[] = [heading(t('export.section.appendix'), HeadingLevel.HEADING_1, true)];
  if (report.votesRound !== null) out.push(plain(t('export.votesBasis', { number: report.votesRound })));
  else out.push(plain(t('export.noRounds')));
  for (const pillar of report.pillars) {
    out.push(heading(pillar.title, HeadingLevel.HEADING_2));
    if (pillar.noteCount === 0) out.push(plain(t('export.emptyPillar')));
    for (const cluster of pillar.clusters) out.push(...clusterParagraphs(report, cluster));
    if (pillar.loose.length > 0) {
      out.push(heading(t('export.looseNotes'), HeadingLevel.HEADING_3), ...noteParagraphs(report, pillar.loose, true));
    }
  }
  return [...out, ...authorsSection(report)];
}

const headingStyle = (size: number) => ({ run: { font: HEADING_FONT, size, bold: true, color: '1F3A5F' } });

export async function renderDocx(report: PlanReport): Promise<Uint8Array> {
  const { t } = report;
  const page = { size: A4, margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN } };
  const title = xmlSafe(`${report.title} ${t('export.planTitle')}`);
  // Word shows these as the file's properties (作成者, 最終更新者, タイトル, コメント): the board and the app, never
  // the library's "Un-named" default.
  const document = new Document({
    title,
    subject: title,
    creator: t('app.name'),
    lastModifiedBy: t('app.name'),
    description: xmlSafe(t('export.docx.description', { board: report.title, app: t('app.name') })),
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: 21, language: JAPANESE } },
        heading1: headingStyle(32),
        heading2: headingStyle(26),
        heading3: headingStyle(22),
      },
    },
    sections: [
      { properties: { page }, children: [...titlePage(report), new Paragraph({ children: [new PageBreak()] })] },
      {
        properties: { page },
        children: [
          ...(report.initiativeList.length === 0 ? [plain(t('export.noInitiatives'))] : []),
          ...initiativeSections(report),
          ...shortlistSection(report),
          ...resultsSection(report),
          ...scoringSection(report),
          ...appendix(report),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
