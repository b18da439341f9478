import type { IncomingMessage, ServerResponse } from 'node:http';
import { nanoid } from 'nanoid';
import { z } from 'zod';
import { setBoardPeriod } from '../../shared/ops/period.js';
import { buildPlan, PLAN_NAME_MAX, type PlanProblem } from '../../shared/plan.js';
import { type BoardPlan, readBoardPlan, writeBoardPlan } from '../../shared/records/boardPlan.js';
import type { Role } from '../../shared/roles.js';
import { type Access, bearerToken, resolveAccess, sameSecret } from '../auth.js';
import { HttpError, readJson, sendJson } from '../httpUtil.js';
import type { AttachRefusal, PlanStore, StoredPlan } from '../planStore.js';
import type { MirroredState } from '../serverStateMirror.js';
import { mayCreateBoards } from './boards.js';
import { type ApiContext, actorOf, authorize } from './context.js';

/** Plans (docs/api.md "Plans"): create, read, rename; a board joins or leaves a plan period. */

const PROBLEMS: Record<PlanProblem, string> = {
  'plan-name-empty': 'name must not be empty',
  'plan-name-too-long': `name must be at most ${PLAN_NAME_MAX} characters`,
  'plan-years-invalid': 'firstYear must be a fiscal year (1926–2199) and years 1–20',
  'plan-period-years-invalid': 'periodYears must be 1 to the plan’s years',
  'plan-period-invalid': 'every period needs a first and last fiscal year, last ≥ first, at most 10 years',
  'plan-periods-overlap': 'the periods overlap: each period must start after the one before it ends',
  'plan-period-outside': 'a period lies outside the plan’s years',
  'plan-period-name-invalid': `a period name must be at most ${PLAN_NAME_MAX} characters`,
};

const ATTACH_REFUSALS: Record<AttachRefusal, [number, string]> = {
  'no-plan': [404, 'no plan with this id'],
  'no-period': [400, 'the plan has no period with this number'],
  'period-taken': [409, 'this period of the plan already has a board for this working group'],
};

const year = z.number({ error: 'a fiscal year must be a number' }).int('a fiscal year must be an integer');
const createSchema = z.object({
  name: z.string({ error: 'name must be a string' }),
  firstYear: year,
  years: z.number().int().optional(),
  periodYears: z.number().int().optional(),
  periods: z
    .array(z.object({ name: z.string().optional(), first: year, last: year }))
    .max(20)
    .optional(),
});
const renameSchema = z.object({
  name: z.string({ error: 'name must be a string' }).optional(),
  periods: z
    .array(z.object({ number: z.number().int(), name: z.string() }))
    .max(20)
    .optional(),
});
const attachSchema = z
  .object({
    /** The plan's join key (参加キー), which the facilitators of its boards see; or, to move a board between
     * the periods of the plan it is in, that plan's id. */
    joinKey: z.string({ error: 'joinKey must be a string' }).trim().max(64).optional(),
    planId: z.string({ error: 'planId must be a string' }).trim().max(64).optional(),
    periodNumber: z.number({ error: 'periodNumber must be a number' }).int().optional(),
    /** Instead of a number: the period whose years hold this fiscal year (the board's own period's first). */
    year: year.optional(),
    workingGroup: z.string().trim().max(PLAN_NAME_MAX).optional(),
  })
  .refine((body) => body.periodNumber !== undefined || body.year !== undefined, {
    message: 'give periodNumber or year',
  })
  .refine((body) => body.joinKey !== undefined || body.planId !== undefined, { message: 'give joinKey or planId' });

/** The plan as the settings document shows it (`server.plan`), for every board of a plan. */
export function planState(plans: PlanStore): MirroredState<BoardPlan | null> {
  return {
    name: 'plan',
    wanted: (boardId) => plans.planOfBoard(boardId),
    shown: readBoardPlan,
    write: (settings, plan) => {
      writeBoardPlan(settings, plan);
      // The board's period becomes the plan period's, with the meeting plan's mention of it.
      if (plan) setBoardPeriod(settings, plan.period);
    },
  };
}

const isAdmin = (context: ApiContext, req: IncomingMessage) => {
  const presented = bearerToken(req.headers.authorization);
  return context.adminToken !== null && presented !== null && sameSecret(presented, context.adminToken);
};

/**
 * The bearer's access to a plan: ADMIN_TOKEN, or a token of one of its boards with one of `roles` (the best
 * role it has on any of them). 404 for an unknown plan, 401/403 otherwise.
 */
async function authorizePlan(context: ApiContext, req: IncomingMessage, plan: StoredPlan, roles: readonly Role[]) {
  if (isAdmin(context, req)) return { admin: true as const };
  const token = bearerToken(req.headers.authorization);
  let best: { boardId: string; access: Access } | null = null;
  for (const { boardId } of await context.plans.boards(plan.id)) {
    const resolution = await resolveAccess(context.boards, context.people, boardId, token);
    if (resolution.kind !== 'access') continue;
    if (roles.includes(resolution.access.role)) return { admin: false as const, boardId, access: resolution.access };
    best ??= { boardId, access: resolution.access };
  }
  if (best) throw new HttpError(403, `this link's role (${best.access.role}) cannot do this`);
  throw new HttpError(401, 'missing or wrong token: use ADMIN_TOKEN or a link of one of the plan’s boards');
}

async function planOrNotFound(context: ApiContext, planId: string): Promise<StoredPlan> {
  const plan = await context.plans.get(planId);
  if (!plan) throw new HttpError(404, 'no plan with this id');
  return plan;
}

/** The plan with its boards (titles, periods, archive), never a token. */
async function describePlan(context: ApiContext, plan: StoredPlan) {
  const boards = await Promise.all(
    (await context.plans.boards(plan.id)).map(async (b) => {
      const board = await context.boards.getBoard(b.boardId);
      return { ...b, title: board?.title ?? '', archived: (board?.archivedAt ?? null) !== null };
    }),
  );
  const { id, name, firstYear, years, periodYears, periods, createdAt, updatedAt } = plan;
  return { id, name, firstYear, years, periodYears, periods, createdAt, updatedAt, boards };
}

/** Shows the plan's new names on every board of it. */
async function mirrorBoards(context: ApiContext, planId: string): Promise<void> {
  await Promise.all((await context.plans.boards(planId)).map((b) => context.stateMirror.mirror(b.boardId)));
}

/** `POST /api/plans`: a new plan (who may create boards may create plans). */
export async function createPlan(context: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  context.creation.check(req, res, 'create');
  if (!mayCreateBoards(context, req)) {
    throw new HttpError(401, 'creating a plan needs Authorization: Bearer <ADMIN_TOKEN>');
  }
  const body = await readJson(req, createSchema, '{"name": "...", "firstYear": 2022}', context.maxBodyBytes);
  const built = buildPlan(body);
  if (!built.ok) throw new HttpError(400, PROBLEMS[built.problem], built.problem);
  const plan = await context.plans.create(nanoid(21), nanoid(24), built.plan, Date.now());
  // Its creator (ADMIN_TOKEN, or anyone on an open server) gets the join key: no board of it exists yet.
  sendJson(res, 201, { ...(await describePlan(context, plan)), joinKey: plan.joinKey });
}

/** `GET /api/plans/<id>`: for ADMIN_TOKEN and anyone with a link of one of its boards. */
export async function readPlan(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  planId: string,
): Promise<void> {
  const plan = await planOrNotFound(context, planId);
  await authorizePlan(context, req, plan, ['facilitator', 'participant', 'viewer']);
  sendJson(res, 200, await describePlan(context, plan));
}

/** `PATCH /api/plans/<id>` `{ name?, periods?: [{ number, name }] }`: ADMIN_TOKEN or a facilitator of its boards. */
export async function renamePlan(context: ApiContext, req: IncomingMessage, res: ServerResponse, planId: string) {
  const plan = await planOrNotFound(context, planId);
  await authorizePlan(context, req, plan, ['facilitator']);
  const body = await readJson(
    req,
    renameSchema,
    '{"name": "...", "periods": [{"number": 1, "name": "..."}]}',
    context.maxBodyBytes,
  );
  const name = body.name?.trim() ?? plan.name;
  const names = new Map((body.periods ?? []).map((p) => [p.number, p.name.trim()]));
  const checked = buildPlan({
    name,
    firstYear: plan.firstYear,
    years: plan.years,
    periodYears: plan.periodYears,
    periods: plan.periods.map((p) => ({ ...p, name: names.get(p.number) ?? p.name })),
  });
  if (!checked.ok) throw new HttpError(400, PROBLEMS[checked.problem], checked.problem);
  if ([...names.keys()].some((n) => !plan.periods.some((p) => p.number === n))) {
    throw new HttpError(400, 'the plan has no period with this number');
  }
  const renamed = await context.plans.rename(planId, name, names, Date.now());
  if (!renamed) throw new HttpError(404, 'no plan with this id');
  await mirrorBoards(context, planId);
  sendJson(res, 200, await describePlan(context, renamed));
}

/** Facilitator of the board, or ADMIN_TOKEN (null access); refused on an archived board (read-only). */
export async function authorizeBoardFacilitator(
  context: ApiContext,
  req: IncomingMessage,
  boardId: string,
): Promise<Access | null> {
  let access: Access | null = null;
  if (isAdmin(context, req)) {
    if (!(await context.boards.getBoard(boardId))) throw new HttpError(404, 'no board with this id');
  } else {
    access = await authorize(context, req, boardId, ['facilitator']);
  }
  if ((await context.boards.getBoard(boardId))?.archivedAt != null) {
    throw new HttpError(409, 'the board is archived (read-only): unarchive it first', 'archived');
  }
  return access;
}

const adminActor = { role: 'facilitator' as const, personId: null, name: 'ADMIN_TOKEN', address: null };

/**
 * `GET /api/boards/<id>/plan`: the board's plan with its boards, or `{ plan: null }`; its facilitator also gets
 * the plan's join key, to hand to the facilitator of another board of the working group.
 */
export async function readBoardPlanApi(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
) {
  const access = isAdmin(context, req)
    ? null
    : await authorize(context, req, boardId, ['facilitator', 'participant', 'viewer']);
  const membership = await context.plans.planOfBoard(boardId);
  const plan = membership ? await context.plans.get(membership.id) : null;
  const joinKey = plan && (access === null || access.role === 'facilitator') ? plan.joinKey : undefined;
  sendJson(res, 200, { plan: plan ? { ...(await describePlan(context, plan)), joinKey } : null, membership });
}

/** Puts the board in a period of the plan (by number, or the one holding `year`), records it and shows it. */
async function join(
  context: ApiContext,
  req: IncomingMessage,
  boardId: string,
  access: Access | null,
  body: { planId: string; periodNumber?: number; year?: number; workingGroup?: string },
) {
  const periods = (await context.plans.get(body.planId))?.periods ?? [];
  // A year names the period holding it, else the plan's first: a board whose own years lie outside the plan
  // still joins, and the facilitator moves it to the right period afterwards.
  const periodNumber =
    body.periodNumber ??
    periods.find((p) => body.year !== undefined && p.first <= body.year && body.year <= p.last)?.number ??
    periods[0]?.number ??
    1;
  const refusal = await context.plans.attach(boardId, body.planId, periodNumber, body.workingGroup ?? '', Date.now());
  if (refusal) {
    const [status, message] = ATTACH_REFUSALS[refusal];
    throw new HttpError(status, message, refusal);
  }
  const actor = access ? actorOf(access, req) : adminActor;
  await context.audit.record(boardId, actor, 'plan.attach', { planId: body.planId, periodNumber });
  // Stored: the settings document shows it now, or when it next loads (the mirror catches up then).
  await context.stateMirror.mirror(boardId).catch(() => {});
  return await context.plans.planOfBoard(boardId);
}

/**
 * `PUT /api/boards/<id>/plan` `{ joinKey | planId, periodNumber? | year?, workingGroup? }`: the board joins a
 * plan period. Joining needs the plan's join key (a board's facilitator alone cannot enter someone else's plan,
 * whose id every viewer of its boards can read); moving a board between the periods of its own plan, or
 * ADMIN_TOKEN, may name the plan by its id.
 */
export async function attachBoard(context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string) {
  const access = await authorizeBoardFacilitator(context, req, boardId);
  const body = await readJson(req, attachSchema, '{"joinKey": "...", "year": 2027}', context.maxBodyBytes);
  let planId: string;
  if (body.joinKey !== undefined) {
    const plan = await context.plans.byJoinKey(body.joinKey);
    if (!plan) throw new HttpError(404, 'no plan has this join key', 'no-plan');
    planId = plan.id;
  } else {
    planId = body.planId!;
    if (access !== null && (await context.plans.planOfBoard(boardId))?.id !== planId) {
      throw new HttpError(403, 'joining a plan needs its join key (参加キー)', 'join-key-needed');
    }
  }
  sendJson(res, 200, { membership: await join(context, req, boardId, access, { ...body, planId }) });
}

/**
 * `POST /api/boards/<id>/plan` `{ name, firstYear, years?, periodYears?, periods?, year? }`: the board's
 * facilitator makes a plan and the board joins the period holding `year` (its own period's first year).
 */
export async function createPlanForBoard(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
) {
  context.creation.check(req, res, 'create');
  const access = await authorizeBoardFacilitator(context, req, boardId);
  const body = await readJson(
    req,
    createSchema.extend({ year: year.optional() }),
    '{"name": "...", "firstYear": 2022}',
    context.maxBodyBytes,
  );
  const built = buildPlan(body);
  if (!built.ok) throw new HttpError(400, PROBLEMS[built.problem], built.problem);
  const plan = await context.plans.create(nanoid(21), nanoid(24), built.plan, Date.now());
  const membership = await join(context, req, boardId, access, { planId: plan.id, year: body.year });
  sendJson(res, 201, {
    plan: { ...(await describePlan(context, (await context.plans.get(plan.id))!)), joinKey: plan.joinKey },
    membership,
  });
}

/** `DELETE /api/boards/<id>/plan`: the board leaves its plan (it keeps the period's years as its own). */
export async function detachBoard(context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string) {
  const access = await authorizeBoardFacilitator(context, req, boardId);
  const left = await context.plans.detach(boardId);
  if (left) {
    await context.audit.record(boardId, access ? actorOf(access, req) : adminActor, 'plan.detach');
    await context.stateMirror.mirror(boardId).catch(() => {});
  }
  sendJson(res, 200, { membership: null });
}
