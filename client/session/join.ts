import { ApiError, createGuest, fetchMe, type Me, renameSelf } from '../lib/api';
import { forgetGuestToken, loadGuestToken, saveGuestToken } from '../lib/guestToken';

/** A board this page may open: what the server says of the token, and the token the connections use. */
export interface Joined {
  me: Me;
  /** The personal token when there is a person (a member's link, or this browser's guest identity). */
  token: string;
  /** The shared link this page was opened with, or null when it was opened with a personal link. */
  sharedLink: { role: Me['role']; token: string } | null;
}

export type JoinStep = { kind: 'joined'; joined: Joined } | { kind: 'needsName'; me: Me };

/**
 * Turns the link this page was opened with into the access it will use. A viewer link and a personal link
 * are used as they are. A shared facilitator or participant link cannot tell colleagues apart, so this
 * browser uses its own guest identity: the one it got before on this board, or a new one the server issues
 * under the display name (asked first when this browser has none).
 */
export async function joinBoard(boardId: string, linkToken: string, name: string | null): Promise<JoinStep> {
  // A browser new to this board, with a name: its guest identity is asked for beside `/me`, not after its answer
  // (one round trip instead of two, while the page's script is still arriving). The server issues one only for
  // a shared facilitator or participant link (a viewer's link or a personal one is refused, and nothing is made),
  // which is when it is used below (should `/me` then fail, it is left unused, as when a tab is closed in the middle
  // of a join); with an identity kept here, the two ask one after the other as before.
  const guest = name && !keepsGuestIdentity(boardId) ? createGuest(boardId, linkToken, name) : null;
  // Awaited only when used below; unused, its refusal is expected and must not surface as unhandled.
  guest?.catch(() => {});
  const me = await fetchMe(boardId, linkToken);
  const sharedLink = me.person ? null : { role: me.role, token: linkToken };
  if (me.role === 'viewer' || me.person) return { kind: 'joined', joined: { me, token: linkToken, sharedLink } };
  const stored = loadGuestToken(boardId, me.role);
  if (stored) {
    try {
      const guest = await fetchMe(boardId, stored);
      if (guest.person && guest.role === me.role) {
        if (name && guest.person.name !== name) {
          // The name was changed on another board: show the same one here. Not worth failing the page for.
          await renameSelf(boardId, stored, name).then(
            ({ person }) => (guest.person = person),
            () => {},
          );
        }
        return { kind: 'joined', joined: { me: guest, token: stored, sharedLink } };
      }
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    // Replaced with the shared link, or removed by the facilitator: a new identity.
    forgetGuestToken(boardId, me.role);
  }
  if (!name) return { kind: 'needsName', me };
  const created = await (guest ?? createGuest(boardId, linkToken, name));
  saveGuestToken(boardId, me.role, created.token);
  return { kind: 'joined', joined: { me: { ...me, person: created.person }, token: created.token, sharedLink } };
}

function keepsGuestIdentity(boardId: string): boolean {
  return loadGuestToken(boardId, 'participant') !== null || loadGuestToken(boardId, 'facilitator') !== null;
}
