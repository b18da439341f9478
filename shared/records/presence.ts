import type { Role } from '../roles.js';

/**
 * Presence (awareness) record: what each connection of the board document shares, never stored. The server
 * binds `user` to the identity the connection authenticated (server/presence.ts); whatever a client writes
 * there is replaced, so everyone reads who a state really belongs to from it.
 *
 * - `user.id`: the person's id, or `<role>:<number>` for a connection without a person (a viewer link),
 *   numbered per board (`number`), which clients show as 「閲覧者 3」.
 * - `user.name`: the person's current name on the board ('' without a person).
 * - `user.color`: derived from `user.id` (`presenceColor`), so a colour cannot be borrowed either.
 * - `editing`: the note this person is editing, or null.
 * - `lead`: follow-me's view and scroll position; only a facilitator's connection may publish it.
 */
export interface PresenceUser {
  id: string;
  name: string;
  role: Role;
  color: string;
  /** Set for a connection without a person: its number on this board. */
  number?: number;
}

/** Fields that steer other people's screens: published only by facilitator connections. */
export const STEERING_FIELDS = ['lead'] as const;

const PRESENCE_COLORS = ['#b3261e', '#1a5fb4', '#26734d', '#8f3f97', '#b45309', '#0f766e', '#9d174d', '#3f51b5'];

export function presenceColor(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length] ?? '#1a5fb4';
}

/** The `user.id` of the `number`th connection without a person of this role on a board. */
export function anonymousPresenceId(role: Role, number: number): string {
  // ':' is not in the person id alphabet (nanoid), so it can never name a person.
  return `${role}:${number}`;
}

/** The `user` of a presence state as the server bound it, or null when it is missing or malformed. */
export function readPresenceUser(state: unknown): PresenceUser | null {
  if (typeof state !== 'object' || state === null) return null;
  const user = (state as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return null;
  const { id, name, role, color, number } = user as Record<string, unknown>;
  if (typeof id !== 'string' || typeof name !== 'string') return null;
  if (role !== 'facilitator' && role !== 'participant' && role !== 'viewer') return null;
  return {
    id,
    name: name.slice(0, 50),
    role,
    color: typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : presenceColor(id),
    ...(typeof number === 'number' && Number.isInteger(number) && number > 0 ? { number } : {}),
  };
}
