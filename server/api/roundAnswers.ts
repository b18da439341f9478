import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuditAction } from '../audit.js';
import type { Access } from '../auth.js';
import { HttpError, sendJson } from '../httpUtil.js';
import { type ApiContext, actorOf } from './context.js';

// What the voting and scoring APIs share about their rounds: reading a round's number from the path, and
// answering a facilitator's open, close or reveal once every client can see it.

export function roundNumber(text: string): number {
  const number = Number(text);
  if (!Number.isSafeInteger(number) || number < 1) throw new HttpError(400, 'malformed round number');
  return number;
}

/**
 * Records a facilitator's change of a round in the audit log, waits until the settings document shows it to every
 * client (503 when it could not be stored: the change holds, try again), and answers with the round.
 */
export async function publishedRound(
  context: ApiContext,
  request: { access: Access; req: IncomingMessage; res: ServerResponse; boardId: string },
  change: { action: AuditAction; detail: Record<string, unknown>; what: string; status: number },
  round: { number: number; status: string },
): Promise<void> {
  const { access, req, res, boardId } = request;
  await context.audit.record(boardId, actorOf(access, req), change.action, change.detail);
  try {
    await context.stateMirror.mirror(boardId);
  } catch {
    throw new HttpError(
      503,
      `${change.what} ${round.number} is ${round.status}, but the clients could not be told yet: the settings document could not be stored; try again`,
    );
  }
  sendJson(res, change.status, { round });
}
