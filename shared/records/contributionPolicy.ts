import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import { LOCAL_ORIGIN } from '../origin.js';

/**
 * Whether the facilitator's 参加の状況 shows counts only, without names (issue 18): some groups would rather not
 * see who has been quiet, even the facilitator. Stored in the settings document: `facilitation.contributionCountsOnly:
 * boolean`, written by the facilitator. Off unless turned on.
 */
export const CONTRIBUTION_COUNTS_ONLY_KEY = 'contributionCountsOnly';

export function contributionCountsOnly(settings: Y.Doc): boolean {
  return settingsRoots.facilitation(settings).get(CONTRIBUTION_COUNTS_ONLY_KEY) === true;
}

export function setContributionCountsOnly(settings: Y.Doc, countsOnly: boolean, origin: unknown = LOCAL_ORIGIN): void {
  if (contributionCountsOnly(settings) === countsOnly) return;
  settings.transact(() => settingsRoots.facilitation(settings).set(CONTRIBUTION_COUNTS_ONLY_KEY, countsOnly), origin);
}
