import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { CLOSE } from '../../shared/protocol.js';
import { ROLES, type Role } from '../../shared/roles.js';
import { hashToken, newToken } from '../auth.js';
import { HttpError, readJson, sendJson } from '../httpUtil.js';
import type { Person } from '../people.js';
import { logAdminEvent } from './adminLog.js';
import { personNameSchema, refuseWhenFull } from './boards.js';
import { type ApiContext, actorOf, authorize, boardLink } from './context.js';

/** Close reasons the client recognises (it shows its own translation). */
export const LINK_REPLACED_REASON = 'link replaced: the facilitator replaced this link; ask for the new one';
export const PERSON_REMOVED_REASON = 'removed: the facilitator removed this person from the board';

const addMemberSchema = z.object({
  name: personNameSchema,
  role: z.enum(['participant', 'facilitator'], { error: 'role must be "participant" or "facilitator"' }).optional(),
});
const renameSchema = z.object({ name: personNameSchema });

const publicPerson = (person: Person) => ({
  id: person.id,
  kind: person.kind,
  role: person.role,
  name: person.name,
  createdAt: person.createdAt,
});

async function personOr404(context: ApiContext, boardId: string, personId: string): Promise<Person> {
  const person = await context.people.get(boardId, personId);
  if (!person) throw new HttpError(404, 'no such person on this board');
  return person;
}

/** Closes every connection opened with this person's (old) token (on earlier boards of the plan too). */
function closePersonConnections(context: ApiContext, boardId: string, personId: string, reason: string): void {
  context.connections.closeByCredential(
    boardId,
    (credential) => credential.kind === 'person' && credential.personId === personId,
    CLOSE.unauthorized,
    reason,
  );
}

/** `GET /api/boards/<id>/people`: the roster (members) and the guests, oldest first. */
export async function listPeople(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  await authorize(context, req, boardId, ['facilitator']);
  sendJson(res, 200, { people: (await context.people.list(boardId)).map(publicPerson) });
}

/**
 * `GET /api/boards/<id>/roster`: every person's id and display name, for any link of the board — what `@name` in a
 * comment completes from. Never a token, a role or a kind: the names are on the board's notes anyway.
 */
export async function readRoster(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  await authorize(context, req, boardId, ROLES);
  const people = (await context.people.list(boardId)).map((person) => ({ id: person.id, name: person.name }));
  sendJson(res, 200, { people });
}

/** `POST /api/boards/<id>/people` `{name, role?}`: a roster member and their personal link. */
export async function addMember(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  // The body first, the token after: a link replaced while the body was on its way must not count.
  const { name, role = 'participant' } = await readJson(
    req,
    addMemberSchema,
    '{"name": "...", "role"?: "..."}',
    context.maxBodyBytes,
  );
  const access = await authorize(context, req, boardId, ['facilitator']);
  await refuseWhenFull(context, boardId);
  const token = newToken();
  const person = await context.people.add({ boardId, kind: 'member', role, name }, hashToken(token));
  await context.audit.record(boardId, actorOf(access, req), 'member.add', { personId: person.id, name, role });
  sendJson(res, 201, { person: publicPerson(person), token, link: boardLink(context, boardId, token) });
}

/** `PATCH /api/boards/<id>/people/<personId>` `{name}`. */
export async function renamePerson(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  personId: string,
): Promise<void> {
  const { name } = await readJson(req, renameSchema, '{"name": "..."}', context.maxBodyBytes);
  const access = await authorize(context, req, boardId, ['facilitator']);
  const before = await personOr404(context, boardId, personId);
  const person = await context.people.rename(boardId, personId, name);
  if (!person) throw new HttpError(404, 'no such person on this board');
  await context.audit.record(boardId, actorOf(access, req), 'member.rename', { personId, from: before.name, to: name });
  sendJson(res, 200, { person: publicPerson(person) });
}

/** `DELETE /api/boards/<id>/people/<personId>`: the token stops working; open connections close (4401). */
export async function removePerson(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  personId: string,
): Promise<void> {
  const access = await authorize(context, req, boardId, ['facilitator']);
  if (access.person?.id === personId) throw new HttpError(409, 'you cannot remove yourself');
  const person = await context.people.revoke(boardId, personId);
  if (!person) throw new HttpError(404, 'no such person on this board');
  closePersonConnections(context, boardId, personId, PERSON_REMOVED_REASON);
  await context.audit.record(boardId, actorOf(access, req), 'member.remove', { personId, name: person.name });
  sendJson(res, 200, { removed: publicPerson(person) });
}

/** `POST /api/boards/<id>/people/<personId>/link`: a new personal link; the old one stops working at once. */
export async function regeneratePersonLink(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  personId: string,
): Promise<void> {
  const access = await authorize(context, req, boardId, ['facilitator']);
  const person = await personOr404(context, boardId, personId);
  const token = newToken();
  await context.people.replaceToken(boardId, personId, hashToken(token));
  closePersonConnections(context, boardId, personId, LINK_REPLACED_REASON);
  await context.audit.record(boardId, actorOf(access, req), 'member.regenerateLink', { personId, name: person.name });
  logAdminEvent(context, req, 'link.replaced', `board ${boardId}: the personal link of ${personId} replaced`, {
    board: boardId,
    access,
    link: 'person',
    target: personId,
  });
  sendJson(res, 200, { person: publicPerson(person), token, link: boardLink(context, boardId, token) });
}

const LINK_ROLES: readonly Role[] = ['facilitator', 'participant', 'viewer'];

/**
 * `POST /api/boards/<id>/links/<role>`: a new shared link for a role. The old link stops working at once,
 * and so do the guest identities issued through it (whoever had the old link could have made one), except
 * the requester's own; their open connections close with 4401.
 */
export async function regenerateRoleLink(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  role: string,
): Promise<void> {
  const access = await authorize(context, req, boardId, ['facilitator']);
  const linkRole = LINK_ROLES.find((r) => r === role);
  if (!linkRole) throw new HttpError(404, 'links exist for the roles facilitator, participant and viewer');
  const token = newToken();
  await context.linkTokens.replaceLinkTokenHash(boardId, linkRole, hashToken(token));
  const revokedGuests =
    linkRole === 'viewer' ? [] : await context.people.revokeGuests(boardId, linkRole, access.person?.id ?? null);
  const revoked = new Set(revokedGuests);
  context.connections.closeByCredential(
    boardId,
    (credential) => (credential.kind === 'link' ? credential.role === linkRole : revoked.has(credential.personId)),
    CLOSE.unauthorized,
    LINK_REPLACED_REASON,
  );
  await context.audit.record(boardId, actorOf(access, req), 'link.regenerate', {
    role: linkRole,
    guests: revokedGuests.length,
  });
  logAdminEvent(context, req, 'link.replaced', `board ${boardId}: the ${linkRole} link replaced`, {
    board: boardId,
    access,
    link: linkRole,
    revokedGuests: revokedGuests.length,
  });
  sendJson(res, 200, { role: linkRole, token, link: boardLink(context, boardId, token) });
}

/** `GET /api/boards/<id>/connections`: open tabs per role and the people connected. */
export async function listConnections(context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string) {
  await authorize(context, req, boardId, ['facilitator']);
  const names = new Map((await context.people.list(boardId)).map((person) => [person.id, person.name]));
  sendJson(
    res,
    200,
    context.connections.summary(boardId, (id) => names.get(id) ?? null),
  );
}
