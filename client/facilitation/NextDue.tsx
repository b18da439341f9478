import { daysUntil, japanDate, nextDueTask } from '../../shared/records/meetingTask';
import { useI18n } from '../i18n/I18nProvider';
import { useSettings } from '../session/hooks';

/**
 * What is due next between meetings, and by when, on every view: 「期限 2026-09-16（あと5日）: 各柱に課題と達成目標を
 * 3つ以上」. Opens the meeting plan, where every task is listed with its progress.
 */
export function NextDue({ onOpen }: { onOpen: () => void }) {
  const { t } = useI18n();
  const { meetingTasks, meetings } = useSettings();
  const today = japanDate(Date.now());
  const task = nextDueTask(meetingTasks, today);
  if (!task) return null;
  const days = daysUntil(task.due, today);
  const meeting = meetings.find((m) => m.id === task.meetingId);
  const when = days === 0 ? t('task.dueToday') : t('task.daysLeft', { days });
  const label = t('task.next', {
    date: task.due,
    when,
    text: meeting ? t('task.before', { title: meeting.title, text: task.text }) : task.text,
  });
  return (
    <button
      type="button"
      className={`meeting-bar-button next-due ${days <= 2 ? 'next-due-soon' : ''}`}
      title={label}
      onClick={onOpen}
    >
      <span className="next-due-text">{label}</span>
    </button>
  );
}
