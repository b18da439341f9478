import { type BoardItem, itemLabel } from './items.js';
import type { RoundTotal } from './records/voting.js';

/**
 * Counting sealed ballots against the board as it is now. Pure: the server calls it with its own copy of the
 * board document's items and the ballot rows it keeps in SQLite; tests call it directly.
 *
 * A dot is given to an id (a cluster or a note, as the voter saw it). It counts for `resolveItems(...)`'s item:
 * a note that has joined a cluster counts for the cluster; an id nothing shows any more (a deleted note, a
 * cluster whose last note left) counts for nothing, and the dot is the voter's to give again.
 */
export interface BallotRow {
  personId: string;
  itemId: string;
  dots: number;
}

/** One person's ballot as they see it: dots per item shown now. */
export interface OwnBallot {
  /** Resolved item id → dots (every row resolving to it summed, the cap applied as at the tally). */
  dots: Record<string, number>;
  /** Dots that count (so `budget - used` remain). */
  used: number;
  /**
   * Dots given back: on ids that no longer resolve, and over the cap on one item (two notes with dots joined
   * one cluster). They do not count; the voter may give them again.
   */
  returned: number;
}

/** Labels published at the reveal are cut here, so a long note does not bloat the settings document. */
export const TOTAL_LABEL_MAX = 200;

function capped(count: number, cap: number | null): number {
  return cap === null ? count : Math.min(count, cap);
}

/** Sums one person's rows per resolved item; rows on vanished ids are counted apart. */
function perItem(rows: readonly BallotRow[], resolved: ReadonlyMap<string, BoardItem>) {
  const dots = new Map<string, number>();
  let returned = 0;
  for (const row of rows) {
    const item = resolved.get(row.itemId);
    if (!item) {
      returned += row.dots;
      continue;
    }
    dots.set(item.id, (dots.get(item.id) ?? 0) + row.dots);
  }
  return { dots, returned };
}

/** One person's ballot (their rows only) against the board now. */
export function ownBallot(
  rows: readonly BallotRow[],
  resolved: ReadonlyMap<string, BoardItem>,
  cap: number | null,
): OwnBallot {
  const { dots, returned } = perItem(rows, resolved);
  const out: Record<string, number> = {};
  let used = 0;
  let over = 0;
  for (const [id, count] of dots) {
    const given = capped(count, cap);
    out[id] = given;
    used += given;
    over += count - given;
  }
  return { dots: out, used, returned: returned + over };
}

/**
 * The totals of a round: per person per resolved item, the cap applied; every item with at least one dot,
 * with its kind, pillar and label as the board shows them now. `voters`: people with at least one dot that
 * counts.
 */
export function tallyRound(
  rows: readonly BallotRow[],
  resolved: ReadonlyMap<string, BoardItem>,
  cap: number | null,
): { totals: RoundTotal[]; voters: number } {
  const byPerson = new Map<string, BallotRow[]>();
  for (const row of rows) {
    const list = byPerson.get(row.personId);
    if (list) list.push(row);
    else byPerson.set(row.personId, [row]);
  }
  const counts = new Map<string, number>();
  let voters = 0;
  for (const personRows of byPerson.values()) {
    const { dots } = perItem(personRows, resolved);
    let counted = 0;
    for (const [id, count] of dots) {
      const given = capped(count, cap);
      if (given <= 0) continue;
      counts.set(id, (counts.get(id) ?? 0) + given);
      counted += given;
    }
    if (counted > 0) voters++;
  }
  const items = new Map<string, BoardItem>();
  for (const item of resolved.values()) items.set(item.id, item);
  const totals: RoundTotal[] = [];
  for (const [id, count] of counts) {
    const item = items.get(id)!;
    totals.push({
      itemId: id,
      kind: item.kind,
      pillarId: item.pillarId,
      label: itemLabel(item).slice(0, TOTAL_LABEL_MAX),
      count,
    });
  }
  totals.sort((a, b) => b.count - a.count || (a.itemId < b.itemId ? -1 : 1));
  return { totals, voters };
}

/**
 * The rows to keep of one person's ballot: none on vanished ids, and no item over the cap (the dots beyond
 * it come off the rows last in id order). Applied at the person's next vote, so what `ownBallot` shows as
 * given back is really free again. Returns the rows whose dots change (0: delete).
 */
export function pruneBallot(
  rows: readonly BallotRow[],
  resolved: ReadonlyMap<string, BoardItem>,
  cap: number | null,
): BallotRow[] {
  const changes: BallotRow[] = [];
  const byItem = new Map<string, BallotRow[]>();
  for (const row of rows) {
    const item = resolved.get(row.itemId);
    if (!item) {
      changes.push({ ...row, dots: 0 });
      continue;
    }
    const list = byItem.get(item.id);
    if (list) list.push(row);
    else byItem.set(item.id, [row]);
  }
  if (cap === null) return changes;
  for (const list of byItem.values()) {
    let excess = list.reduce((sum, row) => sum + row.dots, 0) - cap;
    const lastFirst = [...list].sort((a, b) => (a.itemId < b.itemId ? 1 : -1));
    for (const row of lastFirst) {
      if (excess <= 0) break;
      const taken = Math.min(row.dots, excess);
      excess -= taken;
      changes.push({ ...row, dots: row.dots - taken });
    }
  }
  return changes;
}
