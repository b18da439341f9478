import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { migrateBoardDoc, migrateSettingsDoc } from '../../shared/migrations.js';
import { buildNextPeriodDocs } from '../../shared/nextPeriod.js';
import { nextPeriod } from '../../shared/plan.js';
import { hashToken, newToken } from '../auth.js';
import { committedState } from '../export/collect.js';
import { HttpError, sendJson } from '../httpUtil.js';
import { logAdminEvent } from './adminLog.js';
import { storeNewBoard } from './boards.js';
import { type ApiContext, actorOf, authorize, boardLink } from './context.js';

/**
 * `POST /api/boards/<id>/next-period` (docs/api.md, Plans): the facilitator of a board in a plan makes the
 * plan's next period's board from it (shared/nextPeriod.ts says what is carried), with its own links; the
 * roster's members come along with new personal links; the finished board is archived (read-only, still
 * readable). Asked twice, it makes one board: the second answer is 409 naming the one made.
 */
export async function createNextPeriodBoard(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  const access = authorize(context, req, boardId, ['facilitator']);
  const membership = context.plans.planOfBoard(boardId);
  if (!membership) throw new HttpError(409, 'the board is in no plan: add it to a plan period first', 'no-plan');
  const plan = context.plans.get(membership.id);
  const next = plan ? nextPeriod(plan, membership.period.number) : null;
  if (!plan || !next) {
    throw new HttpError(409, 'this is the plan’s last period: it has no next period', 'no-next-period');
  }

  // Everything below is synchronous up to the attach: two requests at once cannot both make a board.
  const made = context.plans
    .boards(plan.id)
    .find((b) => b.periodNumber === next.number && b.workingGroup === membership.workingGroup);
  if (made) {
    throw new HttpError(409, 'the next period’s board already exists', 'next-period-exists', { boardId: made.boardId });
  }
  const oldBoard = new Y.Doc();
  const oldSettings = new Y.Doc();
  try {
    Y.applyUpdate(oldBoard, committedState(context, boardId, 'board'));
    Y.applyUpdate(oldSettings, committedState(context, boardId, 'settings'));
    // A board not loaded since an upgrade is stored in an older schema: read it as the current one.
    migrateBoardDoc(oldBoard);
    migrateSettingsDoc(oldSettings);
    const docs = buildNextPeriodDocs(oldBoard, oldSettings, { boardId, period: membership.period }, next);
    const title = context.boards.getBoard(boardId)?.title ?? '';
    const created = storeNewBoard(context, title, {
      board: Y.encodeStateAsUpdate(docs.board),
      settings: Y.encodeStateAsUpdate(docs.settings),
    });
    docs.board.destroy();
    docs.settings.destroy();
    const refusal = context.plans.attach(created.id, plan.id, next.number, membership.workingGroup, Date.now());
    if (refusal) throw new HttpError(409, `the next period could not take the board (${refusal})`, refusal);
    const members = context.people
      .list(boardId)
      .filter((person) => person.kind === 'member')
      .map((person) => {
        const token = newToken();
        const carried = context.people.add(
          { boardId: created.id, kind: 'member', role: person.role, name: person.name },
          hashToken(token),
        );
        return { name: carried.name, role: carried.role, link: boardLink(context, created.id, token) };
      });
    context.boards.setArchived(boardId, true);
    context.rooms.setArchived(boardId, true);
    const actor = actorOf(access, req);
    context.audit.record(boardId, actor, 'plan.nextPeriod', { boardId: created.id, period: next.name });
    context.audit.record(created.id, actor, 'plan.nextPeriod', { fromBoardId: boardId, period: next.name });
    logAdminEvent(context, req, 'plan.next-period', `board ${created.id} made from ${boardId} for ${next.name}`, {
      board: created.id,
      access,
    });
    await Promise.all([context.stateMirror.mirror(boardId), context.stateMirror.mirror(created.id)]).catch(() => {
      throw new HttpError(503, 'the next board is made, but a settings document could not be stored yet; reload');
    });
    sendJson(res, 201, { ...created, period: next, members });
  } finally {
    oldBoard.destroy();
    oldSettings.destroy();
  }
}
