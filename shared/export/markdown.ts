import type { PlanReport, ReportInitiative, ReportItem, ReportLane } from './reportTypes.js';

/**
 * The board as meeting minutes in Markdown: the draft initiatives, the shortlist, the notes by pillar and group
 * with their dots, the vote results and the meeting plan. Pure, so the client could build the same file.
 */

/**
 * Every ASCII character with a meaning in CommonMark or GitHub's extensions (headings, emphasis, links and
 * images, HTML and entities, lists, quotes, tables, strikethrough, setext underlines, autolinks with `:` or
 * `@`). A backslash before any ASCII punctuation is a literal in CommonMark, so escaping more than needed is
 * harmless, and a note can never become a heading, a link or HTML. Parentheses and quotes are left alone: they
 * only matter after a `]`, which is escaped, and Japanese notes use them often.
 */
const SPECIAL = /[\\`*_{}[\]#+\-.!|<>~&:@=]/g;

/** One line of user text, escaped; leading spaces dropped (four of them would start a code block). */
export function escapeMarkdown(line: string): string {
  return (
    line
      .trimStart()
      .replace(/\t/g, ' ')
      .replace(SPECIAL, (c) => `\\${c}`)
      // 「1) 」 at the start of a line is an ordered list item too (CommonMark allows `)` as well as `.`);
      // parentheses are left alone elsewhere.
      .replace(/^(\d{1,9})\)/, '$1\\)')
  );
}

const linesOf = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .map(escapeMarkdown)
    .filter((line) => line.trim() !== '');

/**
 * Any text from the board on one line (a heading, a table cell, a label in parentheses): the notes and titles,
 * and also the facilitator's labels (quadrants, target period, lanes) and our own generated words (kinds,
 * priorities, dates, fiscal years), escaped alike so no label ever reaches the file as Markdown.
 */
const oneLine = (text: string) => linesOf(text).join(' ');

/** User text in a list item: its lines kept, as hard line breaks indented under the item. */
const block = (text: string, indent: string) => linesOf(text).join(`\\\n${indent}`);

function itemFacts(report: PlanReport, item: ReportItem): string {
  const { t } = report;
  const facts: string[] = [];
  if (item.votes !== null) facts.push(t('export.votes', { count: item.votes }));
  facts.push(oneLine(item.quadrantLabel));
  if (item.shortlisted) facts.push(t('export.shortlistedMark'));
  return `（${facts.join('・')}）`;
}

function laneLines(report: PlanReport, lanes: readonly ReportLane[], withItemFacts: boolean): string[] {
  const out: string[] = [];
  for (const lane of lanes) {
    out.push(`- ${oneLine(lane.label)}`);
    for (const note of lane.notes) {
      const author = note.authorName.trim() === '' ? '' : ` — ${oneLine(note.authorName)}`;
      const facts = withItemFacts ? itemFacts(report, note.item) : '';
      out.push(`  - ${block(note.text, '    ')}${author}${facts}`);
    }
  }
  return out;
}

function notesSection(report: PlanReport): string[] {
  const { t } = report;
  const out = [`## ${t('export.section.notes')}`, ''];
  if (report.votesRound !== null) out.push(t('export.votesBasis', { number: report.votesRound }), '');
  for (const pillar of report.pillars) {
    out.push(`### ${oneLine(pillar.title)}`, '');
    if (pillar.noteCount === 0) out.push(t('export.emptyPillar'), '');
    for (const cluster of pillar.clusters) {
      out.push(`#### ${t('export.cluster', { title: oneLine(cluster.title) })}${itemFacts(report, cluster.item)}`, '');
      out.push(...laneLines(report, cluster.lanes, false), '');
    }
    if (pillar.loose.length > 0) {
      out.push(`#### ${t('export.looseNotes')}`, '', ...laneLines(report, pillar.loose, true), '');
    }
  }
  return out;
}

function shortlistSection(report: PlanReport): string[] {
  const { t } = report;
  const out = [`## ${t('export.section.shortlist', { period: oneLine(report.targetPeriod) })}`, ''];
  if (report.shortlist.length === 0) return [...out, t('export.noShortlist'), ''];
  for (const group of report.shortlist) {
    out.push(`### ${oneLine(group.pillarTitle)}`, '');
    for (const entry of group.entries) {
      const facts = [oneLine(entry.kindLabel), oneLine(entry.quadrantLabel)];
      if (entry.votes !== null) facts.push(t('export.votes', { count: entry.votes }));
      out.push(`- ${oneLine(entry.label)}（${facts.join('・')}）`);
    }
    out.push('');
  }
  return out;
}

function initiativeLines(report: PlanReport, initiative: ReportInitiative): string[] {
  const { t } = report;
  const { fields, source } = initiative;
  const field = (label: string, text: string) =>
    `- **${label}**: ${text.trim() === '' ? t('export.notSet') : block(text, '  ')}`;
  const out = [
    `##### ${oneLine(fields.title) || t('export.notSet')}`,
    '',
    field(t('export.field.problems'), fields.problems),
    field(t('export.field.goal'), fields.goal),
    field(t('export.field.indicator'), fields.indicator),
    field(t('export.field.targetValue'), fields.targetValue),
    field(t('export.field.content'), fields.content),
    `- **${t('export.field.fiscalYears')}**: ${oneLine(initiative.fiscalYearsLabel) || t('export.notSet')}`,
    field(t('export.field.department'), fields.department),
    `- **${t('export.field.status')}**: ${oneLine(initiative.statusLabel)}`,
  ];
  if (source) {
    const facts = [oneLine(source.kindLabel), oneLine(source.quadrantLabel)];
    if (source.votes !== null) facts.push(t('export.votes', { count: source.votes }));
    out.push(`- **${t('export.field.source')}**: ${oneLine(source.label)}（${facts.join('・')}）`);
  }
  return [...out, ''];
}

function initiativesSection(report: PlanReport): string[] {
  const { t } = report;
  const out = [`## ${t('export.section.initiatives')}`, ''];
  if (report.initiativeList.length === 0) out.push(t('export.noInitiatives'), '');
  for (const group of report.initiatives) {
    if (group.priorities.every((p) => p.initiatives.length === 0)) continue;
    out.push(`### ${oneLine(group.pillarTitle)}`, '');
    for (const priority of group.priorities) {
      if (priority.initiatives.length === 0) continue;
      out.push(`#### ${t('export.priorityGroup', { priority: oneLine(priority.label) })}`, '');
      for (const initiative of priority.initiatives) out.push(...initiativeLines(report, initiative));
    }
  }
  return out;
}

function resultsSection(report: PlanReport): string[] {
  const { t } = report;
  const out = [`## ${t('export.section.results')}`, ''];
  if (report.rounds.length === 0) return [...out, t('export.noRounds'), ''];
  for (const round of report.rounds) {
    out.push(`### ${oneLine(round.title)}`, '', oneLine(round.detail), '');
    if (round.rows.length === 0) {
      out.push(t('export.noDots'), '');
      continue;
    }
    const header = [
      t('export.column.rank'),
      t('export.column.item'),
      t('export.column.pillar'),
      t('export.column.dots'),
    ];
    out.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
    for (const row of round.rows) {
      const rank = row.tied ? `${row.rank}（${t('export.tied')}）` : String(row.rank);
      out.push(`| ${rank} | ${oneLine(row.label)} | ${oneLine(row.pillarTitle)} | ${row.count} |`);
    }
    out.push('');
  }
  return out;
}

function meetingsSection(report: PlanReport): string[] {
  const { t } = report;
  if (report.meetings.length === 0) return [];
  const out = [`## ${t('export.section.meetings')}`, ''];
  for (const meeting of report.meetings) {
    const title = oneLine(meeting.title);
    const named = meeting.date === '' ? title : t('export.meetingDate', { title, date: oneLine(meeting.date) });
    const task = meeting.task.trim() === '' ? '' : `: ${oneLine(meeting.task)}`;
    const produces =
      meeting.produces.trim() === ''
        ? ''
        : ` — ${t('export.meetingProduces', { produces: oneLine(meeting.produces) })}`;
    out.push(`- ${named}${task}${produces}`);
  }
  return [...out, ''];
}

/** The Markdown file (`format=md`), LF line ends, ending with one newline. */
export function planMarkdown(report: PlanReport): string {
  const { t } = report;
  const head = [
    `# ${oneLine(report.title)} ${t('export.planTitle')}`,
    '',
    t('export.exportedAt', { date: oneLine(report.exportedDate) }),
  ];
  head.push('', t('export.targetPeriod', { period: oneLine(report.targetPeriod) }));
  if (report.planPeriod !== '') head.push('', t('export.planPeriod', { period: oneLine(report.planPeriod) }));
  const lines = [
    ...head,
    '',
    ...initiativesSection(report),
    ...shortlistSection(report),
    ...notesSection(report),
    ...resultsSection(report),
    ...meetingsSection(report),
  ];
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
