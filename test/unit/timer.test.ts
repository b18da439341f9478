import { describe, expect, it } from 'vitest';
import { applyTimerCommand, type MeetingTimer, timerRemainingMs } from '../../shared/records/timer.js';

const MIN = 60_000;

describe('the meeting timer (server clock)', () => {
  it('starts, pauses with what is left, resumes from it, and extends', () => {
    const started = applyTimerCommand(null, { action: 'start', durationMs: 10 * MIN }, 1_000_000);
    expect(started).toEqual({ status: 'running', durationMs: 10 * MIN, endsAt: 1_000_000 + 10 * MIN });
    const paused = applyTimerCommand(started, { action: 'pause' }, 1_000_000 + 4 * MIN);
    expect(paused).toEqual({ status: 'paused', durationMs: 10 * MIN, remainingMs: 6 * MIN });
    // Time passing while paused changes nothing.
    expect(timerRemainingMs(paused as MeetingTimer, 9_999_999_999)).toBe(6 * MIN);
    const resumed = applyTimerCommand(paused, { action: 'resume' }, 2_000_000);
    expect(resumed).toEqual({ status: 'running', durationMs: 10 * MIN, endsAt: 2_000_000 + 6 * MIN });
    const extended = applyTimerCommand(resumed, { action: 'extend', byMs: MIN }, 2_000_000);
    expect(extended).toEqual({ status: 'running', durationMs: 11 * MIN, endsAt: 2_000_000 + 7 * MIN });
    expect(applyTimerCommand(extended, { action: 'reset' }, 0)).toBeNull();
  });

  it('extends a finished timer from now, and never shows less than zero', () => {
    const finished: MeetingTimer = { status: 'running', durationMs: MIN, endsAt: 1000 };
    expect(timerRemainingMs(finished, 5000)).toBe(0);
    expect(applyTimerCommand(finished, { action: 'extend', byMs: MIN }, 5000)).toMatchObject({ endsAt: 5000 + MIN });
  });

  it('ignores pause when not running, resume when not paused, and extend without a timer', () => {
    const paused: MeetingTimer = { status: 'paused', durationMs: MIN, remainingMs: 30_000 };
    expect(applyTimerCommand(paused, { action: 'pause' }, 0)).toBe(paused);
    const running: MeetingTimer = { status: 'running', durationMs: MIN, endsAt: 10 };
    expect(applyTimerCommand(running, { action: 'resume' }, 0)).toBe(running);
    expect(applyTimerCommand(null, { action: 'extend', byMs: MIN }, 0)).toBeNull();
    expect(applyTimerCommand(null, { action: 'pause' }, 0)).toBeNull();
  });
});
