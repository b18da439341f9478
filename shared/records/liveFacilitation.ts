import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';

/**
 * Live facilitation state in the settings document's `facilitation` map (the facilitator's, server-enforced):
 * - `spotlight`: `{ itemId, at }` — a note or cluster the facilitator points everyone to;
 * - `followMe`: `{ leaderId, since }` — participants may follow the view of the person `leaderId` (the
 *   facilitator's identity), which that person's client shares through presence (`lead`).
 */
export interface Spotlight {
  itemId: string;
  at: number;
}

export interface FollowMe {
  leaderId: string;
  since: number;
}

function plain(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

export function readSpotlight(settings: Y.Doc): Spotlight | null {
  const value = plain(settingsRoots.facilitation(settings).get('spotlight'));
  if (!value || typeof value.itemId !== 'string' || value.itemId === '') return null;
  return { itemId: value.itemId, at: typeof value.at === 'number' ? value.at : 0 };
}

export function readFollowMe(settings: Y.Doc): FollowMe | null {
  const value = plain(settingsRoots.facilitation(settings).get('followMe'));
  if (!value || typeof value.leaderId !== 'string' || value.leaderId === '') return null;
  return { leaderId: value.leaderId, since: typeof value.since === 'number' ? value.since : 0 };
}
