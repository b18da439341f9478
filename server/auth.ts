import { createHash, timingSafeEqual } from 'node:crypto';
import { nanoid } from 'nanoid';
import { ROLES, type Role } from '../shared/roles.js';
import type { PeopleStore, Person } from './people.js';
import type { BoardStore } from './storage.js';

/** 22 nanoid characters: 132 random bits. */
export const TOKEN_LENGTH = 22;
/** Longer strings are not tokens of ours; refuse them before hashing. */
const TOKEN_MAX = 128;

export function newToken(): string {
  return nanoid(TOKEN_LENGTH);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newRoleTokens(): { tokens: Record<Role, string>; hashes: Record<Role, string> } {
  const tokens = { facilitator: newToken(), participant: newToken(), viewer: newToken() };
  const hashes = {
    facilitator: hashToken(tokens.facilitator),
    participant: hashToken(tokens.participant),
    viewer: hashToken(tokens.viewer),
  };
  return { tokens, hashes };
}

/** Compares fixed-length hashes, so the time taken says nothing about how much of a token was right. */
function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * What a token gives on a board: a role, and the person when the token is personal (a roster member's link or
 * a guest identity). `credential` is what a replaced link or a removed person revokes.
 */
export interface Access {
  role: Role;
  person: Person | null;
  credential: { kind: 'link'; role: Role } | { kind: 'person'; personId: string };
}

export type Resolution = { kind: 'access'; access: Access } | { kind: 'unknownBoard' } | { kind: 'badToken' };

/**
 * Which access a token gives on a board. Every shared link's hash is compared in constant time, whichever
 * matches; a personal token is then looked up by its hash (a lookup by hash reveals nothing of the token).
 */
export function resolveAccess(
  boards: BoardStore,
  people: PeopleStore,
  boardId: string,
  token: string | null | undefined,
): Resolution {
  const board = boards.getBoard(boardId);
  if (!board) return { kind: 'unknownBoard' };
  if (!token || token.length > TOKEN_MAX) return { kind: 'badToken' };
  const presented = hashToken(token);
  let found: Role | null = null;
  for (const role of ROLES) {
    if (sameHash(presented, board.tokenHashes[role])) found = role;
  }
  if (found)
    return { kind: 'access', access: { role: found, person: null, credential: { kind: 'link', role: found } } };
  const person = people.byTokenHash(boardId, presented);
  if (!person) return { kind: 'badToken' };
  return {
    kind: 'access',
    access: { role: person.role, person, credential: { kind: 'person', personId: person.id } },
  };
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

export function sameSecret(presented: string, expected: string): boolean {
  return sameHash(hashToken(presented), hashToken(expected));
}
