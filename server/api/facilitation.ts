import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readJson, sendJson } from '../httpUtil.js';
import { type ApiContext, actorOf, authorize } from './context.js';

const lockSchema = z.object({ locked: z.boolean({ error: 'locked must be true or false' }) });

/** `GET /api/boards/<id>/lock`: anyone with a link may read it (clients read it from the settings document). */
export function readLock(context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string): void {
  authorize(context, req, boardId, ['facilitator', 'participant', 'viewer']);
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
  const access = authorize(context, req, boardId, ['facilitator']);
  const { locked } = await readJson(req, lockSchema, '{"locked": true | false}');
  const wasLocked = context.locks.isLocked(boardId);
  const lock = await context.locks.set(boardId, locked, access.person?.name ?? null);
  if (wasLocked !== locked) context.audit.record(boardId, actorOf(access), locked ? 'board.lock' : 'board.unlock');
  sendJson(res, 200, { locked: lock !== null, lockedAt: lock?.lockedAt ?? null, lockedBy: lock?.lockedBy ?? null });
}

/** `GET /api/boards/<id>/audit`: the facilitator actions, newest first. */
export function readAudit(context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string): void {
  authorize(context, req, boardId, ['facilitator']);
  sendJson(res, 200, { entries: context.audit.list(boardId) });
}
