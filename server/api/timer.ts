import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  applyTimerCommand,
  type MeetingTimer,
  readTimer,
  TIMER_MAX_MS,
  writeTimer,
} from '../../shared/records/timer.js';
import { HttpError, readJson, sendJson } from '../httpUtil.js';
import { type ApiContext, authorize } from './context.js';

const minutes = z
  .number({ error: 'give the time in milliseconds' })
  .int()
  .min(1000, 'at least one second')
  .max(TIMER_MAX_MS, 'at most four hours');
const commandSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('start'), durationMs: minutes }),
    z.object({ action: z.literal('pause') }),
    z.object({ action: z.literal('resume') }),
    z.object({ action: z.literal('extend'), byMs: minutes }),
    z.object({ action: z.literal('reset') }),
  ],
  { error: 'action must be start, pause, resume, extend or reset' },
);

/** One command at a time per board: two at once must not both start from the same old state. */
const queues = new Map<string, Promise<unknown>>();

function serially<T>(boardId: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(boardId) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(task);
  queues.set(boardId, next);
  void next
    .finally(() => {
      if (queues.get(boardId) === next) queues.delete(boardId);
    })
    .catch(() => {});
  return next;
}

/**
 * `POST /api/boards/<id>/timer` `{action, durationMs?, byMs?}` (facilitator): the meeting timer, on the server's
 * clock. The state is written into the settings document (`server.timer`), which every client shows; the
 * answer carries it and the server's time.
 */
export async function timerCommand(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  const command = await readJson(
    req,
    commandSchema,
    '{"action": "start", "durationMs": 600000} | {"action": "pause" | "resume" | "reset"} | {"action": "extend", "byMs": 60000}',
    context.maxBodyBytes,
  );
  await authorize(context, req, boardId, ['facilitator']);
  const timer = await serially(boardId, async (): Promise<MeetingTimer | null> => {
    const joined = await context.rooms.join(boardId, 'settings');
    if (joined.kind !== 'room') throw new HttpError(409, 'the settings document is newer than this server');
    const next = applyTimerCommand(readTimer(joined.room.doc), command, Date.now());
    try {
      await joined.room.applyServerChange((doc) => writeTimer(doc, next));
    } catch (error) {
      context.log(`board ${boardId}: the timer could not be stored: ${String(error)}`);
      throw new HttpError(503, 'the timer could not be stored; try again');
    }
    return next;
  });
  sendJson(res, 200, { timer, now: Date.now() });
}

/** `GET /api/time`: the server's clock (ms since the epoch), so clients show the timer on the server's time. */
export function serverTime(res: ServerResponse): void {
  res.setHeader('Cache-Control', 'no-store');
  sendJson(res, 200, { now: Date.now() });
}
