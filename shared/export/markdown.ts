import { breakPairs, inertLines, inertText } from './markdownText.js';
import { scoreLine } from './reportScoring.js';
import type { PlanReport, ReportInitiative, ReportItem, ReportLane } from './reportTypes.js';

/**
 * The board as a memo for the minutes (議事録メモ) in Markdown that also reads as plain text: the draft
 * initiatives, the shortlist, the notes by pillar and group with their dots, the vote results and the meeting
 * plan. Pure, so the client could build the same file.
 */

/** Any text from the board on one line (a heading, a label in parentheses): inert (markdownText.ts). */
const oneLine = inertText;

/**
 * A list item holding a text of the board at `indent`: its first line in the item (after `lead`, a label of
 * ours), each further line a list item nested under it, `tail` (our words: author, dots) after the first line.
 * Lines, not hard line breaks: the memo is pasted as plain text, where a trailing backslash would show.
 */
function textItem(indent: string, text: string, options: { lead?: string; tail?: string; empty?: string } = {}) {
  const [first = options.empty ?? '', ...rest] = inertLines(text);
  const out = [`${indent}- ${options.lead ?? ''}${first}${options.tail ?? ''}`];
  for (const line of rest) out.push(`${indent}  - ${line}`);
  return out;
}

function itemFacts(report: PlanReport, item: ReportItem): string {
  const { t } = report;
  const facts: string[] = [];
  if (item.votes !== null) facts.push(t('export.votes', { count: item.votes }));
  facts.push(oneLine(item.quadrantLabel));
  if (item.shortlisted) facts.push(t('export.shortlistedMark'));
  return `（${facts.join('・')}）`;
}

/** A lane as an item at `indent`, its notes nested under it (a note in no group with its own dots). */
function laneLines(report: PlanReport, lanes: readonly ReportLane[], withItemFacts: boolean, indent: string): string[] {
  const out: string[] = [];
  for (const lane of lanes) {
    out.push(`${indent}- ${oneLine(lane.label)}`);
    for (const note of lane.notes) {
      const author = note.authorName.trim() === '' ? '' : ` — ${oneLine(note.authorName)}`;
      const facts = withItemFacts ? itemFacts(report, note.item) : '';
      out.push(...textItem(`${indent}  `, note.text, { tail: `${author}${facts}` }));
    }
  }
  return out;
}

/** Each pillar a `###` heading; its groups (and its notes in no group) list items, lanes and notes nested. */
function notesSection(report: PlanReport): string[] {
  const { t } = report;
  const out = [`## ${t('export.section.notes')}`, ''];
  if (report.votesRound !== null) out.push(t('export.votesBasis', { number: report.votesRound }), '');
  for (const pillar of report.pillars) {
    out.push(`### ${oneLine(pillar.title)}`, '');
    if (pillar.noteCount === 0) out.push(t('export.emptyPillar'), '');
    const items: string[] = [];
    for (const cluster of pillar.clusters) {
      items.push(`- ${t('export.cluster', { title: oneLine(cluster.title) })}${itemFacts(report, cluster.item)}`);
      items.push(...laneLines(report, cluster.lanes, false, '  '));
    }
    if (pillar.loose.length > 0)
      items.push(`- ${t('export.looseNotes')}`, ...laneLines(report, pillar.loose, true, '  '));
    if (items.length > 0) out.push(...items, '');
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

/**
 * An initiative as a list item (its title, priority and status), each field an item nested under it; a field
 * of several lines lists them under its label.
 */
function initiativeLines(report: PlanReport, initiative: ReportInitiative): string[] {
  const { t } = report;
  const { fields, source } = initiative;
  const notSet = t('export.notSet');
  const field = (label: string, text: string) =>
    inertLines(text).length > 1
      ? [`  - ${label}:`, ...inertLines(text).map((line) => `    - ${line}`)]
      : textItem('  ', text, { lead: `${label}: `, empty: notSet });
  const facts = [t('export.priorityGroup', { priority: oneLine(initiative.priorityLabel) })];
  facts.push(`${t('export.field.status')}: ${oneLine(initiative.statusLabel)}`);
  const out = [
    `- ${oneLine(fields.title) || notSet}（${facts.join('・')}）`,
    ...field(t('export.field.problems'), fields.problems),
    ...field(t('export.field.goal'), fields.goal),
    ...field(t('export.field.indicator'), fields.indicator),
    ...field(t('export.field.targetValue'), fields.targetValue),
    ...field(t('export.field.content'), fields.content),
    ...field(t('export.field.fiscalYears'), initiative.fiscalYearsLabel),
    ...field(t('export.field.department'), fields.department),
  ];
  if (source) {
    const sourceFacts = [oneLine(source.kindLabel), oneLine(source.quadrantLabel)];
    if (source.votes !== null) sourceFacts.push(t('export.votes', { count: source.votes }));
    out.push(`  - ${t('export.field.source')}: ${oneLine(source.label)}（${sourceFacts.join('・')}）`);
  }
  return out;
}

/** Each pillar a `###` heading, its initiatives in the plan's order (高, 中, 低) as list items. */
function initiativesSection(report: PlanReport): string[] {
  const { t } = report;
  const out = [`## ${t('export.section.initiatives')}`, ''];
  if (report.initiativeList.length === 0) out.push(t('export.noInitiatives'), '');
  for (const group of report.initiatives) {
    if (group.priorities.every((p) => p.initiatives.length === 0)) continue;
    out.push(`### ${oneLine(group.pillarTitle)}`, '');
    for (const priority of group.priorities) {
      for (const initiative of priority.initiatives) out.push(...initiativeLines(report, initiative));
    }
    out.push('');
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
    for (const row of round.rows) {
      const place = t('export.rankPlace', { rank: row.rank });
      const rank = row.tied ? `${place}（${t('export.tied')}）` : place;
      const where = `${oneLine(row.kindLabel)}・${oneLine(row.pillarTitle)}`;
      out.push(`- ${rank}: ${oneLine(row.label)}（${where}）${t('export.votes', { count: row.count })}`);
    }
    out.push('');
  }
  return out;
}

/** 採点結果: every revealed scoring round, oldest first, its items in the round's order. */
function scoringSection(report: PlanReport): string[] {
  const { t } = report;
  if (report.scoringRounds.length === 0) return [];
  const out = [`## ${t('export.section.scoring')}`, '', t('export.scoringExplain'), ''];
  for (const round of report.scoringRounds) {
    out.push(`### ${oneLine(round.title)}`, '', oneLine(round.detail), '');
    for (const row of round.rows) {
      const where = `${oneLine(row.kindLabel)}・${oneLine(row.pillarTitle)}`;
      const numbers = scoreLine(report, round.axes, row);
      out.push(`- ${oneLine(row.label)}（${where}）: ${numbers}`);
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

/**
 * The minutes memo (`format=md`, 議事録メモ_<board>_<date>.md): headings `#` to `###` only, everything below a
 * pillar as nested lists, board text inert without backslashes (markdownText.ts). LF line ends, one final newline.
 */
export function planMarkdown(report: PlanReport): string {
  const { t } = report;
  const head = [
    `# ${oneLine(report.title)} ${t('export.minutesTitle')}`,
    '',
    t('export.exportedAt', { date: oneLine(report.exportedDate) }),
  ];
  if (report.plan) {
    head.push('', t('export.plan', { plan: oneLine(report.plan.name), period: oneLine(report.plan.periodName) }));
  }
  head.push('', t('export.planPeriod', { period: oneLine(report.planPeriod) }));
  const lines = [
    ...head,
    '',
    ...initiativesSection(report),
    ...shortlistSection(report),
    ...notesSection(report),
    ...resultsSection(report),
    ...scoringSection(report),
    ...meetingsSection(report),
  ];
  // A line may join two texts (a note and its author) holding one `*` each: together they could pair.
  return `${lines
    .map(breakPairs)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
