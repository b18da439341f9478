import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { migrateBoardDoc, migrateSettingsDoc } from '../../shared/migrations.js';
import { buildNextPeriodDocs } from '../../shared/nextPeriod.js';
import { nextPeriod } from '../../shared/plan.js';
import { hashToken, newToken } from '../auth.js';
import { committedState } from '../export/collect.js';
import { HttpError, sendJson } from '../httpUtil.js';
import type { Person } from '../people.js';
import { logAdminEvent } from './adminLog.js';
import { storeNewBoard } from './boards.js';
import { type ApiContext, actorOf, boardLink } from './context.js';
import { authorizeBoardFacilitator } from './plans.js';

const adminActor = { role: 'facilitator' as const, personId: null, name: 'ADMIN_TOKEN', address: null };

/**
 * `POST /api/boards/<id>/next-period` (docs/api.md, Plans): the facilitator of a board in a plan (or
 * ADMIN_TOKEN) makes the plan's next period's board from it (shared/nextPeriod.ts says what is carried), with
 * its own links; the roster's members come along with new personal links; the finished board is archived
 * (read-only, still readable). Made once: the board made from it is recorded, and a second request is 409
 * naming it. Every row (board, plan period, people, archive) is one SQLite transaction: all or nothing.
 */
export async function createNextPeriodBoard(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  const made = await context.plans.madeFrom(boardId);
  if (made && (await context.boards.getBoard(made))) {
    await authorizeFacilitatorOrAdmin(context, req, boardId);
    throw new HttpError(409, 'the next period’s board was already made from this board', 'next-period-exists', {
      boardId: made,
    });
  }
  const access = await authorizeBoardFacilitator(context, req, boardId);
  const membership = await context.plans.planOfBoard(boardId);
  if (!membership) throw new HttpError(409, 'the board is in no plan: add it to a plan period first', 'not-in-plan');
  const plan = await context.plans.get(membership.id);
  const next = plan ? nextPeriod(plan, membership.period.number) : null;
  if (!plan || !next) {
    throw new HttpError(409, 'this is the plan’s last period: it has no next period', 'no-next-period');
  }

  const record = await context.boards.getBoard(boardId);
  const boardState = await committedState(context, boardId, 'board');
  const settingsState = await committedState(context, boardId, 'settings');
  const oldBoard = new Y.Doc();
  const oldSettings = new Y.Doc();
  try {
    Y.applyUpdate(oldBoard, boardState);
    Y.applyUpdate(oldSettings, settingsState);
    // A board not loaded since an upgrade is stored in an older schema: read it as the current one.
    migrateBoardDoc(oldBoard);
    migrateSettingsDoc(oldSettings, null, record?.createdAt ?? Date.now());
    const docs = buildNextPeriodDocs(oldBoard, oldSettings, { boardId, period: membership.period }, next);
    const documents = { board: Y.encodeStateAsUpdate(docs.board), settings: Y.encodeStateAsUpdate(docs.settings) };
    docs.board.destroy();
    docs.settings.destroy();
    const title = record?.title ?? '';
    // One transaction: the board, its plan rows, its people and the old board's archive, all or nothing.
    const { created, members } = await context.sql.transaction(async (tx) => {
      const plans = context.plans.within(tx);
      const people = context.people.within(tx);
      const boards = context.boards.within(tx);
      // The old board's row locked first, so that of two requests at once the second waits for the first and
      // then finds the board it made (on PostgreSQL they would otherwise both pass the check below).
      await tx.run('UPDATE boards SET archived_at = archived_at WHERE id = ?', [boardId]);
      const madeMeanwhile = await plans.madeFrom(boardId);
      if (madeMeanwhile) {
        throw new HttpError(409, 'the next period’s board was already made from this board', 'next-period-exists', {
          boardId: madeMeanwhile,
        });
      }
      const created = await storeNewBoard(context, title, documents, boards);
      await plans.recordMadeFrom(boardId, created.id);
      const refusal = await plans.attach(created.id, plan.id, next.number, membership.workingGroup, Date.now());
      if (refusal)
        throw new HttpError(409, 'this period of the plan already has a board for this working group', refusal);
      const members: Array<{ name: string; role: Person['role']; link: string }> = [];
      for (const person of (await people.list(boardId)).filter((one) => one.kind === 'member')) {
        const token = newToken();
        const carried = await people.add(
          { boardId: created.id, kind: 'member', role: person.role, name: person.name },
          hashToken(token),
        );
        members.push({ name: carried.name, role: carried.role, link: boardLink(context, created.id, token) });
      }
      await boards.setArchived(boardId, true);
      return { created, members };
    });
    context.rooms.setArchived(boardId, true);
    const actor = access ? actorOf(access, req) : adminActor;
    await context.audit.record(boardId, actor, 'plan.nextPeriod', { boardId: created.id, period: next.name });
    await context.audit.record(created.id, actor, 'plan.nextPeriod', { fromBoardId: boardId, period: next.name });
    logAdminEvent(context, req, 'plan.next-period', `board ${created.id} made from ${boardId} for ${next.name}`, {
      board: created.id,
      access,
    });
    // Made: the links are answered now, whatever happens next (they are shown only once). The settings
    // documents show the archive and the plan now, or when they next load.
    await Promise.all([context.stateMirror.mirror(boardId), context.stateMirror.mirror(created.id)]).catch(() => {});
    sendJson(res, 201, { ...created, period: next, members });
  } finally {
    oldBoard.destroy();
    oldSettings.destroy();
  }
}

/** The facilitator of the (possibly archived) board, or ADMIN_TOKEN: who may learn which board was made. */
async function authorizeFacilitatorOrAdmin(context: ApiContext, req: IncomingMessage, boardId: string): Promise<void> {
  try {
    await authorizeBoardFacilitator(context, req, boardId);
  } catch (error) {
    if (!(error instanceof HttpError && error.code === 'archived')) throw error;
  }
}
