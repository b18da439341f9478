import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { settingsRoots } from '../../shared/docs.js';
import { notesTaskProgress } from '../../shared/meetingTaskProgress.js';
import { addMeetingTask, deleteMeetingTask, setMeetingTaskDone } from '../../shared/ops/meetingTasks.js';
import { addNote, deleteNote } from '../../shared/ops/notes.js';
import { listMeetings } from '../../shared/records/meeting.js';
import { daysUntil, japanDate, listMeetingTasks, nextDueTask } from '../../shared/records/meetingTask.js';
import { activePillars } from '../../shared/selectors.js';
import { initialiseSettingsDoc } from '../../shared/template.js';

function settingsDoc() {
  const settings = new Y.Doc();
  let n = 0;
  initialiseSettingsDoc(settings, '部会', () => `p${++n}`, Date.parse('2026-04-10T00:00:00+09:00'));
  const meetings = listMeetings(settingsRoots.meetings(settings));
  return { settings, meetings };
}

describe('tasks due between meetings', () => {
  it('adds, ticks and deletes a task, and refuses bad input with a reason, changing nothing', () => {
    const { settings, meetings } = settingsDoc();
    const second = meetings[1]!.id;
    const base = { meetingId: second, due: '2026-09-16', kind: 'notes' as const, target: 3 };
    const added = addMeetingTask(settings, { ...base, id: 't1', text: ' 各柱に課題と達成目標を3つ以上 ', now: 5 });
    expect(added).toMatchObject({ ok: true, value: { text: '各柱に課題と達成目標を3つ以上', target: 3, done: false } });
    const refusals: Array<[Parameters<typeof addMeetingTask>[1], string]> = [
      [{ ...base, id: 'x', text: '  ' }, 'taskEmpty'],
      [{ ...base, id: 'x', text: 'あ'.repeat(201) }, 'textTooLong'],
      [{ ...base, id: 'x', text: 'a', due: '2026-02-30' }, 'dateInvalid'],
      [{ ...base, id: 'x', text: 'a', kind: 'other' as never }, 'taskKindInvalid'],
      [{ ...base, id: 'x', text: 'a', target: 0 }, 'taskTargetInvalid'],
      [{ ...base, id: 'x', text: 'a', meetingId: 'nope' }, 'meetingNotFound'],
    ];
    for (const [input, error] of refusals) expect(addMeetingTask(settings, input)).toEqual({ ok: false, error });
    expect(listMeetingTasks(settings).map((task) => task.id)).toEqual(['t1']);
    expect(setMeetingTaskDone(settings, 't1', true).ok).toBe(true);
    expect(listMeetingTasks(settings)[0]!.done).toBe(true);
    expect(setMeetingTaskDone(settings, 'gone', true)).toEqual({ ok: false, error: 'taskNotFound' });
    expect(deleteMeetingTask(settings, 't1').ok).toBe(true);
    expect(listMeetingTasks(settings)).toEqual([]);
  });

  it('says what is due next: the first not done whose day has not passed in Japan', () => {
    const { settings, meetings } = settingsDoc();
    const add = (id: string, due: string, now: number) =>
      addMeetingTask(settings, { id, meetingId: meetings[0]!.id, text: id, due, kind: 'check', now });
    add('late', '2026-09-01', 1);
    add('soon', '2026-09-16', 2);
    add('later', '2026-10-21', 3);
    const tasks = listMeetingTasks(settings);
    // 2026-09-15 23:30 UTC is already the 16th in Japan.
    const today = japanDate(Date.parse('2026-09-15T23:30:00Z'));
    expect(today).toBe('2026-09-16');
    expect(nextDueTask(tasks, today)?.id).toBe('soon');
    expect(daysUntil('2026-09-16', today)).toBe(0);
    expect(daysUntil('2026-09-01', today)).toBe(-15);
    setMeetingTaskDone(settings, 'soon', true);
    expect(nextDueTask(listMeetingTasks(settings), today)?.id).toBe('later');
    expect(nextDueTask(listMeetingTasks(settings), '2026-11-01')).toBeNull();
  });

  it('counts each pillar’s live 課題 and 達成目標 towards a notes task, not the trash nor ideas', () => {
    const { settings } = settingsDoc();
    const board = new Y.Doc();
    const [first, second] = activePillars(settings);
    const note = (id: string, pillarId: string, lane: 'problem' | 'goal' | 'idea') =>
      expect(addNote(board, { id, pillarId, lane, text: id, author: 't' }).ok).toBe(true);
    note('a', first!.id, 'problem');
    note('b', first!.id, 'goal');
    note('c', first!.id, 'idea');
    note('d', second!.id, 'problem');
    note('e', second!.id, 'goal');
    deleteNote(board, 'e', 1);
    const progress = notesTaskProgress(board, activePillars(settings), 1);
    expect(progress.met).toBe(1);
    expect(progress.pillars.slice(0, 2).map((p) => [p.problems, p.goals, p.met])).toEqual([
      [1, 1, true],
      [1, 0, false],
    ]);
  });
});
