import { createContext, useContext } from 'react';
import type { BoardItem } from '../../shared/items';
import type { MatrixPosition } from '../../shared/records/matrix';
import type { PrioritizationLabelKey } from '../../shared/records/prioritization';
import type { ShortlistMark } from '../../shared/records/shortlist';
import type { ItemScore } from '../../shared/scorePlacement';
import type { Store } from '../lib/store';

export type VoteMode = 'off' | 'size' | 'badge';

/** What every card of the matrix needs, given once by the view. Session state only, nothing from here is stored. */
export interface MatrixUi {
  positions: ReadonlyMap<string, MatrixPosition>;
  marks: ReadonlyMap<string, ShortlistMark>;
  /** Dots per item in the chosen round; empty when the votes are not shown. */
  votes: ReadonlyMap<string, number>;
  voteMode: VoteMode;
  /** The revealed round chosen in the toolbar (its dots go into an initiative made here), or null. */
  round: number | null;
  /** The most dots any shown item has (for sizing), at least 1. */
  maxVotes: number;
  label: (key: PrioritizationLabelKey) => string;
  /** This person may move cards now: an editor, and only the facilitator while the medians place them. */
  movable: boolean;
  /** The scored items when the matrix shows a scoring round's medians (empty when placed by hand). */
  scores: ReadonlyMap<string, ItemScore>;
  /** Back from the place the facilitator pinned it at to its median. */
  unpin: (item: BoardItem) => void;
  /** The card's name: its label, its quadrant and where it is on both axes. */
  describe: (item: BoardItem, position: MatrixPosition) => string;
  place: (item: BoardItem, position: MatrixPosition) => void;
  /** Where an item placed from the tray goes: a free spot near the centre, clear of every card and line. */
  freeSpot: () => MatrixPosition;
  returnToTray: (item: BoardItem) => void;
  toggleMark: (item: BoardItem) => void;
  /** The card that takes the focus when it appears (after a move between the tray and the grid). */
  focusRequest: Store<FocusRequest | null>;
}

export interface FocusRequest {
  itemId: string;
  where: 'grid' | 'tray';
}

export const MatrixContext = createContext<MatrixUi | null>(null);

export function useMatrixUi(): MatrixUi {
  const value = useContext(MatrixContext);
  if (!value) throw new Error('useMatrixUi outside MatrixView');
  return value;
}
