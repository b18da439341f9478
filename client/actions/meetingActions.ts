import {
  currentTimer,
  extendTimerCommand,
  isLeading,
  leadsMeeting,
  meetingPosition,
  sendTimerCommand,
  setLeading,
  startTimer,
} from '../facilitation/facilitationCommands';
import type { BoardAction } from './types';

const loaded = ({ board }: Parameters<BoardAction['predicate']>[0]) => board.session.loaded.get();

/**
 * The meeting's course: the plan (everyone may read it; the facilitator's menu lists it) and moving on, asked
 * first because every participant's screen changes meeting at once.
 */
export const MEETING_ACTIONS: readonly BoardAction[] = [
  {
    id: 'meeting.plan',
    labelKey: 'meeting.planOpen',
    menu: 'facilitator',
    predicate: loaded,
    perform: ({ dialogs }) => dialogs.openBoardDialog('meetingPlan'),
  },
  {
    id: 'meeting.next',
    labelKey: 'meeting.nextAction',
    menu: 'facilitator',
    predicate: (env) => leadsMeeting(env) && meetingPosition(env).next !== undefined,
    perform: ({ dialogs }) => dialogs.openBoardDialog('nextMeeting'),
  },
  {
    id: 'meeting.finish',
    labelKey: 'meeting.finishAction',
    menu: 'facilitator',
    predicate: (env) => {
      const { current, next } = meetingPosition(env);
      return leadsMeeting(env) && current !== null && next === undefined;
    },
    perform: ({ dialogs }) => dialogs.openBoardDialog('finishMeeting'),
  },
];

/**
 * The tools used live during a meeting: their buttons stay in the meeting bar, and the palette lists them too
 * (same functions as the bar's buttons).
 */
export const LIVE_ACTIONS: readonly BoardAction[] = [
  {
    id: 'follow.start',
    labelKey: 'follow.startAction',
    predicate: (env) => leadsMeeting(env) && !isLeading(env),
    perform: (env) => setLeading(env, true),
  },
  {
    id: 'follow.stop',
    labelKey: 'follow.stopAction',
    predicate: (env) => leadsMeeting(env) && isLeading(env),
    perform: (env) => setLeading(env, false),
  },
  {
    id: 'timer.start',
    labelKey: 'timer.start',
    predicate: (env) => leadsMeeting(env) && currentTimer(env) === null,
    perform: (env) => void startTimer(env),
  },
  {
    id: 'timer.pause',
    labelKey: 'timer.pauseAction',
    predicate: (env) => leadsMeeting(env) && currentTimer(env)?.status === 'running',
    perform: (env) => void sendTimerCommand(env, { action: 'pause' }),
  },
  {
    id: 'timer.resume',
    labelKey: 'timer.resumeAction',
    predicate: (env) => leadsMeeting(env) && currentTimer(env)?.status === 'paused',
    perform: (env) => void sendTimerCommand(env, { action: 'resume' }),
  },
  {
    id: 'timer.extend',
    labelKey: 'timer.extendAction',
    predicate: (env) => leadsMeeting(env) && currentTimer(env) !== null,
    perform: (env) => void sendTimerCommand(env, extendTimerCommand),
  },
  {
    id: 'timer.reset',
    labelKey: 'timer.reset',
    predicate: (env) => leadsMeeting(env) && currentTimer(env) !== null,
    perform: (env) => void sendTimerCommand(env, { action: 'reset' }),
  },
];
