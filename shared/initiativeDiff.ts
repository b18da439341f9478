import type * as Y from 'yjs';
import { listInitiatives } from './initiatives.js';
import { INITIATIVE_TEXT_FIELDS, type Initiative } from './records/initiative.js';

/**
 * What changed in the draft initiatives between two moments (two snapshots, or a snapshot and the live
 * board), for the snapshot comparison. An initiative counts while it is live (not in the trash).
 */
export const INITIATIVE_CHANGE_FIELDS = ['title', 'text', 'pillar', 'priority', 'fiscalYears', 'status'] as const;
export type InitiativeChangeField = (typeof INITIATIVE_CHANGE_FIELDS)[number];

export interface DiffInitiative {
  id: string;
  title: string;
  pillarId: string | null;
}

export interface InitiativeChange {
  id: string;
  before: DiffInitiative;
  after: DiffInitiative;
  fields: InitiativeChangeField[];
}

export interface InitiativesDiff {
  added: DiffInitiative[];
  removed: DiffInitiative[];
  changed: InitiativeChange[];
}

const brief = (i: Initiative): DiffInitiative => ({
  id: i.id,
  title: i.fields.title,
  pillarId: i.place?.pillarId ?? null,
});

function changedFields(a: Initiative, b: Initiative): InitiativeChangeField[] {
  const fields: InitiativeChangeField[] = [];
  if (a.fields.title !== b.fields.title) fields.push('title');
  // The other text fields (課題, 達成目標, 指標, …) are reported as one: the list names the initiative, and
  // the comparison is for "what moved since the last meeting", not a redline of each field.
  if (INITIATIVE_TEXT_FIELDS.some((f) => f !== 'title' && a.fields[f] !== b.fields[f])) fields.push('text');
  if ((a.place?.pillarId ?? null) !== (b.place?.pillarId ?? null)) fields.push('pillar');
  if ((a.place?.priority ?? null) !== (b.place?.priority ?? null)) fields.push('priority');
  if (a.fiscalYears.join(',') !== b.fiscalYears.join(',')) fields.push('fiscalYears');
  if (a.status !== b.status) fields.push('status');
  return fields;
}

const byTitle = (a: DiffInitiative, b: DiffInitiative) =>
  a.title.localeCompare(b.title, 'ja') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The initiatives added, removed (moved to the trash or gone) and changed from `before` to `after`. */
export function diffInitiatives(before: Y.Doc, after: Y.Doc): InitiativesDiff {
  const earlier = new Map(listInitiatives(before).map((i) => [i.id, i]));
  const later = new Map(listInitiatives(after).map((i) => [i.id, i]));
  const diff: InitiativesDiff = { added: [], removed: [], changed: [] };
  for (const [id, initiative] of later) {
    const was = earlier.get(id);
    if (!was) diff.added.push(brief(initiative));
    else {
      const fields = changedFields(was, initiative);
      if (fields.length > 0) diff.changed.push({ id, before: brief(was), after: brief(initiative), fields });
    }
  }
  for (const [id, initiative] of earlier) if (!later.has(id)) diff.removed.push(brief(initiative));
  diff.added.sort(byTitle);
  diff.removed.sort(byTitle);
  diff.changed.sort((a, b) => byTitle(a.after, b.after));
  return diff;
}
