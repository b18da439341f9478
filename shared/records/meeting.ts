import * as Y from 'yjs';
import { eraFiscalYearRange } from '../fiscalYear.js';
import { TITLE_MAX } from '../limits.js';
import { compareByOrderThenId } from '../order.js';
import type { FiscalPeriod } from './period.js';

/**
 * The meeting plan (会議の予定). Stored in the settings document (the facilitator's): `meetings`: meeting id →
 * Y.Map `{ title, date, task, agenda, produces, order }`, all plain strings; `facilitation.currentMeetingId`
 * names the meeting under way. `date` is `YYYY-MM-DD` or empty; `agenda` holds one item per line.
 */
export interface Meeting {
  id: string;
  title: string;
  /** `YYYY-MM-DD`, or '' while not fixed. */
  date: string;
  /** The task the meeting works on, e.g. タスク①. */
  task: string;
  agenda: string[];
  /** What the meeting is expected to produce (so a newcomer knows what to do now). */
  produces: string;
  order: string;
}

export const MEETING_TEXT_MAX = 500;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 「令和9〜10年度に取り組む」: how the seed's texts name the board's period. A change of period rewrites this
 * phrase wherever a meeting says it (shared/ops/period.ts), so the plan never names two periods.
 */
export const periodPhrase = (period: FiscalPeriod) => `${eraFiscalYearRange(period.first, period.last)}に取り組む`;

/** The kickoff deck's four web meetings (スケジュール), with what each one produces, for the board's period. */
export const seedMeetings = (period: FiscalPeriod): ReadonlyArray<Omit<Meeting, 'id' | 'order' | 'date'>> => [
  {
    title: 'キックオフ',
    task: 'タスク①「基本方針の要因の深掘り」',
    agenda: ['顔合わせ', 'タスク①の説明'],
    produces: '柱ごとの課題と達成目標の付箋（次回までにチャットで書き足す）',
  },
  {
    title: '第2回',
    task: 'タスク①のまとめ → タスク②',
    agenda: ['タスク①のまとめ', 'タスク②の説明'],
    produces: 'グループにまとめた課題と、投票による優先順位',
  },
  {
    title: '第3回',
    task: 'タスク②「実施計画『個別取り組み』の内容を考える」',
    agenda: ['タスク②の進捗報告', '実施計画(案)作成作業の説明'],
    produces: `${periodPhrase(period)}課題（取り組み候補）と取組案の素案`,
  },
  {
    title: '第4回',
    task: '実施計画(案)の共有',
    agenda: ['実施計画(案)共有'],
    produces: '実施計画(案)',
  },
];

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');

export function readMeeting(id: string, value: unknown): Meeting | null {
  if (!(value instanceof Y.Map)) return null;
  const map = value as Y.Map<unknown>;
  const date = map.get('date');
  const order = map.get('order');
  return {
    id,
    title: text(map.get('title'), TITLE_MAX),
    date: typeof date === 'string' && DATE.test(date) ? date : '',
    task: text(map.get('task'), MEETING_TEXT_MAX),
    agenda: text(map.get('agenda'), MEETING_TEXT_MAX)
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    produces: text(map.get('produces'), MEETING_TEXT_MAX),
    order: typeof order === 'string' && order !== '' ? order : 'a0',
  };
}

export function listMeetings(meetings: Y.Map<unknown>): Meeting[] {
  const out: Meeting[] = [];
  meetings.forEach((value, id) => {
    const meeting = readMeeting(id, value);
    if (meeting) out.push(meeting);
  });
  return out.sort(compareByOrderThenId);
}

export function isMeetingDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
