import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';

/**
 * The meeting timer. It runs on the server's clock: the server applies the facilitator's commands and writes
 * the state into the settings document's `server` map under `timer`; each client shows `endsAt` minus the
 * server's time (the client estimates its offset from the server's clock, `GET /api/time`).
 *
 * `running`: `endsAt` (server ms) is when it reaches zero. `paused`: `remainingMs` is what is left.
 */
export type MeetingTimer =
  | { status: 'running'; durationMs: number; endsAt: number }
  | { status: 'paused'; durationMs: number; remainingMs: number };

export const TIMER_KEY = 'timer';
/** Longest timer: a whole meeting. */
export const TIMER_MAX_MS = 4 * 60 * 60 * 1000;

const isDuration = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= TIMER_MAX_MS * 2;

export function readTimer(settings: Y.Doc): MeetingTimer | null {
  const value = settingsRoots.server(settings).get(TIMER_KEY);
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!isDuration(v.durationMs)) return null;
  if (v.status === 'running' && typeof v.endsAt === 'number' && Number.isFinite(v.endsAt)) {
    return { status: 'running', durationMs: v.durationMs, endsAt: v.endsAt };
  }
  if (v.status === 'paused' && isDuration(v.remainingMs)) {
    return { status: 'paused', durationMs: v.durationMs, remainingMs: v.remainingMs };
  }
  return null;
}

/** Server only (clients' writes to `server` are refused). */
export function writeTimer(settings: Y.Doc, timer: MeetingTimer | null): void {
  const server = settingsRoots.server(settings);
  if (timer) server.set(TIMER_KEY, { ...timer });
  else server.delete(TIMER_KEY);
}

/**
 * What is left at `serverNow`: never below zero, never above the duration (a client's estimate of the server's
 * clock can be a few milliseconds early).
 */
export function timerRemainingMs(timer: MeetingTimer, serverNow: number): number {
  const left = timer.status === 'paused' ? timer.remainingMs : timer.endsAt - serverNow;
  return Math.min(timer.durationMs, Math.max(0, left));
}

export type TimerCommand =
  | { action: 'start'; durationMs: number }
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'extend'; byMs: number }
  | { action: 'reset' };

/**
 * The facilitator's command applied to the timer at the server's `now`; null: no timer. Pausing a timer that
 * is not running, or resuming one that is not paused, changes nothing. Extending a finished timer starts it
 * again from zero plus the extension.
 */
export function applyTimerCommand(timer: MeetingTimer | null, command: TimerCommand, now: number): MeetingTimer | null {
  switch (command.action) {
    case 'start':
      return { status: 'running', durationMs: command.durationMs, endsAt: now + command.durationMs };
    case 'reset':
      return null;
    case 'pause':
      if (timer?.status !== 'running') return timer;
      return { status: 'paused', durationMs: timer.durationMs, remainingMs: timerRemainingMs(timer, now) };
    case 'resume':
      if (timer?.status !== 'paused') return timer;
      return { status: 'running', durationMs: timer.durationMs, endsAt: now + timer.remainingMs };
    case 'extend': {
      if (!timer) return null;
      const durationMs = Math.min(TIMER_MAX_MS, timer.durationMs + command.byMs);
      if (timer.status === 'paused') {
        return { status: 'paused', durationMs, remainingMs: Math.min(TIMER_MAX_MS, timer.remainingMs + command.byMs) };
      }
      return {
        status: 'running',
        durationMs,
        endsAt: Math.min(Math.max(timer.endsAt, now) + command.byMs, now + TIMER_MAX_MS),
      };
    }
  }
}
