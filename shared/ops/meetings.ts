import * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import { TITLE_MAX } from '../limits.js';
import { LOCAL_ORIGIN } from '../origin.js';
import { isMeetingDate, listMeetings, MEETING_TEXT_MAX, type Meeting } from '../records/meeting.js';
import { fail, ok, type Result } from '../result.js';

/** Facilitator operations on the meeting plan (settings document). */

export type MeetingChanges = Partial<Pick<Meeting, 'title' | 'date' | 'task' | 'produces'>> & { agenda?: string[] };

function meetingMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const value = settingsRoots.meetings(doc).get(id);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

/** Changes a meeting's fields (only those given, each set only when it differs). */
export function updateMeeting(
  doc: Y.Doc,
  id: string,
  changes: MeetingChanges,
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const meeting = meetingMap(doc, id);
  if (!meeting) return fail('meetingNotFound');
  const title = changes.title?.trim();
  if (title !== undefined && title === '') return fail('titleEmpty');
  if (title !== undefined && title.length > TITLE_MAX) return fail('titleTooLong');
  if (changes.date !== undefined && changes.date !== '' && !isMeetingDate(changes.date)) return fail('dateInvalid');
  const agenda = changes.agenda
    ?.map((item) => item.trim())
    .filter((item) => item !== '')
    .join('\n');
  const texts = [changes.task, changes.produces, agenda].filter((v): v is string => v !== undefined);
  if (texts.some((value) => value.length > MEETING_TEXT_MAX)) return fail('textTooLong');
  const next: Record<string, string | undefined> = {
    title,
    date: changes.date,
    task: changes.task?.trim(),
    produces: changes.produces?.trim(),
    agenda,
  };
  doc.transact(() => {
    for (const [key, value] of Object.entries(next)) {
      if (value !== undefined && meeting.get(key) !== value) meeting.set(key, value);
    }
  }, origin);
  return ok(null);
}

/** The meeting under way: its id, or null when none is (or it no longer exists). */
export function currentMeetingId(doc: Y.Doc): string | null {
  const id = settingsRoots.facilitation(doc).get('currentMeetingId');
  return typeof id === 'string' && meetingMap(doc, id) ? id : null;
}

export function setCurrentMeeting(doc: Y.Doc, id: string, origin: unknown = LOCAL_ORIGIN): Result<null> {
  if (!meetingMap(doc, id)) return fail('meetingNotFound');
  doc.transact(() => settingsRoots.facilitation(doc).set('currentMeetingId', id), origin);
  return ok(null);
}

/** The meeting after the current one (the facilitator "moves on"), or null at the last. */
export function nextMeetingId(doc: Y.Doc): string | null {
  const meetings = listMeetings(settingsRoots.meetings(doc));
  const index = meetings.findIndex((m) => m.id === currentMeetingId(doc));
  return meetings[index + 1]?.id ?? null;
}

/**
 * The last meeting of the plan is over: no meeting is under way any more (the server takes the snapshot named
 * after it, as at the end of every meeting).
 */
export function finishLastMeeting(doc: Y.Doc, origin: unknown = LOCAL_ORIGIN): Result<null> {
  const current = currentMeetingId(doc);
  if (current === null) return fail('meetingNotFound');
  if (nextMeetingId(doc) !== null) return fail('meetingNotLast');
  doc.transact(() => settingsRoots.facilitation(doc).delete('currentMeetingId'), origin);
  return ok(null);
}
