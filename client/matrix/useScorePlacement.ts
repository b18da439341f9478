import { useMemo, useRef } from 'react';
import type { CardSpan } from '../../shared/matrixFreeSpot';
import { idsOf } from '../../shared/prioritizing';
import type { MatrixPosition } from '../../shared/records/matrix';
import { readMatrixPins, readMatrixPlacement } from '../../shared/records/matrixPlacement';
import { revealedScoringRounds, type ScoringRound } from '../../shared/records/scoring';
import { type ItemScore, placeByScores } from '../../shared/scorePlacement';
import { useStore } from '../lib/store';
import { useBoard } from '../session/hooks';
import { type PrioritizingData, useDocVersion } from './usePrioritizing';

export interface ShownPlacement {
  /** The revealed scoring rounds, newest first (the placement choices besides 手動). */
  rounds: ScoringRound[];
  /** The round whose medians place the items, or null when they are placed by hand. */
  round: ScoringRound | null;
  pins: ReadonlySet<string>;
  /** Where each item is drawn. */
  positions: ReadonlyMap<string, MatrixPosition>;
  /** The scored items of `round` (empty when placed by hand). */
  scores: ReadonlyMap<string, ItemScore>;
}

const NO_SCORES: ReadonlyMap<string, ItemScore> = new Map();

/**
 * How the matrix places items now: by hand, or at the medians of the revealed scoring round the facilitator chose
 * (the settings document, the same for everyone). A chosen round that is not revealed (any more) shows by hand.
 */
export function useScorePlacement(data: PrioritizingData, span: CardSpan): ShownPlacement {
  const { session } = useBoard();
  const settingsVersion = useDocVersion(session.settingsDoc);
  const allRounds = useStore(session.scoringRounds);
  const rounds = useMemo(() => revealedScoringRounds(allRounds), [allRounds]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the version stands for the document's content.
  const { placement, pins } = useMemo(
    () => ({ placement: readMatrixPlacement(session.settingsDoc), pins: readMatrixPins(session.settingsDoc) }),
    [session, settingsVersion],
  );
  const round =
    placement.mode === 'scores'
      ? ((placement.round === null ? rounds[0] : rounds.find((r) => r.number === placement.round)) ?? null)
      : null;
  // Spreading the medians' cards is a search: done again only when what it reads changed (which items there are,
  // the places by hand, the pins, the card size), not on every edit of a note's text elsewhere on the board.
  const inputs = round
    ? JSON.stringify([round.number, data.items.map(idsOf), [...data.positions], [...pins], span])
    : '';
  const placed = useRef<{ inputs: string; value: ReturnType<typeof placeByScores> } | null>(null);
  if (round && placed.current?.inputs !== inputs) {
    placed.current = { inputs, value: placeByScores(data.items, data.positions, round, pins, span) };
  }
  const value = round ? placed.current!.value : null;
  return useMemo(
    () =>
      round && value
        ? { rounds, round, pins, ...value }
        : { rounds, round: null, pins, positions: data.positions, scores: NO_SCORES },
    [rounds, round, pins, value, data.positions],
  );
}
