import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { HttpError, readJson, sendJson } from '../httpUtil.js';
import { type ApiContext, actorOf, authorize } from './context.js';

const lockSchema = z.object({ locked: z.boolean({ error: 'locked must be true or false' }) });

/** `GET /api/boards/<id>/lock`: anyone with a link may read it (clients read it from the settings document). */
export async function readLock(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  await authorize(context, req, boardId, ['facilitator', 'participant', 'viewer']);
  const lock = context.locks.lockOf(boardId);
  sendJson(res, 200, { locked: lock !== null, lockedAt: lock?.lockedAt ?? null, lockedBy: lock?.lockedBy ?? null });
}

/**
 * `PUT /api/boards/<id>/lock` `{locked}`: makes the board read-only for participants, or open again. Answers
 * once the settings document shows the new state.
 */
export async function writeLock(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  // The body first: a link replaced while the body was on its way must not count.
  const { locked } = await readJson(req, lockSchema, '{"locked": true | false}', context.maxBodyBytes);
  const access = await authorize(context, req, boardId, ['facilitator']);
  const wasLocked = context.locks.isLocked(boardId);
  const { lock, shown } = await context.locks.set(boardId, locked, access.person?.name ?? null);
  if (wasLocked !== locked)
    await context.audit.record(boardId, actorOf(access, req), locked ? 'board.lock' : 'board.unlock');
  const state = { locked: lock !== null, lockedAt: lock?.lockedAt ?? null, lockedBy: lock?.lockedBy ?? null };
  try {
    await shown;
  } catch {
    // Enforced already; the clients see it once the settings document can be written.
    throw new HttpError(
      503,
      `the board is ${locked ? 'locked' : 'unlocked'}, but the clients could not be told yet: the settings document could not be stored; try again`,
    );
  }
  sendJson(res, 200, state);
}

/** `GET /api/boards/<id>/audit`: the facilitator actions, newest first. */
export async function readAudit(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  await authorize(context, req, boardId, ['facilitator']);
  sendJson(res, 200, { entries: await context.audit.list(boardId) });
}
