import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { SCORE_REASON_MAX, SCORING_SCOPES, type ScoringRound } from '../../shared/records/scoring.js';
import { ROLES } from '../../shared/roles.js';
import { SCORE_MAX, SCORE_MIN } from '../../shared/scoring.js';
import type { AuditAction } from '../audit.js';
import type { Access } from '../auth.js';
import { readJson, sendJson } from '../httpUtil.js';
import { type ApiContext, authorize } from './context.js';
import { publishedRound, roundNumber } from './roundAnswers.js';

/** Sealed scoring over HTTP (docs/api.md "Scoring"). Scores never travel in a shared document. */

const openSchema = z.object({
  scope: z.enum(SCORING_SCOPES as ['shortlist', 'all'], { error: 'scope must be "shortlist" or "all"' }),
});

const axis = (name: string) =>
  z
    .number({ error: `${name} must be a whole number from ${SCORE_MIN} to ${SCORE_MAX}` })
    .int(`${name} must be a whole number from ${SCORE_MIN} to ${SCORE_MAX}`)
    .min(SCORE_MIN, `${name} must be at least ${SCORE_MIN}`)
    .max(SCORE_MAX, `${name} must be at most ${SCORE_MAX}`);

const scoreSchema = z.object({
  effect: axis('effect'),
  ease: axis('ease'),
  reason: z
    .string({ error: 'reason must be text' })
    .max(SCORE_REASON_MAX, `reason must be at most ${SCORE_REASON_MAX} characters`)
    .refine((text) => !/[\r\n]/.test(text), 'reason must be one line')
    .default('')
    .transform((text) => text.trim()),
});

/** Shows a facilitator's change of the rounds to every client, records it, and answers with the round. */
function published(
  context: ApiContext,
  access: Access,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  action: AuditAction,
  round: ScoringRound,
  status: number,
): Promise<void> {
  const detail = { round: round.number, scope: round.scope, items: round.items.length };
  return publishedRound(
    context,
    { access, req, res, boardId },
    { action, detail, what: 'scoring round', status },
    round,
  );
}

/** `GET /api/boards/<id>/scoring`: the public rounds and this link's own private state. */
export async function readScoring(context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string) {
  const access = await authorize(context, req, boardId, ROLES);
  sendJson(res, 200, {
    rounds: await context.scoring.rounds(boardId),
    mine: await context.scoring.state(boardId, access),
  });
}

/** `POST /api/boards/<id>/scoring/rounds` `{scope}`: the facilitator opens the next round. */
export async function openScoringRound(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
) {
  const body = await readJson(req, openSchema, '{"scope": "shortlist"}', context.maxBodyBytes);
  const access = await authorize(context, req, boardId, ['facilitator']);
  const round = await context.scoring.open(boardId, body.scope);
  await published(context, access, req, res, boardId, 'scoring.open', round, 201);
}

/** `POST /api/boards/<id>/scoring/rounds/<n>/close`: no more scores; the results stay sealed. */
export async function closeScoringRound(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  number: string,
) {
  const access = await authorize(context, req, boardId, ['facilitator']);
  const round = await context.scoring.close(boardId, roundNumber(number));
  await published(context, access, req, res, boardId, 'scoring.close', round, 200);
}

/** `POST /api/boards/<id>/scoring/rounds/<n>/reveal`: the results go to everyone. */
export async function revealScoringRound(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  number: string,
) {
  const access = await authorize(context, req, boardId, ['facilitator']);
  const round = await context.scoring.reveal(boardId, roundNumber(number));
  await published(context, access, req, res, boardId, 'scoring.reveal', round, 200);
}

/** `PUT /api/boards/<id>/scoring/rounds/<n>/scores/<itemId>` `{effect, ease, reason?}`: answers with `mine`. */
export async function putScore(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  number: string,
  itemId: string,
) {
  const body = await readJson(req, scoreSchema, '{"effect": 4, "ease": 2, "reason": "…"}', context.maxBodyBytes);
  const access = await authorize(context, req, boardId, ROLES);
  const mine = await context.scoring.score(boardId, access, roundNumber(number), itemId, body);
  sendJson(res, 200, { mine });
}

/** `DELETE /api/boards/<id>/scoring/rounds/<n>/scores/<itemId>`: takes the score back. */
export async function deleteScore(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  number: string,
  itemId: string,
) {
  const access = await authorize(context, req, boardId, ROLES);
  const mine = await context.scoring.withdraw(boardId, access, roundNumber(number), itemId);
  sendJson(res, 200, { mine });
}
