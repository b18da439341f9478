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

/** A credential of the board itself: one of its shared links, or a person's own link. */
export type OwnCredential = { kind: 'link'; role: Role } | { kind: 'person'; personId: string };

/**
 * What a token gives on a board: a role, and the person when the token is personal (a roster member's link or
 * a guest identity). `credential` is what a replaced link or a removed person revokes: for a link of a later
 * period's board (`laterBoard`), that board's link or person (`via`).
 */
export interface Access {
  role: Role;
  person: Person | null;
  credential: OwnCredential | { kind: 'laterBoard'; boardId: string; via: OwnCredential };
}

export type Resolution = { kind: 'access'; access: Access } | { kind: 'unknownBoard' } | { kind: 'badToken' };

/** The board made for the next period from a board (server/planStore.ts `madeFrom`), or null. */
export type NextBoardOf = (boardId: string) => string | null | Promise<string | null>;

/** The most later boards a token is looked up on: a plan of eight years has four periods. */
const LATER_BOARDS_MAX = 16;

/**
 * Which access a token gives on a board. Every shared link's hash is compared in constant time, whichever
 * matches; a personal token is then looked up by its hash (a lookup by hash reveals nothing of the token).
 *
 * A token of none of the board's own links may be one of a board made from it for a later period (「次期のボードを
 * 作る」, recorded by the server, `nextBoardOf`; never what a document says): its members read the earlier
 * boards of their line as viewers, without being given their links. Its facilitator and participant links and
 * its people's links read them so, and nothing more (the earlier board is archived when the next one is made);
 * its shared viewer link does not.
 */
export async function resolveAccess(
  boards: BoardStore,
  people: PeopleStore,
  boardId: string,
  token: string | null | undefined,
  nextBoardOf?: NextBoardOf,
): Promise<Resolution> {
  const board = await boards.getBoard(boardId);
  if (!board) return { kind: 'unknownBoard' };
  if (!token || token.length > TOKEN_MAX) return { kind: 'badToken' };
  const presented = hashToken(token);
  const own = await ownAccess(board.tokenHashes, people, boardId, presented);
  if (own) return { kind: 'access', access: own };
  const seen = new Set([boardId]);
  for (let later = (await nextBoardOf?.(boardId)) ?? null; later !== null && seen.size <= LATER_BOARDS_MAX; ) {
    if (seen.has(later)) break;
    seen.add(later);
    const laterBoard = await boards.getBoard(later);
    if (!laterBoard) break;
    const via = await ownAccess(laterBoard.tokenHashes, people, later, presented);
    // The later board's shared viewer link (often handed out widely) reads only that board.
    if (via && via.role === 'viewer' && via.person === null) return { kind: 'badToken' };
    if (via) {
      const credential = { kind: 'laterBoard' as const, boardId: later, via: via.credential };
      return { kind: 'access', access: { role: 'viewer', person: null, credential } };
    }
    later = (await nextBoardOf?.(later)) ?? null;
  }
  return { kind: 'badToken' };
}

async function ownAccess(
  tokenHashes: Record<Role, string>,
  people: PeopleStore,
  boardId: string,
  presented: string,
): Promise<(Access & { credential: OwnCredential }) | null> {
  let found: Role | null = null;
  for (const role of ROLES) {
    if (sameHash(presented, tokenHashes[role])) found = role;
  }
  if (found) return { role: found, person: null, credential: { kind: 'link', role: found } };
  const person = await people.byTokenHash(boardId, presented);
  if (!person) return null;
  return { role: person.role, person, credential: { kind: 'person', personId: person.id } };
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
