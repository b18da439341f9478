import { nanoid } from 'nanoid';
import { useEffect, useId, useState } from 'react';
import { notesTaskProgress } from '../../shared/meetingTaskProgress';
import { addMeetingTask, deleteMeetingTask, setMeetingTaskDone } from '../../shared/ops/meetingTasks';
import type { Meeting } from '../../shared/records/meeting';
import {
  daysUntil,
  japanDate,
  type MeetingTask,
  TASK_KINDS,
  TASK_TARGET_MAX,
  TASK_TEXT_MAX,
  type TaskKind,
} from '../../shared/records/meetingTask';
import type { Result } from '../../shared/result';
import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useBoard, useSettings } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { isImeEnter } from '../ui/ime';

/** Re-renders with every change of the board document (the dialog is open only a while: no cost otherwise). */
function useBoardChanges(): void {
  const { session } = useBoard();
  const [, setVersion] = useState(0);
  useEffect(() => {
    const onUpdate = () => setVersion((version) => version + 1);
    session.boardDoc.on('update', onUpdate);
    return () => session.boardDoc.off('update', onUpdate);
  }, [session]);
}

/** 「あと3日」「今日まで」「2日過ぎています」 */
export function useDueText(): (task: MeetingTask) => string {
  const { t } = useI18n();
  const today = japanDate(Date.now());
  return (task) => {
    const days = daysUntil(task.due, today);
    if (task.done) return t('task.done');
    if (days > 0) return t('task.daysLeft', { days });
    if (days === 0) return t('task.dueToday');
    return t('task.overdue', { days: -days });
  };
}

/**
 * The tasks due before one meeting (「第2回までに」), with their dates and how far the group is: everyone sees
 * the board's own counts (notes per pillar); the facilitator also how many have scored or voted (never who). The
 * facilitator adds, ticks and removes them.
 */
export function MeetingTasks({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const { canEditSettings } = useBoard();
  const tasks = useSettings().meetingTasks.filter((task) => task.meetingId === meeting.id);
  const headingId = useId();
  return (
    <section className="due-tasks" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('task.heading', { title: meeting.title })}</h4>
      {tasks.length === 0 ? (
        <p className="muted">{t('task.none')}</p>
      ) : (
        <ul className="due-task-list">
          {tasks.map((task) => (
            <TaskEntry key={task.id} task={task} />
          ))}
        </ul>
      )}
      {canEditSettings && <AddTaskForm meeting={meeting} />}
    </section>
  );
}

function TaskEntry({ task }: { task: MeetingTask }) {
  const { t } = useI18n();
  const { session, canEditSettings } = useBoard();
  const { announce, notify } = useBoardUi();
  const dueText = useDueText();
  const report = (result: Result<unknown>, message: string) => {
    if (result.ok) announce(message);
    else notify({ message: t(`error.${result.error}`), tone: 'error' });
  };
  return (
    <li className={`due-task ${task.done ? 'due-task-done' : ''}`}>
      <span className="due-task-text">{task.text}</span>
      <span className="due-task-due">
        {t('task.dueOn', { date: task.due })}（{dueText(task)}）
      </span>
      <TaskProgress task={task} />
      {canEditSettings && (
        <span className="due-task-actions">
          <label>
            <input
              type="checkbox"
              checked={task.done}
              onChange={(event) =>
                report(
                  setMeetingTaskDone(session.settingsDoc, task.id, event.target.checked),
                  t(event.target.checked ? 'task.markedDone' : 'task.markedOpen', { text: task.text }),
                )
              }
            />
            {t('task.doneLabel')}
            <span className="visually-hidden">{t('task.of', { text: task.text })}</span>
          </label>
          <button
            type="button"
            aria-label={t('task.deleteOf', { text: task.text })}
            onClick={(event) => {
              // The row goes with its button: the focus goes to the field for the next task, not to the page.
              const field = event.currentTarget.closest('.due-tasks')?.querySelector<HTMLElement>('input[type="text"]');
              report(deleteMeetingTask(session.settingsDoc, task.id), t('task.deleted', { text: task.text }));
              requestAnimationFrame(() => field?.focus());
            }}
          >
            {t('task.delete')}
          </button>
        </span>
      )}
    </li>
  );
}

/** How far the group is with a task: counts only (never who), as each kind allows. */
function TaskProgress({ task }: { task: MeetingTask }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const settings = useSettings();
  const scores = useStore(session.ownScores);
  const votes = useStore(session.ownVote);
  useBoardChanges();
  if (task.kind === 'notes') {
    const progress = notesTaskProgress(session.boardDoc, settings.pillars, task.target);
    return (
      <span className="due-task-progress">
        {t('task.notesProgress', { met: progress.met, total: progress.pillars.length })}
        <span className="muted">
          {' '}
          {progress.pillars
            .map((p) => t('task.pillarCount', { pillar: p.title, problems: p.problems, goals: p.goals }))
            .join(t('common.listSeparator'))}
        </span>
      </span>
    );
  }
  // The counts of an open round reach the facilitator alone (the server sends them to nobody else).
  const count = task.kind === 'scores' ? scores.scorers : task.kind === 'votes' ? votes.voters : null;
  if (count === null) return null;
  return (
    <span className="due-task-progress">
      {t(task.kind === 'scores' ? 'task.scorersProgress' : 'task.votersProgress', { count })}
    </span>
  );
}

const KIND_KEYS = {
  notes: 'task.kind.notes',
  scores: 'task.kind.scores',
  votes: 'task.kind.votes',
  check: 'task.kind.check',
} as const;

function AddTaskForm({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const { announce, notify } = useBoardUi();
  const [text, setText] = useState('');
  const [due, setDue] = useState(meeting.date || japanDate(Date.now()));
  const [kind, setKind] = useState<TaskKind>('check');
  const [target, setTarget] = useState('3');
  const id = useId();
  function submit() {
    const result = addMeetingTask(session.settingsDoc, {
      id: nanoid(),
      meetingId: meeting.id,
      text,
      due,
      kind,
      target: kind === 'notes' ? Number(target) : undefined,
    });
    if (!result.ok) {
      notify({ message: t(`error.${result.error}`, { max: TASK_TEXT_MAX }), tone: 'error' });
      return;
    }
    announce(t('task.added', { text: result.value.text, date: result.value.due }));
    setText('');
  }
  return (
    <form
      className="due-task-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor={`${id}-text`}>{t('task.text')}</label>
      <input
        id={`${id}-text`}
        type="text"
        value={text}
        maxLength={TASK_TEXT_MAX}
        placeholder={t('task.textPlaceholder')}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          // An Enter that confirms the IME's conversion is not a submit.
          if (event.key === 'Enter' && isImeEnter(event)) event.preventDefault();
        }}
      />
      <label htmlFor={`${id}-due`}>{t('task.due')}</label>
      <input id={`${id}-due`} type="date" value={due} required onChange={(event) => setDue(event.target.value)} />
      <label htmlFor={`${id}-kind`}>{t('task.kind')}</label>
      <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as TaskKind)}>
        {TASK_KINDS.map((value) => (
          <option key={value} value={value}>
            {t(KIND_KEYS[value])}
          </option>
        ))}
      </select>
      {kind === 'notes' && (
        <>
          <label htmlFor={`${id}-target`}>{t('task.target')}</label>
          <input
            id={`${id}-target`}
            type="number"
            min={1}
            max={TASK_TARGET_MAX}
            value={target}
            onChange={(event) => setTarget(event.target.value)}
          />
        </>
      )}
      <button type="submit">{t('task.add', { title: meeting.title })}</button>
    </form>
  );
}
