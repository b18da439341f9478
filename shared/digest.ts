import type * as Y from 'yjs';
import { waitingForAnswer } from './commentThreads.js';
import { settingsRoots } from './docs.js';
import type { Lang, Translate } from './i18n/index.js';
import { listComments } from './records/comment.js';
import { authorNamesExported } from './records/exportPolicy.js';
import { listMeetings } from './records/meeting.js';
import { japanDate, listMeetingTasks, nextDueTask } from './records/meetingTask.js';
import { readScoringRounds } from './records/scoring.js';
import { readVotingRounds } from './records/voting.js';
import { allPillars, boardTitle, listNotes } from './selectors.js';

/**
 * 「まとめを作成」 (issue 18): what changed on the board since a date, ready to paste into the group's chat — new
 * notes by pillar, comments waiting for an answer, what is due next, rounds open, and the board's address. Plain
 * text (Teams, LINE WORKS) or Markdown (Slack, Mattermost). Pure: the page builds it, and the server for a webhook.
 * Author names only when the facilitator exports them (the chat may reach beyond the working group).
 */
export type DigestFormat = 'text' | 'markdown';

export interface DigestOptions {
  t: Translate;
  lang: Lang;
  since: number;
  now: number;
  /** The board's address (without a token: each member opens it with their own link). */
  boardUrl: string;
  format: DigestFormat;
}

/** At most this many notes are quoted per pillar; the rest are counted. */
const NOTES_QUOTED = 5;
const QUOTE_MAX = 60;

const quote = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > QUOTE_MAX ? `${line.slice(0, QUOTE_MAX - 1)}…` : line;
};

export interface Digest {
  text: string;
  /** Nothing was added or is waiting: the text says so. */
  empty: boolean;
}

export function buildDigest(board: Y.Doc, settings: Y.Doc, options: DigestOptions): Digest {
  const { t, since, now, format } = options;
  const md = format === 'markdown';
  const heading = (text: string) => (md ? `### ${text}` : `■ ${text}`);
  const item = (text: string) => `${md ? '-' : '・'} ${text}`;
  // What people typed must not act in the chat: no @channel / @here / @all call (a zero-width space breaks it), no
  // Slack <!channel> or <url|label> (full-width brackets), and in Markdown no link, heading or emphasis.
  const chatSafe = (text: string) =>
    text
      .replace(/@(channel|here|all|everyone)\b/gi, '@\u200b$1')
      .replace(/</g, '＜')
      .replace(/>/g, '＞');
  const inert = (text: string) => (md ? chatSafe(text).replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1') : chatSafe(text));
  const names = authorNamesExported(settings);
  const byName = (name: string) => (names && name.trim() !== '' ? t('digest.by', { name: inert(name) }) : '');

  const lines: string[] = [];
  const title = t('digest.title', {
    title: boardTitle(settings),
    since: japanDate(since),
    until: japanDate(now),
  });
  lines.push(md ? `## ${inert(title)}` : `【${title}】`, '');

  const notes = listNotes(board).filter((note) => note.createdAt >= since && note.deletedAt === null);
  const pillars = allPillars(settings).filter((pillar) => pillar.archivedAt === null);
  const newNotes = pillars
    .map((pillar) => ({ pillar, notes: notes.filter((note) => note.place?.pillarId === pillar.id) }))
    .filter((group) => group.notes.length > 0);
  if (newNotes.length > 0) {
    lines.push(heading(t('digest.newNotes', { count: notes.length })));
    for (const { pillar, notes: inPillar } of newNotes) {
      lines.push(item(t('digest.pillarCount', { pillar: inert(pillar.title), count: inPillar.length })));
      for (const note of inPillar.slice(0, NOTES_QUOTED)) {
        lines.push(`  ${item(`${inert(quote(note.text))}${byName(note.authorName)}`)}`);
      }
      if (inPillar.length > NOTES_QUOTED)
        lines.push(`  ${item(t('digest.more', { count: inPillar.length - NOTES_QUOTED }))}`);
    }
    lines.push('');
  }

  const comments = listComments(board);
  const waiting = waitingForAnswer(comments).filter((comment) => comment.createdAt >= since);
  if (waiting.length > 0) {
    const noteText = new Map(listNotes(board).map((note) => [note.id, note.text]));
    lines.push(heading(t('digest.waiting', { count: waiting.length })));
    for (const comment of waiting) {
      const on = noteText.get(comment.targetId);
      const where = on === undefined ? '' : t('digest.on', { target: inert(quote(on)) });
      lines.push(item(`${where}${inert(quote(comment.text))}${byName(comment.authorName)}`));
    }
    lines.push('');
  }

  const today = japanDate(now);
  const tasks = listMeetingTasks(settings);
  const next = nextDueTask(tasks, today);
  const meetings = listMeetings(settingsRoots.meetings(settings));
  const voting = readVotingRounds(settings).find((round) => round.status === 'open');
  const scoring = readScoringRounds(settings).find((round) => round.status === 'open');
  if (next || voting || scoring) {
    lines.push(heading(t('digest.next')));
    for (const task of tasks.filter((task) => !task.done && task.due >= today).slice(0, 3)) {
      const meeting = meetings.find((m) => m.id === task.meetingId);
      const what = meeting ? t('task.before', { title: meeting.title, text: task.text }) : task.text;
      lines.push(item(t('digest.task', { date: task.due, text: inert(what) })));
    }
    if (voting) lines.push(item(t('digest.votingOpen', { number: voting.number })));
    if (scoring) lines.push(item(t('digest.scoringOpen', { number: scoring.number })));
    lines.push('');
  }

  const empty = newNotes.length === 0 && waiting.length === 0;
  if (empty) lines.push(t('digest.nothingNew'), '');
  lines.push(t('digest.link', { url: md ? `<${options.boardUrl}>` : options.boardUrl }));
  return { text: lines.join('\n'), empty };
}
