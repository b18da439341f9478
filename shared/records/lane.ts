import type * as Y from 'yjs';
import { TITLE_MAX } from '../limits.js';

/** Lane kinds are fixed; their labels are the facilitator's to change (settings document `laneLabels`). */
export const LANE_KINDS = ['problem', 'goal', 'idea'] as const;
export type LaneKind = (typeof LANE_KINDS)[number];

export function isLaneKind(value: unknown): value is LaneKind {
  return typeof value === 'string' && (LANE_KINDS as readonly string[]).includes(value);
}

/** Labels of the seed's template: 課題 (problems), 達成目標 (target states), アイデア. */
export const DEFAULT_LANE_LABELS: Readonly<Record<LaneKind, string>> = {
  problem: '課題',
  goal: '達成目標',
  idea: 'アイデア',
};

export type LaneLabels = Record<LaneKind, string>;

/**
 * Reads the settings document's `laneLabels` map. A missing or invalid label is shown as null so the view
 * can fall back to the UI language's default name for that lane kind.
 */
export function readLaneLabels(map: Y.Map<unknown>): Record<LaneKind, string | null> {
  const out = { problem: null, goal: null, idea: null } as Record<LaneKind, string | null>;
  for (const kind of LANE_KINDS) {
    const value = map.get(kind);
    out[kind] = typeof value === 'string' && value.trim() !== '' ? value.slice(0, TITLE_MAX) : null;
  }
  return out;
}
