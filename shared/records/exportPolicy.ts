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

/**
 * Whether the documents name who wrote each note (Word's table of authors, the minutes memo, the CSV and Excel
 * 書いた人 column, the readable data's `authorName`). Stored as `facilitation.exportAuthorNames: boolean`, written
 * by the facilitator. Off unless turned on: the readable data is meant for other tools and open-data portals, and
 * a working group's names are personal information (個人情報) unless the facilitator decides to publish them.
 */
export const EXPORT_AUTHOR_NAMES_KEY = 'exportAuthorNames';

export function authorNamesExported(settings: Y.Doc): boolean {
  return settingsRoots.facilitation(settings).get(EXPORT_AUTHOR_NAMES_KEY) === true;
}

export function setExportAuthorNames(settings: Y.Doc, exported: boolean, origin: unknown = LOCAL_ORIGIN): void {
  if (authorNamesExported(settings) === exported) return;
  settings.transact(() => settingsRoots.facilitation(settings).set(EXPORT_AUTHOR_NAMES_KEY, exported), origin);
}
