import { useEffect, useState } from 'react';
import { type MeetingTimer as Timer, type TimerCommand, timerRemainingMs } from '../../shared/records/timer';
import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useBoard, useSettings } from '../session/hooks';
import { PauseIcon, PlayIcon, PlusMinuteIcon, StopIcon, TimerIcon } from '../ui/icons/meetingIcons';
import {
  extendTimerCommand,
  sendTimerCommand,
  startTimer,
  timerMinutes,
  useFacilitationEnv,
  validTimerMinutes,
} from './facilitationCommands';
import { serverClockOffset } from './serverClock';

const MINUTE = 60_000;

/** m:ss, rounding up: a timer shows 0:00 only once the time is really over. */
export function formatRemaining(ms: number): { clock: string; min: number; sec: number } {
  const seconds = Math.ceil(ms / 1000);
  const min = Math.floor(seconds / 60);
  const sec = seconds % 60;
  return { clock: `${min}:${String(sec).padStart(2, '0')}`, min, sec };
}

/** The time left on the server's clock, updated every second while the timer runs. */
function useRemaining(timer: Timer | null): number | null {
  const offset = useStore(serverClockOffset());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (timer?.status !== 'running') return;
    const tick = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(tick);
  }, [timer]);
  return timer ? timerRemainingMs(timer, now + offset) : null;
}

/**
 * The shared meeting timer: everyone sees the same time left (it runs on the server's clock and survives a
 * reload); screen readers hear "one minute left" and "time is up". The facilitator starts, pauses, extends and
 * clears it.
 */
export function MeetingTimer() {
  const { t } = useI18n();
  const { timer } = useSettings();
  const { role, canEditSettings } = useBoard();
  const remaining = useRemaining(timer);
  const warning = useTimerWarning(remaining);
  const shown = remaining === null ? null : formatRemaining(remaining);
  const spoken = shown ? t('timer.spoken', { min: shown.min, sec: shown.sec }) : '';
  return (
    <div className="meeting-timer">
      {timer && shown && (
        <span
          role="timer"
          className={`timer-display ${remaining === 0 ? 'timer-done' : ''} ${timer.status === 'paused' ? 'timer-paused' : ''}`}
          aria-label={t(timer.status === 'paused' ? 'timer.pausedLabel' : 'timer.runningLabel', { time: spoken })}
        >
          {shown.clock}
          {timer.status === 'paused' && <span className="timer-state">{t('timer.pausedShort')}</span>}
        </span>
      )}
      {/* Announced once each: one minute left, and time is up. */}
      <span className="visually-hidden" role="status">
        {warning}
      </span>
      {role === 'facilitator' && canEditSettings && <TimerControls timer={timer} />}
    </div>
  );
}

function useTimerWarning(remaining: number | null): string {
  const { t } = useI18n();
  const [warning, setWarning] = useState('');
  const phase = remaining === null ? 'none' : remaining === 0 ? 'done' : remaining <= MINUTE ? 'lastMinute' : 'running';
  useEffect(() => {
    if (phase === 'done') setWarning(t('timer.done'));
    else if (phase === 'lastMinute') setWarning(t('timer.oneMinute'));
    else setWarning('');
  }, [phase, t]);
  return warning;
}

/** The facilitator's controls; they call the same functions as the palette's timer actions. */
function TimerControls({ timer }: { timer: Timer | null }) {
  const env = useFacilitationEnv();
  const { t } = env;
  const minutes = useStore(timerMinutes);
  const [busy, setBusy] = useState(false);

  async function run(command: () => Promise<void>) {
    setBusy(true);
    try {
      await command();
    } finally {
      setBusy(false);
    }
  }

  const validMinutes = validTimerMinutes(minutes) !== null;
  if (!timer) {
    return (
      <form
        className="timer-controls"
        onSubmit={(event) => {
          event.preventDefault();
          if (validMinutes) void run(() => startTimer(env));
        }}
      >
        <label>
          <span className="visually-hidden">{t('timer.minutesLabel')}</span>
          <input
            type="number"
            min={1}
            max={240}
            step={1}
            value={minutes}
            onChange={(event) => timerMinutes.set(event.target.value)}
            aria-invalid={!validMinutes}
          />
          <span aria-hidden="true">{t('timer.minutesUnit')}</span>
        </label>
        <button type="submit" className="meeting-bar-button" disabled={busy || !validMinutes}>
          <TimerIcon />
          {t('timer.start')}
        </button>
      </form>
    );
  }
  const send = (command: TimerCommand) => run(() => sendTimerCommand(env, command));
  return (
    <span className="timer-controls">
      {timer.status === 'running' ? (
        <button type="button" className="meeting-bar-button" disabled={busy} onClick={() => send({ action: 'pause' })}>
          <PauseIcon />
          {t('timer.pause')}
        </button>
      ) : (
        <button type="button" className="meeting-bar-button" disabled={busy} onClick={() => send({ action: 'resume' })}>
          <PlayIcon />
          {t('timer.resume')}
        </button>
      )}
      <button type="button" className="meeting-bar-button" disabled={busy} onClick={() => send(extendTimerCommand)}>
        <PlusMinuteIcon />
        {t('timer.extend')}
      </button>
      <button type="button" className="meeting-bar-button" disabled={busy} onClick={() => send({ action: 'reset' })}>
        <StopIcon />
        {t('timer.reset')}
      </button>
    </span>
  );
}
