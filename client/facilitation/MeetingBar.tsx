import './facilitation.css';
import { useState } from 'react';
import { finishLastMeeting, nextMeetingId, setCurrentMeeting } from '../../shared/ops/meetings';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard, useSettings } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { FollowMeToggle } from './FollowMe';
import { MeetingPlanDialog } from './lazyDialogs';
import { MeetingTimer } from './MeetingTimer';

/**
 * Where the group is: the meeting under way and its task, the meeting plan (what each meeting produces), the
 * shared timer. The facilitator moves on to the next meeting.
 */
export function MeetingBar() {
  const { t } = useI18n();
  const { session, canEditSettings, role } = useBoard();
  const { announce } = useBoardUi();
  const { meetings, currentMeetingId } = useSettings();
  const [planOpen, setPlanOpen] = useState(false);
  const current = meetings.find((m) => m.id === currentMeetingId) ?? null;
  const next = current ? meetings[meetings.indexOf(current) + 1] : undefined;

  function finish() {
    if (current && finishLastMeeting(session.settingsDoc).ok) announce(t('meeting.finished'));
  }

  function moveOn() {
    const id = nextMeetingId(session.settingsDoc);
    if (id && setCurrentMeeting(session.settingsDoc, id).ok) {
      announce(t('meeting.moved', { title: meetings.find((m) => m.id === id)?.title ?? '' }));
    }
  }

  return (
    <section className="meeting-bar" aria-label={t('meeting.barLabel')}>
      <p className="meeting-current">
        {current ? (
          <>
            <strong>{current.title}</strong>
            {current.date && <span className="meeting-date">{current.date}</span>}
            <span className="meeting-task">{current.task}</span>
          </>
        ) : (
          t(meetings.length > 0 && currentMeetingId === null ? 'meeting.finished' : 'meeting.none')
        )}
      </p>
      <button type="button" onClick={() => setPlanOpen(true)}>
        {t('meeting.planOpen')}
      </button>
      {canEditSettings && next && (
        <button type="button" onClick={moveOn}>
          {t('meeting.next', { title: next.title })}
        </button>
      )}
      {canEditSettings && current && !next && (
        <button type="button" onClick={finish}>
          {t('meeting.finish', { title: current.title })}
        </button>
      )}
      {canEditSettings && role === 'facilitator' && <FollowMeToggle />}
      <MeetingTimer />
      {planOpen && <MeetingPlanDialog onClose={() => setPlanOpen(false)} />}
    </section>
  );
}
