import { z } from 'zod';
import { bearerToken, resolveRole } from './auth.js';
import type { Rooms } from './rooms.js';
import { type BoardStore, StorageFullError } from './storage.js';

/** The facilitator's archive, unarchive and delete of a whole board (docs/api.md). */

export interface BoardAdminOptions {
  boards: BoardStore;
  rooms: Rooms;
  log: (message: string) => void;
}

export interface AdminAnswer {
  status: number;
  body: Record<string, unknown>;
  /** Set for a wrong method: the methods the route allows (405). */
  allow?: string;
}

const deleteSchema = z.object({ confirm: z.string() });

const DISK_FULL: AdminAnswer = {
  status: 507,
  body: { error: "the server's disk is full: nothing was changed; try again later" },
};

/** Null when the bearer token is the board's facilitator token; otherwise the refusal. */
function refuseUnlessFacilitator(options: BoardAdminOptions, boardId: string, authorization: string | undefined) {
  const resolution = resolveRole(options.boards, boardId, bearerToken(authorization));
  if (resolution.kind === 'unknownBoard') return { status: 404, body: { error: 'no board with this id' } };
  if (resolution.kind === 'badToken') return { status: 401, body: { error: 'missing or wrong token' } };
  if (resolution.role !== 'facilitator') {
    return { status: 403, body: { error: 'only the facilitator can archive or delete this board' } };
  }
  return null;
}

/** Storage writes: a full disk is the person's to wait out (507), anything else is ours (thrown, 500). */
function storing(run: () => AdminAnswer): AdminAnswer {
  try {
    return run();
  } catch (error) {
    if (error instanceof StorageFullError) return DISK_FULL;
    throw error;
  }
}

/** Archived: read-only for everyone; the open connections are told at once. */
export function setBoardArchived(
  options: BoardAdminOptions,
  boardId: string,
  authorization: string | undefined,
  archived: boolean,
): AdminAnswer {
  const refusal = refuseUnlessFacilitator(options, boardId, authorization);
  if (refusal) return refusal;
  return storing(() => {
    options.boards.setArchived(boardId, archived);
    options.rooms.setArchived(boardId, archived);
    options.log(`board ${boardId} ${archived ? 'archived' : 'unarchived'} by its facilitator`);
    return { status: 200, body: { id: boardId, archived } };
  });
}

/** Deletes the board for good once the body confirms its id: `{"confirm": "<board id>"}`. */
export function deleteBoard(
  options: BoardAdminOptions,
  boardId: string,
  authorization: string | undefined,
  bodyText: string,
): AdminAnswer {
  const refusal = refuseUnlessFacilitator(options, boardId, authorization);
  if (refusal) return refusal;
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = null;
  }
  const parsed = deleteSchema.safeParse(body);
  if (!parsed.success || parsed.data.confirm !== boardId) {
    return { status: 400, body: { error: 'to delete this board, send the body {"confirm": "<the board id>"}' } };
  }
  return storing(() => {
    // Storage first: if the disk refuses, the board and its connections stay as they were.
    options.boards.deleteBoard(boardId);
    options.rooms.deleteBoard(boardId);
    options.log(`board ${boardId} deleted by its facilitator`);
    return { status: 200, body: { id: boardId, deleted: true } };
  });
}

const ROUTE = /^\/api\/boards\/([^/]+)(?:\/(archive|unarchive))?$/;

/**
 * `POST /api/boards/<id>/archive`, `POST /api/boards/<id>/unarchive`, `DELETE /api/boards/<id>`; null for any
 * other path.
 */
export async function answerBoardAdmin(
  options: BoardAdminOptions,
  path: string,
  req: { method?: string; headers: { authorization?: string } },
  readBody: () => Promise<string>,
): Promise<AdminAnswer | null> {
  const match = ROUTE.exec(path);
  if (!match) return null;
  const boardId = match[1]!;
  const action = match[2];
  if (action) {
    if (req.method !== 'POST') return { status: 405, body: {}, allow: 'POST' };
    return setBoardArchived(options, boardId, req.headers.authorization, action === 'archive');
  }
  if (req.method !== 'DELETE') return { status: 405, body: {}, allow: 'DELETE' };
  return deleteBoard(options, boardId, req.headers.authorization, await readBody());
}
