import type { Pillar } from '../../shared/records/pillar';

/** Items (or totals) grouped by pillar in the board's pillar order; unknown or missing pillars last. */
export function groupByPillar<T extends { pillarId: string | null }>(
  items: readonly T[],
  pillars: readonly Pillar[],
  archived: readonly Pillar[] = [],
): Array<{ pillarId: string | null; title: string | null; items: T[] }> {
  const groups = pillars.map((pillar) => ({
    pillarId: pillar.id as string | null,
    title: pillar.title as string | null,
    items: [] as T[],
  }));
  const byId = new Map(groups.map((group) => [group.pillarId, group]));
  const other = { pillarId: null, title: null as string | null, items: [] as T[] };
  const archivedTitles = new Map(archived.map((pillar) => [pillar.id, pillar.title]));
  for (const item of items) {
    const group = item.pillarId === null ? undefined : byId.get(item.pillarId);
    if (group) group.items.push(item);
    else other.items.push(item);
  }
  // Items of one archived pillar keep its name; otherwise "other".
  const archivedIds = new Set(other.items.map((item) => item.pillarId));
  if (archivedIds.size === 1) {
    const [id] = archivedIds;
    other.title = (id && archivedTitles.get(id)) || null;
  }
  return [...groups, other].filter((group) => group.items.length > 0);
}
