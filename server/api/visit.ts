import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { z } from 'zod';
import { HttpError, readJson, sendJson } from '../httpUtil.js';
import { type ApiContext, authorize } from './context.js';

/** An encoded snapshot is a few kilobytes (a state vector and a delete set); far more is not one of ours. */
const SEEN_MAX_CHARS = 512 * 1024;
const visitSchema = z.object({
  seen: z.string({ error: 'seen must be a base64 string' }).min(1).max(SEEN_MAX_CHARS, 'seen is too large'),
});

async function personOf(context: ApiContext, req: IncomingMessage, boardId: string) {
  const access = await authorize(context, req, boardId, ['facilitator', 'participant', 'viewer']);
  if (!access.person) {
    throw new HttpError(409, 'this link has no person behind it: the last visit is kept in this browser only');
  }
  return access.person;
}

/** `GET /api/boards/<id>/visit`: what this person has seen of the board, from any of their devices. */
export async function readVisit(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  const person = await personOf(context, req, boardId);
  const seen = await context.visits.seen(boardId, person.id);
  sendJson(res, 200, { seen: seen ? Buffer.from(seen).toString('base64') : null });
}

/**
 * `PUT /api/boards/<id>/visit` `{seen}`: what this device has seen (base64 of `Y.encodeSnapshot`). Stored as the
 * union with what the person's other devices reported; the answer is that union.
 */
export async function writeVisit(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  const { seen } = await readJson(req, visitSchema, '{"seen": "<base64 of Y.encodeSnapshot>"}', context.maxBodyBytes);
  const person = await personOf(context, req, boardId);
  let snapshot: Y.Snapshot;
  try {
    snapshot = Y.decodeSnapshot(new Uint8Array(Buffer.from(seen, 'base64')));
  } catch {
    throw new HttpError(400, 'seen is not an encoded Yjs snapshot');
  }
  const merged = await context.visits.record(boardId, person.id, snapshot, Date.now());
  sendJson(res, 200, { seen: Buffer.from(merged).toString('base64') });
}
