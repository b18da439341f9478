import type * as Y from 'yjs';
import { TITLE_MAX } from '../limits.js';
import type { Quadrant } from './matrix.js';

/**
 * The facilitator's labels for prioritising (the shortlist's name comes from the board's period,
 * shared/records/period.ts; until settings schema 3 it was a label here, `targetPeriod`). Stored in the settings document: `prioritization`: key → string,
 * keys as in PRIORITIZATION_LABEL_KEYS. A missing or empty label reads as null and the view shows the
 * default in the UI language; a label equal to the Japanese default is also shown in the UI language (as lane
 * labels are), any other label as written.
 */
export const PRIORITIZATION_LABEL_KEYS = [
  'impactAxis',
  'feasibilityAxis',
  'quadrant.doNow',
  'quadrant.plan',
  'quadrant.spare',
  'quadrant.skip',
] as const;
export type PrioritizationLabelKey = (typeof PRIORITIZATION_LABEL_KEYS)[number];

export const quadrantLabelKey = (quadrant: Quadrant): PrioritizationLabelKey => `quadrant.${quadrant}`;

/** The kickoff deck's wording. */
export const DEFAULT_PRIORITIZATION_LABELS: Readonly<Record<PrioritizationLabelKey, string>> = {
  impactAxis: '効果',
  feasibilityAxis: '実現しやすさ',
  'quadrant.doNow': 'すぐ取り組む',
  'quadrant.plan': '計画的に取り組む',
  'quadrant.spare': '余力で',
  'quadrant.skip': '見送り',
};

export function readPrioritizationLabels(map: Y.Map<unknown>): Record<PrioritizationLabelKey, string | null> {
  const out = {} as Record<PrioritizationLabelKey, string | null>;
  for (const key of PRIORITIZATION_LABEL_KEYS) {
    const value = map.get(key);
    out[key] = typeof value === 'string' && value.trim() !== '' ? value.slice(0, TITLE_MAX) : null;
  }
  return out;
}
