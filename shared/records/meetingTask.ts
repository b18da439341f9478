import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import { isMeetingDate } from './meeting.js';

/**
 * Tasks due between meetings (宿題, issue 18): 「第2回までに：各柱に課題と達成目標を3つ以上」. Stored in the settings
 * document (the facilitator's): `meetingTasks`: task id → plain object `{ meetingId, text, due, kind, target,
 * done, createdAt }`, replaced whole on every change. `kind` says how its progress is seen:
 * - `notes`: every active pillar has at least `target` 課題 and `target` 達成目標 (counted on the board);
 * - `scores`: people score in the open scoring round (the facilitator sees how many, never who);
 * - `votes`: people vote in the open voting round (likewise);
 * - `check`: the facilitator ticks it done.
 */
export const TASK_KINDS = ['notes', 'scores', 'votes', 'check'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_TEXT_MAX = 200;
export const TASK_TARGET_MAX = 50;

export interface MeetingTask {
  id: string;
  /** The meeting it is due before (`meetings`); a task of a deleted meeting keeps its date. */
  meetingId: string;
  text: string;
  /** `YYYY-MM-DD`, the last day (in Japan's time zone). */
  due: string;
  kind: TaskKind;
  /** For `notes`: how many 課題 and 達成目標 each pillar needs (1 otherwise). */
  target: number;
  /** For `check`: the facilitator ticked it. */
  done: boolean;
  createdAt: number;
}

export function readMeetingTask(id: string, value: unknown): MeetingTask | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.text !== 'string' || typeof v.due !== 'string' || !isMeetingDate(v.due)) return null;
  const kind = (TASK_KINDS as readonly unknown[]).includes(v.kind) ? (v.kind as TaskKind) : 'check';
  const target =
    typeof v.target === 'number' && Number.isInteger(v.target) && v.target >= 1 && v.target <= TASK_TARGET_MAX
      ? v.target
      : 1;
  return {
    id,
    meetingId: typeof v.meetingId === 'string' ? v.meetingId : '',
    text: v.text.slice(0, TASK_TEXT_MAX),
    due: v.due,
    kind,
    target,
    done: v.done === true,
    createdAt: typeof v.createdAt === 'number' && Number.isFinite(v.createdAt) ? v.createdAt : 0,
  };
}

/** Every task, by due date, then as they were added. */
export function listMeetingTasks(settings: Y.Doc): MeetingTask[] {
  const out: MeetingTask[] = [];
  settingsRoots.meetingTasks(settings).forEach((value, id) => {
    const task = readMeetingTask(id, value);
    if (task) out.push(task);
  });
  return out.sort(
    (a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1),
  );
}

/** Today in Japan's time zone, `YYYY-MM-DD`: a task is due until the end of its day there. */
export function japanDate(now: number): string {
  return new Date(now + 9 * 3600_000).toISOString().slice(0, 10);
}

/** Whole days from `today` to `due` (0: due today, negative: overdue). */
export function daysUntil(due: string, today: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** What is due next: the first task not ticked done whose day has not passed; null when none. */
export function nextDueTask(tasks: readonly MeetingTask[], today: string): MeetingTask | null {
  return tasks.find((task) => !task.done && task.due >= today) ?? null;
}
