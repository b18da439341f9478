import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import { LOCAL_ORIGIN } from '../origin.js';
import { isMeetingDate } from '../records/meeting.js';
import {
  type MeetingTask,
  readMeetingTask,
  TASK_KINDS,
  TASK_TARGET_MAX,
  TASK_TEXT_MAX,
  type TaskKind,
} from '../records/meetingTask.js';
import { fail, ok, type Result } from '../result.js';

/** The facilitator's tasks between meetings (settings document, which only the facilitator writes). */

export interface TaskInput {
  id: string;
  meetingId: string;
  text: string;
  due: string;
  kind: TaskKind;
  target?: number;
  now?: number;
}

function check(input: Pick<TaskInput, 'text' | 'due' | 'kind' | 'target'>): Result<null> {
  const text = input.text.trim();
  if (text === '') return fail('taskEmpty');
  if (text.length > TASK_TEXT_MAX) return fail('textTooLong');
  if (!isMeetingDate(input.due)) return fail('dateInvalid');
  if (!(TASK_KINDS as readonly string[]).includes(input.kind)) return fail('taskKindInvalid');
  const target = input.target ?? 1;
  if (!Number.isInteger(target) || target < 1 || target > TASK_TARGET_MAX) return fail('taskTargetInvalid');
  return ok(null);
}

export function addMeetingTask(doc: Y.Doc, input: TaskInput, origin: unknown = LOCAL_ORIGIN): Result<MeetingTask> {
  const checked = check(input);
  if (!checked.ok) return checked;
  const meetings = settingsRoots.meetings(doc);
  if (!meetings.has(input.meetingId)) return fail('meetingNotFound');
  const task: MeetingTask = {
    id: input.id,
    meetingId: input.meetingId,
    text: input.text.trim(),
    due: input.due,
    kind: input.kind,
    target: input.kind === 'notes' ? (input.target ?? 1) : 1,
    done: false,
    createdAt: input.now ?? Date.now(),
  };
  const { id, ...stored } = task;
  doc.transact(() => settingsRoots.meetingTasks(doc).set(id, stored), origin);
  return ok(task);
}

/** Ticks a task done, or not (any kind: the facilitator may close a task by hand). */
export function setMeetingTaskDone(
  doc: Y.Doc,
  id: string,
  done: boolean,
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const tasks = settingsRoots.meetingTasks(doc);
  const task = readMeetingTask(id, tasks.get(id));
  if (!task) return fail('taskNotFound');
  if (task.done === done) return ok(null);
  const { id: _id, ...stored } = { ...task, done };
  doc.transact(() => tasks.set(id, stored), origin);
  return ok(null);
}

export function deleteMeetingTask(doc: Y.Doc, id: string, origin: unknown = LOCAL_ORIGIN): Result<null> {
  const tasks = settingsRoots.meetingTasks(doc);
  if (!tasks.has(id)) return fail('taskNotFound');
  doc.transact(() => tasks.delete(id), origin);
  return ok(null);
}
