import type { IncomingMessage, ServerResponse } from 'node:http';
import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import { z } from 'zod';
import { PERSON_NAME_MAX, TITLE_MAX } from '../../shared/limits.js';
import { ROLES, type Role } from '../../shared/roles.js';
import { boardTitle } from '../../shared/selectors.js';
import { initialiseBoardDoc, initialiseSettingsDoc } from '../../shared/template.js';
import { decideWrite } from '../../shared/writePolicy.js';
import { bearerToken, hashToken, newRoleTokens, newToken, sameSecret } from '../auth.js';
import { HttpError, readJson, sendJson } from '../httpUtil.js';
import { MAX_PEOPLE_PER_BOARD } from '../people.js';
import type { BoardWrites } from '../storage/types.js';
import { type BoardRecord, StorageCorruptionError } from '../storage.js';
import { logAdminEvent } from './adminLog.js';
import { type ApiContext, authorize, boardLink } from './context.js';

const createBoardSchema = z.object({
  title: z
    .string({ error: 'title must be a string' })
    .trim()
    .min(1, 'title must not be empty')
    .max(TITLE_MAX, `title must be at most ${TITLE_MAX} characters`),
});

export const personNameSchema = z
  .string({ error: 'name must be a string' })
  .trim()
  .min(1, 'name must not be empty')
  .max(PERSON_NAME_MAX, `name must be at most ${PERSON_NAME_MAX} characters`);

const nameBodySchema = z.object({ name: personNameSchema });

/** Whether the request may create a board: anyone, unless ADMIN_TOKEN is set (then its bearer only). */
export function mayCreateBoards(context: ApiContext, req: IncomingMessage): boolean {
  if (!context.adminToken) return true;
  const presented = bearerToken(req.headers.authorization);
  return presented !== null && sameSecret(presented, context.adminToken);
}

export interface NewBoard {
  id: string;
  title: string;
  tokens: Record<Role, string>;
  links: Record<Role, string>;
}

/** Stores a new board (new id, new role tokens) with its two documents. Answers as `POST /api/boards` does. */
export async function storeNewBoard(
  context: ApiContext,
  title: string,
  documents: { board: Uint8Array; settings: Uint8Array },
  /** The boards inside the caller's transaction (`context.boards.within(tx)`), when the board is part of one. */
  boards: BoardWrites = context.boards,
): Promise<NewBoard> {
  const { record, answer } = newBoard(context, title);
  await boards.createBoard(record, documents);
  return answer;
}

function newBoard(context: ApiContext, title: string): { record: BoardRecord; answer: NewBoard } {
  const id = nanoid(12);
  const { tokens, hashes } = newRoleTokens();
  const record = { id, title, createdAt: Date.now(), tokenHashes: hashes };
  const links = Object.fromEntries(ROLES.map((role) => [role, boardLink(context, id, tokens[role])])) as Record<
    Role,
    string
  >;
  return { record, answer: { id, title, tokens, links } };
}

export async function createBoard(context: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  context.creation.check(req, res, 'create');
  if (!mayCreateBoards(context, req)) {
    return sendJson(res, 401, { error: 'creating a board needs Authorization: Bearer <ADMIN_TOKEN>' });
  }
  const { title } = await readJson(req, createBoardSchema, '{"title": "..."}', context.maxBodyBytes);
  const settings = new Y.Doc();
  initialiseSettingsDoc(settings, title);
  const board = new Y.Doc();
  initialiseBoardDoc(board);
  const created = await storeNewBoard(context, title, {
    board: Y.encodeStateAsUpdate(board),
    settings: Y.encodeStateAsUpdate(settings),
  });
  settings.destroy();
  board.destroy();
  logAdminEvent(context, req, 'board.created', `board ${created.id} created`, { board: created.id });
  sendJson(res, 201, created);
}

/** The current title: from the live settings document when loaded, else from storage. */
async function currentTitle(context: ApiContext, boardId: string, fallback: string): Promise<string> {
  const live = context.rooms.get(boardId, 'settings');
  if (live) return boardTitle(live.doc) || fallback;
  const doc = new Y.Doc();
  try {
    for (const update of (await context.documents.loadDocument(boardId, 'settings')).updates)
      Y.applyUpdate(doc, update);
    return boardTitle(doc) || fallback;
  } catch (error) {
    if (error instanceof StorageCorruptionError) return fallback;
    throw error;
  } finally {
    doc.destroy();
  }
}

/** `GET /api/boards/<id>/me`: what this token gives, and the person behind it when it is personal. */
export async function me(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  const access = await authorize(context, req, boardId, ROLES);
  const board = await context.boards.getBoard(boardId);
  const { role, person } = access;
  const archived = (board?.archivedAt ?? null) !== null;
  sendJson(res, 200, {
    boardId,
    title: await currentTitle(context, boardId, board?.title ?? ''),
    role,
    person: person && { id: person.id, name: person.name, kind: person.kind },
    // The lock is not counted here: clients follow it live in the settings document.
    canWrite: {
      board: decideWrite({ role, target: 'board', person: person !== null, archived, locked: false }).allowed,
      settings: decideWrite({ role, target: 'settings', person: person !== null, archived, locked: false }).allowed,
    },
    archived,
    damaged: (await context.boards.findDamage(boardId)).length > 0,
    // Read with a link of a later period's board (server/auth.ts): which one, so the page can say so.
    through: access.credential.kind === 'laterBoard' ? await laterBoardOf(context, access.credential.boardId) : null,
  });
}

async function laterBoardOf(context: ApiContext, boardId: string): Promise<{ boardId: string; title: string }> {
  return {
    boardId,
    title: await currentTitle(context, boardId, (await context.boards.getBoard(boardId))?.title ?? ''),
  };
}

/**
 * `POST /api/boards/<id>/guests`: a browser that joined through a shared (facilitator or participant) link
 * gets its own identity, behind a personal token it uses from then on.
 */
export async function createGuest(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  // The body first, the token after: a link replaced while the body was on its way must not count.
  const { name } = await readJson(req, nameBodySchema, '{"name": "..."}', context.maxBodyBytes);
  const access = await authorize(context, req, boardId, ['facilitator', 'participant']);
  if (access.credential.kind !== 'link') throw new HttpError(409, 'this token already belongs to a person');
  await refuseWhenFull(context, boardId);
  const token = newToken();
  const role = access.role === 'facilitator' ? 'facilitator' : 'participant';
  const person = await context.people.add({ boardId, kind: 'guest', role, name }, hashToken(token));
  sendJson(res, 201, { token, person: { id: person.id, name: person.name, kind: person.kind, role } });
}

export async function refuseWhenFull(context: ApiContext, boardId: string): Promise<void> {
  if ((await context.people.count(boardId)) >= MAX_PEOPLE_PER_BOARD) {
    throw new HttpError(409, `this board has reached ${MAX_PEOPLE_PER_BOARD} people; ask the facilitator`);
  }
}

/** `PATCH /api/boards/<id>/me` `{name}`: a person changes the name the board shows for them. */
export async function renameSelf(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  const { name } = await readJson(req, nameBodySchema, '{"name": "..."}', context.maxBodyBytes);
  const access = await authorize(context, req, boardId, ROLES);
  if (!access.person) throw new HttpError(409, 'a shared link has no person to rename; join as a guest first');
  const renamed = await context.people.rename(boardId, access.person.id, name);
  if (!renamed) throw new HttpError(401, 'missing or wrong token');
  sendJson(res, 200, { person: { id: renamed.id, name: renamed.name, kind: renamed.kind } });
}
