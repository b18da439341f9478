import * as Y from 'yjs';
import { TITLE_MAX } from '../limits.js';
import { compareByOrderThenId } from '../order.js';

/**
 * A pillar (柱), e.g. 市民サービスの向上. Stored in the settings document: `pillars`: id → Y.Map
 * `{ title: string, order: string, archivedAt?: number }`. Pillars are archived, never deleted, so a note
 * added to a pillar while it was being archived is never orphaned.
 */
export interface Pillar {
  id: string;
  title: string;
  order: string;
  archivedAt: number | null;
}

/** Reads one pillar with defaults for missing or invalid fields; the stored record is left as it is. */
export function readPillar(id: string, value: unknown): Pillar {
  const map = value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
  const title = map?.get('title');
  const order = map?.get('order');
  const archivedAt = map?.get('archivedAt');
  return {
    id,
    title: typeof title === 'string' ? title.slice(0, TITLE_MAX) : '',
    order: typeof order === 'string' && order !== '' ? order : 'a0',
    archivedAt: typeof archivedAt === 'number' && Number.isFinite(archivedAt) ? archivedAt : null,
  };
}

export function listPillars(pillars: Y.Map<unknown>, options: { includeArchived?: boolean } = {}): Pillar[] {
  const out: Pillar[] = [];
  pillars.forEach((value, id) => {
    const pillar = readPillar(id, value);
    if (options.includeArchived || pillar.archivedAt === null) out.push(pillar);
  });
  return out.sort(compareByOrderThenId);
}
