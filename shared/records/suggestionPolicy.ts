import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import { LOCAL_ORIGIN } from '../origin.js';
import type { Role } from '../roles.js';

/**
 * Whether participants may accept and edit suggested groups (issue 19; the facilitator always may, viewers never
 * see them). Stored in the settings document: `facilitation.participantSuggestions: boolean`, written by the
 * facilitator (only the facilitator may write the settings document). Off unless turned on: grouping many notes at
 * once is the facilitator's step of Task ② unless they hand it over. Grouping by hand is not affected.
 */
export const PARTICIPANT_SUGGESTIONS_KEY = 'participantSuggestions';

export function participantSuggestionsAllowed(settings: Y.Doc): boolean {
  return settingsRoots.facilitation(settings).get(PARTICIPANT_SUGGESTIONS_KEY) === true;
}

export function setParticipantSuggestions(settings: Y.Doc, allowed: boolean, origin: unknown = LOCAL_ORIGIN): void {
  if (participantSuggestionsAllowed(settings) === allowed) return;
  settings.transact(() => settingsRoots.facilitation(settings).set(PARTICIPANT_SUGGESTIONS_KEY, allowed), origin);
}

/** Who may accept (and edit) a suggested group: the facilitator, a participant when allowed, never a viewer. */
export function mayAcceptSuggestions(role: Role, participantsAllowed: boolean): boolean {
  return role === 'facilitator' || (role === 'participant' && participantsAllowed);
}
