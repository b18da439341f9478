import type { Translate } from '../../shared/i18n/index';
import { setFollowMe } from '../../shared/ops/liveFacilitation';
import { finishLastMeeting, nextMeetingId, setCurrentMeeting } from '../../shared/ops/meetings';
import type { MeetingTimer, TimerCommand } from '../../shared/records/timer';
import { useI18n } from '../i18n/I18nProvider';
import { facilitatorApi } from '../lib/api';
import { apiErrorMessage } from '../lib/apiErrorMessage';
import { createStore } from '../lib/store';
import { type BoardContextValue, useBoard } from '../session/hooks';
import { type BoardUi, useBoardUi } from '../ui/boardUi';

/**
 * The facilitator's live tools as plain functions: the meeting bar's buttons and the board actions of the
 * registry (the ファシリテーター menu, the palette) call the same ones, so both paths do exactly the same.
 * The actions' environment satisfies this type.
 */
export interface FacilitationEnv {
  board: BoardContextValue;
  ui: Pick<BoardUi, 'notify' | 'announce'>;
  t: Translate;
}

const MINUTE = 60_000;

/** The same environment for the meeting bar's buttons. */
export function useFacilitationEnv(): FacilitationEnv {
  return { board: useBoard(), ui: useBoardUi(), t: useI18n().t };
}

/** Whether this person may run the live tools: the facilitator, while the settings may be changed. */
export function leadsMeeting({ board }: FacilitationEnv): boolean {
  return board.role === 'facilitator' && board.canEditSettings;
}

/** The meeting under way, and the one after it (undefined at the last), as the settings say now. */
export function meetingPosition({ board }: FacilitationEnv) {
  const { meetings, currentMeetingId } = board.session.settings.get();
  const current = meetings.find((meeting) => meeting.id === currentMeetingId) ?? null;
  const next = current ? meetings[meetings.indexOf(current) + 1] : undefined;
  return { current, next };
}

/**
 * Moves the group on to `expectedId`, the meeting that was next when the facilitator asked (a confirmation
 * names it). If a colleague moved on meanwhile, it says so and changes nothing, rather than skip a meeting.
 */
export function moveToMeeting(env: FacilitationEnv, expectedId: string): boolean {
  const { board, ui, t } = env;
  const doc = board.session.settingsDoc;
  if (nextMeetingId(doc) !== expectedId || !setCurrentMeeting(doc, expectedId).ok) {
    ui.notify({ message: t('meeting.changedMeanwhile'), tone: 'error' });
    return false;
  }
  const title = board.session.settings.get().meetings.find((meeting) => meeting.id === expectedId)?.title ?? '';
  ui.announce(t('meeting.moved', { title }));
  return true;
}

/** Ends the last meeting of the plan (`expectedId`, as named in the confirmation). */
export function finishMeeting(env: FacilitationEnv, expectedId: string): boolean {
  const { board, ui, t } = env;
  const { current } = meetingPosition(env);
  if (current?.id !== expectedId || !finishLastMeeting(board.session.settingsDoc).ok) {
    ui.notify({ message: t('meeting.changedMeanwhile'), tone: 'error' });
    return false;
  }
  ui.announce(t('meeting.finished'));
  return true;
}

/** Whether this person is the one participants follow now. */
export function isLeading({ board }: FacilitationEnv): boolean {
  return board.session.settings.get().followMe?.leaderId === board.identity.id;
}

/** Starts or ends follow-me (participants then follow, or stop following, this person's view). */
export function setLeading(env: FacilitationEnv, on: boolean): void {
  const { board, ui, t } = env;
  setFollowMe(board.session.settingsDoc, on ? board.identity.id : null);
  ui.announce(t(on ? 'follow.startedByMe' : 'follow.stoppedByMe'));
}

/** The shared timer as the settings say now (null: none). */
export function currentTimer({ board }: FacilitationEnv): MeetingTimer | null {
  return board.session.settings.get().timer;
}

/**
 * The minutes last typed in the bar's field, in this tab: タイマー開始 from the palette starts the same timer
 * as the bar's button.
 */
export const timerMinutes = createStore('10');

/** The minutes typed, when they are a valid duration (1 to 240). */
export function validTimerMinutes(text: string): number | null {
  const minutes = Number(text);
  return text.trim() !== '' && Number.isFinite(minutes) && minutes >= 1 && minutes <= 240 ? minutes : null;
}

/** Sends a timer command to the server (the timer runs on the server's clock); a refusal is shown. */
export async function sendTimerCommand(env: FacilitationEnv, command: TimerCommand): Promise<void> {
  const { board, ui, t } = env;
  try {
    await facilitatorApi(board.session.boardId, board.token).timer(command);
  } catch (error) {
    ui.notify({ message: t('timer.failed', { reason: apiErrorMessage(t, error) }), tone: 'error' });
  }
}

/** Starts the timer for the minutes of the bar's field; invalid minutes are said and nothing starts. */
export function startTimer(env: FacilitationEnv): Promise<void> {
  const minutes = validTimerMinutes(timerMinutes.get());
  if (minutes === null) {
    env.ui.notify({ message: env.t('timer.invalidMinutes'), tone: 'error' });
    return Promise.resolve();
  }
  return sendTimerCommand(env, { action: 'start', durationMs: Math.round(minutes * MINUTE) });
}

export const extendTimerCommand: TimerCommand = { action: 'extend', byMs: MINUTE };
