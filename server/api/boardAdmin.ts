import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { CLOSE } from '../../shared/protocol.js';
import { readArchivedAt, writeArchivedAt } from '../../shared/records/serverState.js';
import { HttpError, readJson, sendJson } from '../httpUtil.js';
import type { MirroredState } from '../serverStateMirror.js';
import type { BoardStore } from '../storage.js';
import { logAdminEvent } from './adminLog.js';
import { type ApiContext, actorOf, authorize } from './context.js';

/** The facilitator's archive, unarchive and delete of a whole board (docs/api.md). */

const deleteSchema = z.object({ confirm: z.string({ error: 'confirm must be the board id' }) });

/** The archive, shown to every client in the settings document (`server.archivedAt`). */
export function archiveState(boards: BoardStore): MirroredState<number | null> {
  return {
    name: 'archivedAt',
    wanted: async (boardId) => (await boards.getBoard(boardId))?.archivedAt ?? null,
    shown: readArchivedAt,
    write: writeArchivedAt,
  };
}

async function setArchived(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  archived: boolean,
): Promise<void> {
  const access = await authorize(context, req, boardId, ['facilitator']);
  // Storage first: if the disk refuses (507), the board and its connections stay as they were.
  await context.boards.setArchived(boardId, archived);
  context.rooms.setArchived(boardId, archived);
  await context.audit.record(boardId, actorOf(access, req), archived ? 'board.archive' : 'board.unarchive');
  logAdminEvent(
    context,
    req,
    archived ? 'board.archived' : 'board.unarchived',
    `board ${boardId} ${archived ? 'archived' : 'unarchived'} by its facilitator`,
    { board: boardId, access },
  );
  try {
    await context.stateMirror.mirror(boardId);
  } catch {
    throw new HttpError(
      503,
      `the board is ${archived ? 'archived' : 'unarchived'}, but the clients could not be told yet: the settings document could not be stored; try again`,
    );
  }
  sendJson(res, 200, { id: boardId, archived });
}

/** `POST /api/boards/<id>/archive`: read-only for everyone; the open connections are told at once. */
export const archiveBoard = (context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string) =>
  setArchived(context, req, res, boardId, true);

/** `POST /api/boards/<id>/unarchive`: writable again; writes refused meanwhile are asked for again. */
export const unarchiveBoard = (context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string) =>
  setArchived(context, req, res, boardId, false);

/** `DELETE /api/boards/<id>` `{"confirm": "<board id>"}`: deletes the board for good. */
export async function deleteBoard(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  const confirmation = 'to delete this board, send the body {"confirm": "<the board id>"}';
  const { confirm } = await readJson(req, deleteSchema, '{"confirm": "<the board id>"}', context.maxBodyBytes).catch(
    (error: unknown) => {
      throw error instanceof HttpError && error.status === 400 ? new HttpError(400, confirmation) : error;
    },
  );
  const access = await authorize(context, req, boardId, ['facilitator']);
  if (confirm !== boardId) throw new HttpError(400, confirmation);
  // Storage first: if the disk refuses, the board and its connections stay as they were.
  await context.boards.deleteBoard(boardId);
  context.rooms.deleteBoard(boardId);
  // Its links no longer read the earlier boards it was made from: close those connections too (server/auth.ts).
  context.connections.closeReadersThrough(boardId, CLOSE.unauthorized, 'the board this link is of was deleted');
  context.locks.forget(boardId);
  logAdminEvent(context, req, 'board.deleted', `board ${boardId} deleted by its facilitator`, {
    board: boardId,
    access,
  });
  sendJson(res, 200, { id: boardId, deleted: true });
}
