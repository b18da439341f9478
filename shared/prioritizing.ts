import { type BoardItem, resolveItems } from './items.js';
import type { MatrixPosition } from './records/matrix.js';
import type { ShortlistMark } from './records/shortlist.js';
import type { VotingRound } from './records/voting.js';

/**
 * Where matrix places, shortlist marks and vote totals given to an id count now. They are stored by the id the
 * item had when they were given: a note that has since joined a cluster brings them to the cluster
 * (`resolveItems`). Nothing is rewritten when clusters change, so a note that leaves its cluster gets its own
 * place and mark back.
 */

/** The ids whose stored entries count for `item`: its own id first, then its notes' in display order. */
export function idsOf(item: BoardItem): string[] {
  return item.kind === 'cluster' ? [item.id, ...item.notes.map((n) => n.id)] : [item.id];
}

/**
 * Each item's place on the matrix: its own entry; for a cluster without one, the first of its notes (in display
 * order) that has one, so a note placed before it was grouped does not fall back into the tray.
 */
export function itemPositions(
  items: readonly BoardItem[],
  positions: ReadonlyMap<string, MatrixPosition>,
): Map<string, MatrixPosition> {
  const out = new Map<string, MatrixPosition>();
  for (const item of items) {
    const position = idsOf(item)
      .map((id) => positions.get(id))
      .find((p) => p !== undefined);
    if (position) out.set(item.id, position);
  }
  return out;
}

/** Each marked item's mark: its own, else the earliest of its notes' marks. */
export function itemMarks(
  items: readonly BoardItem[],
  marks: ReadonlyMap<string, ShortlistMark>,
): Map<string, ShortlistMark> {
  const out = new Map<string, ShortlistMark>();
  for (const item of items) {
    const own = marks.get(item.id);
    const found = own
      ? [own]
      : idsOf(item)
          .map((id) => marks.get(id))
          .filter((m): m is ShortlistMark => m !== undefined)
          .sort((a, b) => a.markedAt - b.markedAt);
    if (found[0]) out.set(item.id, found[0]);
  }
  return out;
}

/** The revealed rounds, newest first (the ones with totals to show). */
export function revealedRounds(rounds: readonly VotingRound[]): VotingRound[] {
  return rounds.filter((r) => r.status === 'revealed' && r.totals !== null).sort((a, b) => b.number - a.number);
}

/**
 * Each item's dots in a revealed round. Totals are keyed by the item ids of the reveal: a total on a note that
 * has since joined a cluster counts for the cluster (added to the cluster's own), a total on something no longer
 * shown counts for nothing. Items without dots are absent (read them as 0).
 */
export function itemVotes(items: readonly BoardItem[], round: VotingRound | null): Map<string, number> {
  const out = new Map<string, number>();
  if (!round?.totals) return out;
  const byId = resolveItems(items);
  for (const total of round.totals) {
    const item = byId.get(total.itemId);
    if (item) out.set(item.id, (out.get(item.id) ?? 0) + total.count);
  }
  return out;
}
