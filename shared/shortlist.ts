import type * as Y from 'yjs';
import { type BoardItem, itemLabel, listItems } from './items.js';
import { itemMarks, itemPositions, itemVotes } from './prioritizing.js';
import { type MatrixPosition, QUADRANTS, type Quadrant, quadrantOf, readMatrixPositions } from './records/matrix.js';
import type { Pillar } from './records/pillar.js';
import { readShortlist, type ShortlistMark } from './records/shortlist.js';
import { readVotingRounds, type VotingRound } from './records/voting.js';
import { allPillars } from './selectors.js';

/**
 * The shortlist (令和4〜5年度に取り組む) as the shortlist view and the exports show it: the marked items grouped
 * by pillar in pillar order, each with its quadrant on the matrix and its dots in a chosen revealed round.
 */
export interface ShortlistEntry {
  item: BoardItem;
  label: string;
  mark: ShortlistMark;
  position: MatrixPosition | null;
  /** Null while the item is in the unplaced tray. */
  quadrant: Quadrant | null;
  /** Dots in the chosen round (0 when none); null when no round is chosen. */
  votes: number | null;
}

export interface ShortlistGroup {
  /** Null for items whose pillar the settings do not know (kept, shown last). */
  pillar: Pillar | null;
  entries: ShortlistEntry[];
}

const quadrantRank = (quadrant: Quadrant | null) =>
  quadrant === null ? QUADRANTS.length : QUADRANTS.indexOf(quadrant);

/**
 * Within a pillar: by quadrant (すぐ取り組む first, the tray last), then most dots, then label, then id, so
 * everyone and every export lists them in one order.
 */
function compareEntries(a: ShortlistEntry, b: ShortlistEntry): number {
  return (
    quadrantRank(a.quadrant) - quadrantRank(b.quadrant) ||
    (b.votes ?? 0) - (a.votes ?? 0) ||
    a.label.localeCompare(b.label, 'ja') ||
    (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0)
  );
}

/**
 * `roundNumber`: the revealed round whose dots to show (null: none). Groups: the active pillars in their order,
 * then archived ones (their items are kept in the shortlist), then unknown pillars; only groups with entries.
 */
export function shortlistByPillar(
  board: Y.Doc,
  settings: Y.Doc,
  roundNumber: number | null,
  items: readonly BoardItem[] = listItems(board),
  rounds: readonly VotingRound[] = readVotingRounds(settings),
): ShortlistGroup[] {
  const marks = itemMarks(items, readShortlist(board));
  const positions = itemPositions(items, readMatrixPositions(board));
  const round = rounds.find((r) => r.number === roundNumber && r.status === 'revealed') ?? null;
  const votes = itemVotes(items, round);
  const pillars = allPillars(settings);
  const ordered = [...pillars.filter((p) => p.archivedAt === null), ...pillars.filter((p) => p.archivedAt !== null)];
  const groups = new Map<string | null, ShortlistEntry[]>();
  for (const item of items) {
    const mark = marks.get(item.id);
    if (!mark) continue;
    const position = positions.get(item.id) ?? null;
    const entry: ShortlistEntry = {
      item,
      label: itemLabel(item),
      mark,
      position,
      quadrant: position ? quadrantOf(position) : null,
      votes: round ? (votes.get(item.id) ?? 0) : null,
    };
    const key = item.pillarId !== null && pillars.some((p) => p.id === item.pillarId) ? item.pillarId : null;
    const list = groups.get(key);
    if (list) list.push(entry);
    else groups.set(key, [entry]);
  }
  const out: ShortlistGroup[] = [];
  for (const pillar of ordered) {
    const entries = groups.get(pillar.id);
    if (entries) out.push({ pillar, entries: entries.sort(compareEntries) });
  }
  const unknown = groups.get(null);
  if (unknown) out.push({ pillar: null, entries: unknown.sort(compareEntries) });
  return out;
}
