import type * as Y from 'yjs';
import { compareByOrderThenId } from './order.js';
import { type Initiative, PRIORITIES, type Priority, readInitiatives } from './records/initiative.js';
import type { Pillar } from './records/pillar.js';
import { allPillars } from './selectors.js';

/** Live (not deleted) initiatives, in creation order. */
export function listInitiatives(doc: Y.Doc): Initiative[] {
  return readInitiatives(doc).filter((i) => i.deletedAt === null);
}

/** Deleted initiatives, most recently deleted first: what the trash lists. */
export function listDeletedInitiatives(doc: Y.Doc): Initiative[] {
  return readInitiatives(doc)
    .filter((i) => i.deletedAt !== null)
    .sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0));
}

const byPlaceOrder = (a: Initiative, b: Initiative) =>
  compareByOrderThenId({ order: a.place?.order ?? '', id: a.id }, { order: b.place?.order ?? '', id: b.id });

/** The live initiatives of one pillar and priority, in their order. */
export function initiativesInPlace(doc: Y.Doc, pillarId: string, priority: Priority): Initiative[] {
  return listInitiatives(doc)
    .filter((i) => i.place?.pillarId === pillarId && i.place.priority === priority)
    .sort(byPlaceOrder);
}

export interface InitiativePriorityGroup {
  priority: Priority;
  initiatives: Initiative[];
}

export interface InitiativePillarGroup {
  /** Null: initiatives whose pillar the settings do not know or whose place is invalid (kept, shown last). */
  pillar: Pillar | null;
  /** Always the three priorities, highest first, each possibly empty (a drop target). */
  priorities: InitiativePriorityGroup[];
}

/**
 * The initiatives as the view and every export list them: by pillar (active pillars in their order, then
 * archived ones that have initiatives, then unknown), by priority (高, 中, 低), then by order key.
 */
export function initiativesByPillar(
  board: Y.Doc,
  settings: Y.Doc,
  initiatives: readonly Initiative[] = listInitiatives(board),
): InitiativePillarGroup[] {
  const pillars = allPillars(settings);
  const known = new Set(pillars.map((p) => p.id));
  const groupOf = (pillarId: string | null, list: readonly Initiative[]): InitiativePriorityGroup[] =>
    PRIORITIES.map((priority) => ({
      priority,
      initiatives: list
        .filter((i) => (i.place?.priority ?? 'medium') === priority)
        .filter((i) => (pillarId === null ? !known.has(i.place?.pillarId ?? '') : i.place?.pillarId === pillarId))
        .sort(byPlaceOrder),
    }));
  const out: InitiativePillarGroup[] = [];
  for (const pillar of pillars.filter((p) => p.archivedAt === null)) {
    out.push({ pillar, priorities: groupOf(pillar.id, initiatives) });
  }
  for (const pillar of pillars.filter((p) => p.archivedAt !== null)) {
    const priorities = groupOf(pillar.id, initiatives);
    if (priorities.some((g) => g.initiatives.length > 0)) out.push({ pillar, priorities });
  }
  const unknown = groupOf(null, initiatives);
  if (unknown.some((g) => g.initiatives.length > 0)) out.push({ pillar: null, priorities: unknown });
  return out;
}

/** Where a move puts an initiative: before `beforeId` in that pillar and priority, or at its end (null). */
export interface InitiativeMoveTarget {
  pillarId: string;
  priority: Priority;
  beforeId: string | null;
}

/** Where 「上へ」 and 「下へ」 take one initiative; null where it cannot go further. */
export interface InitiativeSteps {
  up: InitiativeMoveTarget | null;
  down: InitiativeMoveTarget | null;
}

const NO_STEPS: InitiativeSteps = { up: null, down: null };

/**
 * One step up or down for every initiative of the listed groups, computed once for the whole list: within its
 * priority group, and past a group's edge into the next priority of the same pillar (to the end of the higher
 * one, to the start of the lower one). Under an unknown pillar nothing steps: there is no pillar to move within
 * (the editor's 柱 select places it first).
 */
export function initiativeSteps(groups: readonly InitiativePillarGroup[]): Map<string, InitiativeSteps> {
  const steps = new Map<string, InitiativeSteps>();
  for (const { pillar, priorities } of groups) {
    priorities.forEach(({ priority, initiatives }, p) => {
      initiatives.forEach((initiative, index) => {
        if (!pillar) {
          steps.set(initiative.id, NO_STEPS);
          return;
        }
        const at = (to: Priority, beforeId: string | null) => ({ pillarId: pillar.id, priority: to, beforeId });
        const higher = priorities[p - 1];
        const lower = priorities[p + 1];
        const up =
          index > 0 ? at(priority, initiatives[index - 1]?.id ?? null) : higher ? at(higher.priority, null) : null;
        const down =
          index < initiatives.length - 1
            ? at(priority, initiatives[index + 2]?.id ?? null)
            : lower
              ? at(lower.priority, lower.initiatives[0]?.id ?? null)
              : null;
        steps.set(initiative.id, { up, down });
      });
    });
  }
  return steps;
}

/**
 * For initiatives whose titles are the same (two made from one cluster start with its title), their place
 * among them in list order (1, 2, …), so each can be named apart; absent for a title no other one has.
 */
export function sameTitleNumbers(initiatives: readonly Initiative[]): Map<string, number> {
  const byTitle = new Map<string, string[]>();
  for (const initiative of initiatives) {
    const title = initiative.fields.title.trim().replace(/\s+/g, ' ');
    byTitle.set(title, [...(byTitle.get(title) ?? []), initiative.id]);
  }
  const numbers = new Map<string, number>();
  for (const ids of byTitle.values()) {
    if (ids.length < 2) continue;
    for (const [index, id] of ids.entries()) numbers.set(id, index + 1);
  }
  return numbers;
}

/**
 * Which live initiatives each note and item fed: note id or item (cluster/note) id → initiative ids, so a
 * note card can say 「取組案: …」 and the matrix can say that an item already has one.
 */
export function initiativesFedBy(doc: Y.Doc, initiatives: readonly Initiative[] = listInitiatives(doc)) {
  const fed = new Map<string, string[]>();
  const add = (key: string, id: string) => {
    const list = fed.get(key);
    if (!list) fed.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  };
  for (const initiative of initiatives) {
    if (!initiative.source) continue;
    add(initiative.source.itemId, initiative.id);
    for (const noteId of initiative.source.noteIds) add(noteId, initiative.id);
  }
  return fed;
}
