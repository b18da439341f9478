import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { SNAPSHOT_NAME_MAX, TITLE_MAX } from '../../shared/limits.js';
import { ROLES } from '../../shared/roles.js';
import { HttpError, readJson, sendJson } from '../httpUtil.js';
import { documentsFromSnapshot } from '../snapshotRestore.js';
import { SnapshotDamagedError } from '../snapshotStore.js';
import { storeNewBoard } from './boards.js';
import { type ApiContext, actorOf, authorize } from './context.js';

/** Named snapshots of a board: save, list, read, delete, and restore into a new board (docs/api.md). */

const saveSchema = z.object({
  name: z
    .string({ error: 'name must be a string' })
    .trim()
    .min(1, 'name must not be empty')
    .max(SNAPSHOT_NAME_MAX, `name must be at most ${SNAPSHOT_NAME_MAX} characters`),
});

const restoreSchema = z.object({
  title: z
    .string({ error: 'title must be a string' })
    .trim()
    .min(1, 'title must not be empty')
    .max(TITLE_MAX, `title must be at most ${TITLE_MAX} characters`)
    .optional(),
});

/** `POST /api/boards/<id>/snapshots` `{name}` (facilitator): the board as it is now. */
export async function saveSnapshot(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  const { name } = await readJson(req, saveSchema, '{"name": "..."}', context.maxBodyBytes);
  const access = await authorize(context, req, boardId, ['facilitator']);
  const snapshot = await context.snapshots.save(boardId, name, actorOf(access));
  await context.audit.record(boardId, actorOf(access, req), 'snapshot.save', { snapshotId: snapshot.id, name });
  sendJson(res, 201, { snapshot });
}

/** `GET /api/boards/<id>/snapshots` (any link): the snapshots, newest first, without their documents. */
export async function listSnapshots(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  await authorize(context, req, boardId, ROLES);
  sendJson(res, 200, { snapshots: await context.snapshotStore.list(boardId) });
}

async function storedSnapshot(context: ApiContext, boardId: string, snapshotId: string) {
  let found: Awaited<ReturnType<ApiContext['snapshotStore']['get']>>;
  try {
    found = await context.snapshotStore.get(boardId, snapshotId);
  } catch (error) {
    if (error instanceof SnapshotDamagedError) {
      context.log(error.message);
      throw new HttpError(503, "this snapshot's stored data is damaged; restore it from a backup");
    }
    throw error;
  }
  if (!found) throw new HttpError(404, 'no snapshot with this id on this board');
  return found;
}

/** `GET /api/boards/<id>/snapshots/<snapshotId>` (any link): the two documents as base64 Yjs updates. */
export async function readSnapshot(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  snapshotId: string,
): Promise<void> {
  await authorize(context, req, boardId, ROLES);
  const { meta, states } = await storedSnapshot(context, boardId, snapshotId);
  sendJson(res, 200, {
    snapshot: meta,
    documents: {
      board: Buffer.from(states.board).toString('base64'),
      settings: Buffer.from(states.settings).toString('base64'),
    },
  });
}

/** `DELETE /api/boards/<id>/snapshots/<snapshotId>` (facilitator). */
export async function deleteSnapshot(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  snapshotId: string,
): Promise<void> {
  const access = await authorize(context, req, boardId, ['facilitator']);
  const meta = (await context.snapshotStore.list(boardId)).find((s) => s.id === snapshotId);
  if (!meta || !(await context.snapshotStore.remove(boardId, snapshotId))) {
    throw new HttpError(404, 'no snapshot with this id on this board');
  }
  await context.audit.record(boardId, actorOf(access, req), 'snapshot.delete', { snapshotId, name: meta.name });
  sendJson(res, 200, { id: snapshotId, deleted: true });
}

/**
 * `POST /api/boards/<id>/snapshots/<snapshotId>/restore` `{title?}` (facilitator): a NEW board holding the
 * snapshot's documents, with new links. The board the snapshot came from is not touched.
 */
export async function restoreSnapshot(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  snapshotId: string,
): Promise<void> {
  const { title } = await readJson(req, restoreSchema, '{"title"?: "..."}', context.maxBodyBytes);
  const access = await authorize(context, req, boardId, ['facilitator']);
  const { meta, states } = await storedSnapshot(context, boardId, snapshotId);
  const documents = documentsFromSnapshot(states, title ?? null, meta.name);
  const created = await storeNewBoard(context, documents.title, documents);
  await context.audit.record(boardId, actorOf(access, req), 'snapshot.restore', {
    snapshotId,
    name: meta.name,
    newBoardId: created.id,
  });
  context.log(`board ${boardId}: snapshot ${snapshotId} restored into the new board ${created.id}`);
  sendJson(res, 201, created);
}
