import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import { LOCAL_ORIGIN } from '../origin.js';

/** Facilitator operations (settings document): the spotlight and follow-me. */

/** Points everyone to a note or cluster; null takes the spotlight away. */
export function setSpotlight(
  doc: Y.Doc,
  itemId: string | null,
  now = Date.now(),
  origin: unknown = LOCAL_ORIGIN,
): void {
  doc.transact(() => {
    const facilitation = settingsRoots.facilitation(doc);
    if (itemId === null) facilitation.delete('spotlight');
    else facilitation.set('spotlight', { itemId, at: now });
  }, origin);
}

/** Asks participants to follow `leaderId`'s view (null: stop). */
export function setFollowMe(
  doc: Y.Doc,
  leaderId: string | null,
  now = Date.now(),
  origin: unknown = LOCAL_ORIGIN,
): void {
  doc.transact(() => {
    const facilitation = settingsRoots.facilitation(doc);
    if (leaderId === null) facilitation.delete('followMe');
    else facilitation.set('followMe', { leaderId, since: now });
  }, origin);
}
