import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import { LOCAL_ORIGIN } from '../origin.js';

/**
 * Whether participants and viewers may download read-only exports (Word, Excel, CSV, Markdown; never the
 * JSON backup). Stored in the settings document: `facilitation.participantExports: boolean`, written by the
 * facilitator (only the facilitator may write the settings document). Off unless turned on.
 */
export const PARTICIPANT_EXPORTS_KEY = 'participantExports';

export function participantExportsAllowed(settings: Y.Doc): boolean {
  return settingsRoots.facilitation(settings).get(PARTICIPANT_EXPORTS_KEY) === true;
}

export function setParticipantExports(settings: Y.Doc, allowed: boolean, origin: unknown = LOCAL_ORIGIN): void {
  if (participantExportsAllowed(settings) === allowed) return;
  settings.transact(() => settingsRoots.facilitation(settings).set(PARTICIPANT_EXPORTS_KEY, allowed), origin);
}
