import { useId, useState } from 'react';
import { setCurrentMeeting, updateMeeting } from '../../shared/ops/meetings';
import type { Meeting } from '../../shared/records/meeting';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard, useSettings } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { useModalDialog } from '../ui/useModalDialog';
import { MeetingTasks } from './MeetingTasks';

/**
 * The four meetings of the plan: date, task, agenda and what each produces, so a newcomer knows what to do
 * now. The facilitator sets the dates and chooses the meeting under way.
 */
export function MeetingPlanDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const dialog = useModalDialog();
  const headingId = useId();
  const { meetings, currentMeetingId } = useSettings();
  return (
    <dialog ref={dialog} className="dialog meeting-plan" aria-labelledby={headingId} onCancel={onClose}>
      <h2 id={headingId}>{t('meeting.plan.heading')}</h2>
      <p>{t('meeting.plan.between')}</p>
      <ol className="meeting-list">
        {meetings.map((meeting) => (
          <MeetingEntry key={meeting.id} meeting={meeting} current={meeting.id === currentMeetingId} />
        ))}
      </ol>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}

function MeetingEntry({ meeting, current }: { meeting: Meeting; current: boolean }) {
  const { t } = useI18n();
  const { session, canEditSettings } = useBoard();
  const { announce, notify } = useBoardUi();
  const [date, setDate] = useState(meeting.date);
  const headingId = useId();
  return (
    <li className={`meeting-entry ${current ? 'meeting-entry-current' : ''}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {meeting.title}
        {current && <span className="meeting-now">{t('meeting.plan.current')}</span>}
      </h3>
      <dl>
        <dt>{t('meeting.plan.date')}</dt>
        <dd>
          {canEditSettings ? (
            <form
              className="meeting-date-form"
              onSubmit={(event) => {
                event.preventDefault();
                const result = updateMeeting(session.settingsDoc, meeting.id, { date });
                if (result.ok) announce(t('meeting.plan.dateSaved', { title: meeting.title }));
                else notify({ message: t(`error.${result.error}`, { max: 500 }), tone: 'error' });
              }}
            >
              <input
                type="date"
                value={date}
                aria-label={t('meeting.plan.dateOf', { title: meeting.title })}
                onChange={(event) => setDate(event.target.value)}
              />
              <button type="submit" disabled={date === meeting.date}>
                {t('meeting.plan.saveDate')}
              </button>
            </form>
          ) : (
            meeting.date || t('meeting.plan.dateUnset')
          )}
        </dd>
        <dt>{t('meeting.plan.task')}</dt>
        <dd>{meeting.task}</dd>
        <dt>{t('meeting.plan.agenda')}</dt>
        <dd>
          <ul>
            {meeting.agenda.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('meeting.plan.produces')}</dt>
        <dd>{meeting.produces}</dd>
      </dl>
      <MeetingTasks meeting={meeting} />
      {canEditSettings && !current && (
        <button
          type="button"
          onClick={() => {
            if (setCurrentMeeting(session.settingsDoc, meeting.id).ok) {
              announce(t('meeting.moved', { title: meeting.title }));
            }
          }}
        >
          {t('meeting.plan.makeCurrent', { title: meeting.title })}
        </button>
      )}
    </li>
  );
}
