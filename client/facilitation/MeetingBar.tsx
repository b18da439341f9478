import './facilitation.css';
import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard, useSettings } from '../session/hooks';
import { CalendarIcon } from '../ui/icons/meetingIcons';
import { FollowMeBanner, FollowMeToggle } from './FollowMe';
import { MeetingPlanDialog } from './lazyDialogs';
import { MeetingTimer } from './MeetingTimer';
import { NextDue } from './NextDue';

/**
 * Where the group is, on one short line: the meeting under way and its task, follow-me, and the shared timer.
 * Only the tools used live stay here (follow-me, the timer); moving on to the next meeting and the meeting plan
 * are in the facilitator's ファシリテーター menu (and the palette). Participants and viewers, who have no such
 * menu, open the plan from here.
 */
export function MeetingBar() {
  const { t } = useI18n();
  const { canEditSettings, role } = useBoard();
  const { meetings, currentMeetingId } = useSettings();
  const [planOpen, setPlanOpen] = useState(false);
  const current = meetings.find((m) => m.id === currentMeetingId) ?? null;
  const summary = current
    ? [current.title, current.date, current.task].filter(Boolean).join(' ')
    : t(meetings.length > 0 && currentMeetingId === null ? 'meeting.finished' : 'meeting.none');
  const facilitator = role === 'facilitator';

  return (
    <section className="meeting-bar" aria-label={t('meeting.barLabel')}>
      {/* One line: a long task is cut with 「…」 on screen (the whole text is in the tooltip and read aloud). */}
      <p className="meeting-current" title={summary}>
        {current ? (
          <>
            <strong>{current.title}</strong>
            {current.date && <span className="meeting-date">{current.date}</span>}
            <span className="meeting-task">{current.task}</span>
          </>
        ) : (
          summary
        )}
      </p>
      {!facilitator && (
        <button type="button" className="meeting-bar-button" onClick={() => setPlanOpen(true)}>
          <CalendarIcon />
          {t('meeting.planOpen')}
        </button>
      )}
      <NextDue onOpen={() => setPlanOpen(true)} />
      <FollowMeBanner />
      {canEditSettings && facilitator && <FollowMeToggle />}
      <MeetingTimer />
      {planOpen && <MeetingPlanDialog onClose={() => setPlanOpen(false)} />}
    </section>
  );
}
