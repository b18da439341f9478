import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { migrateBoardDoc, migrateSettingsDoc } from '../../shared/migrations.js';
import type { PlanPeriod } from '../../shared/plan.js';
import { buildLineages, describeOverviewBoard, type PlanOverview } from '../../shared/planOverview.js';
import { committedState } from '../export/collect.js';
import { HttpError, sendJson } from '../httpUtil.js';
import { type ApiContext, authorize } from './context.js';

/** One board of the plan as the overview shows it, read from its committed documents. */
async function readBoard(
  context: ApiContext,
  boardId: string,
  period: PlanPeriod,
  workingGroup: string,
  readableWithThisLink: boolean,
) {
  // A board deleted since it joined the plan is left out.
  const record = await context.boards.getBoard(boardId);
  if (!record) return null;
  const board = new Y.Doc();
  const settings = new Y.Doc();
  try {
    Y.applyUpdate(board, await committedState(context, boardId, 'board'));
    Y.applyUpdate(settings, await committedState(context, boardId, 'settings'));
    // A board not loaded since an upgrade is stored in an older schema: read it as the current one.
    migrateBoardDoc(board);
    migrateSettingsDoc(settings);
    const facts = { boardId, title: record.title, period, archived: record.archivedAt !== null, readableWithThisLink };
    return { ...describeOverviewBoard(board, settings, facts), workingGroup };
  } finally {
    board.destroy();
    settings.destroy();
  }
}

/** Whether `later` was made from `boardId`, or from a board made from it, and so on (「次期のボードを作る」). */
async function leadsTo(context: ApiContext, boardId: string, later: string): Promise<boolean> {
  const seen = new Set<string>();
  for (
    let next = await context.plans.madeFrom(boardId);
    next !== null && !seen.has(next);
    next = await context.plans.madeFrom(next)
  ) {
    if (next === later) return true;
    seen.add(next);
  }
  return false;
}

/**
 * `GET /api/boards/<id>/plan/overview` (docs/api.md, Plans): every board of the board's plan and working group,
 * and every initiative followed across the periods (shared/planOverview.ts), for every role of the board. Titles, periods and
 * verifications only: never a token, and the verifier's name only where that board's documents may name people.
 */
export async function readPlanOverview(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
) {
  const access = await authorize(context, req, boardId, ['facilitator', 'participant', 'viewer']);
  // A shared viewer link reads its own board only (server/auth.ts); the others read the earlier ones too.
  const readsEarlier = access.credential.kind !== 'laterBoard' && !(access.role === 'viewer' && !access.person);
  const membership = await context.plans.planOfBoard(boardId);
  const plan = membership ? await context.plans.get(membership.id) : null;
  if (!membership || !plan) throw new HttpError(404, 'the board is in no plan', 'not-in-plan');
  const boards: PlanOverview['boards'] = [];
  // Only the boards of this board's working group: a plan may hold several groups, and a link of one group's
  // board (a viewer's, forwarded widely) must not read another group's drafts.
  const ownGroup = (await context.plans.boards(plan.id)).filter((b) => b.workingGroup === membership.workingGroup);
  for (const member of ownGroup) {
    const period = plan.periods.find((p) => p.number === member.periodNumber);
    const readable = readsEarlier && member.boardId !== boardId && (await leadsTo(context, member.boardId, boardId));
    const board = period ? await readBoard(context, member.boardId, period, member.workingGroup, readable) : null;
    if (board) boards.push(board);
  }
  boards.sort((a, b) => a.period.number - b.period.number || a.title.localeCompare(b.title, 'ja'));
  const overview: PlanOverview = {
    plan: { id: plan.id, name: plan.name, periods: plan.periods },
    boardId,
    periodNumber: membership.period.number,
    boards,
    lineages: buildLineages(boards),
  };
  sendJson(res, 200, overview);
}
