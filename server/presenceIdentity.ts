import { anonymousPresenceId, type PresenceUser, presenceColor, STEERING_FIELDS } from '../shared/records/presence.js';
import type { Role } from '../shared/roles.js';

/** Who a connection is in presence: what it authenticated (server/auth.ts), never what it says. */
export interface PresenceIdentity {
  role: Role;
  /** The person behind the token, with their name now (a rename shows from their next state), or null. */
  person: { id: string; name: string } | null;
}

/**
 * Which released awareness client ids a connection may take up again: a person's own, or for a connection
 * without a person (a shared viewer link), any of that role's (such connections cannot be told apart).
 */
export function identityKey(identity: PresenceIdentity): string {
  return identity.person ? `person:${identity.person.id}` : `link:${identity.role}`;
}

/** The `user` the server publishes for this identity; `number` numbers a connection without a person. */
export function boundUser(identity: PresenceIdentity, number: () => number): PresenceUser {
  const { person, role } = identity;
  if (person) return { id: person.id, name: person.name, role, color: presenceColor(person.id) };
  const n = number();
  const id = anonymousPresenceId(role, n);
  return { id, name: '', role, color: presenceColor(id), number: n };
}

export interface BoundState {
  /** The state as everyone receives it, or null when it is refused as a whole (not a JSON object). */
  state: Record<string, unknown> | null;
  /** What was refused in it, for the security log (empty for an honest client). */
  refused: string[];
}

/**
 * A connection's presence state as the server publishes it: `user` replaced by the identity the connection
 * authenticated, and the fields that steer others' screens (follow-me's `lead`) kept only from a facilitator.
 * An honest client's `user` names its own person, or nothing when it has none; its `lead` is null unless it
 * leads: only a claim of another identity or a non-facilitator's lead is reported as refused.
 */
export function bindState(state: unknown, identity: PresenceIdentity, user: PresenceUser): BoundState {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    return { state: null, refused: ['a presence state that is not an object'] };
  }
  const refused: string[] = [];
  const claimed = (state as { user?: unknown }).user;
  const claimedId =
    typeof claimed === 'object' && claimed !== null ? (claimed as { id?: unknown }).id : (claimed ?? undefined);
  if (claimedId !== undefined && claimedId !== user.id) {
    refused.push(`a presence state claiming another identity (${JSON.stringify(claimedId).slice(0, 40)})`);
  }
  const bound: Record<string, unknown> = { ...(state as Record<string, unknown>), user };
  if (identity.role !== 'facilitator') {
    for (const field of STEERING_FIELDS) {
      if (!(field in bound)) continue;
      if (bound[field] !== null) refused.push(`a presence field only a facilitator may publish (${field})`);
      delete bound[field];
    }
  }
  return { state: bound, refused };
}
