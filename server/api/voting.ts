import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { VOTE_BUDGET_DEFAULT, VOTE_BUDGET_MAX, type VotingRound } from '../../shared/records/voting.js';
import { ROLES } from '../../shared/roles.js';
import type { AuditAction } from '../audit.js';
import type { Access } from '../auth.js';
import { readJson, sendJson } from '../httpUtil.js';
import { type ApiContext, authorize } from './context.js';
import { publishedRound, roundNumber } from './roundAnswers.js';

/** Sealed dot voting over HTTP (docs/api.md "Voting"). Ballots never travel in a shared document. */

const openSchema = z
  .object({
    budget: z
      .number({ error: 'budget must be a whole number' })
      .int('budget must be a whole number')
      .min(1, 'budget must be at least 1')
      .max(VOTE_BUDGET_MAX, `budget must be at most ${VOTE_BUDGET_MAX}`)
      .default(VOTE_BUDGET_DEFAULT),
    cap: z
      .number({ error: 'cap must be a whole number or null' })
      .int('cap must be a whole number or null')
      .min(1, 'cap must be at least 1')
      .nullable()
      .default(null),
  })
  .refine((body) => body.cap === null || body.cap <= body.budget, {
    error: 'cap must not be more than the budget',
    path: ['cap'],
  });

/** Shows a facilitator's change of the rounds to every client, records it, and answers with the round. */
function published(
  context: ApiContext,
  access: Access,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  action: AuditAction,
  round: VotingRound,
  status: number,
): Promise<void> {
  const detail = { round: round.number, budget: round.budget, cap: round.cap };
  return publishedRound(context, { access, req, res, boardId }, { action, detail, what: 'round', status }, round);
}

/** `GET /api/boards/<id>/voting`: the public rounds and this link's own private state. */
export async function readVoting(context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string) {
  const access = await authorize(context, req, boardId, ROLES);
  const ballot = await context.voting.ballot(boardId, access);
  sendJson(res, 200, { rounds: await context.voting.rounds(boardId), ballot });
}

/** `POST /api/boards/<id>/voting/rounds` `{budget?, cap?}`: the facilitator opens the next round. */
export async function openRound(context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string) {
  const text = await readJson(req, openSchema, '{"budget": 5, "cap": null}', context.maxBodyBytes);
  const access = await authorize(context, req, boardId, ['facilitator']);
  const round = await context.voting.open(boardId, text.budget, text.cap);
  await published(context, access, req, res, boardId, 'voting.open', round, 201);
}

/** `POST /api/boards/<id>/voting/rounds/<n>/close`: no more dots; the count stays sealed. */
export async function closeRound(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  number: string,
) {
  const access = await authorize(context, req, boardId, ['facilitator']);
  const round = await context.voting.close(boardId, roundNumber(number));
  await published(context, access, req, res, boardId, 'voting.close', round, 200);
}

/** `POST /api/boards/<id>/voting/rounds/<n>/reveal`: the totals go to everyone. */
export async function revealRound(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  number: string,
) {
  const access = await authorize(context, req, boardId, ['facilitator']);
  const round = await context.voting.reveal(boardId, roundNumber(number));
  await published(context, access, req, res, boardId, 'voting.reveal', round, 200);
}

/** `POST /api/boards/<id>/voting/rounds/<n>/dots/<itemId>`: one more dot; answers with the own ballot. */
export async function castDot(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  number: string,
  itemId: string,
) {
  const access = await authorize(context, req, boardId, ROLES);
  const ballot = await context.voting.cast(boardId, access, roundNumber(number), itemId);
  sendJson(res, 200, { ballot });
}

/** `DELETE /api/boards/<id>/voting/rounds/<n>/dots/<itemId>`: takes one dot back. */
export async function withdrawDot(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  number: string,
  itemId: string,
) {
  const access = await authorize(context, req, boardId, ROLES);
  const ballot = await context.voting.withdraw(boardId, access, roundNumber(number), itemId);
  sendJson(res, 200, { ballot });
}
