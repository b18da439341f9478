import { useMemo } from 'react';
import { planBaseYear } from '../../shared/fiscalYear';
import { type InitiativePillarGroup, initiativesByPillar, listDeletedInitiatives } from '../../shared/initiatives';
import { resolveItems } from '../../shared/items';
import { itemVotes } from '../../shared/prioritizing';
import type { Initiative } from '../../shared/records/initiative';
import { type Quadrant, quadrantOf } from '../../shared/records/matrix';
import { useBoard, useSettings } from '../board/hooks';
import { useDocVersion, usePrioritizingData } from '../matrix/usePrioritizing';

/** The dots and quadrant an initiative's source has: live while the item is on the board, else as recorded. */
export interface SourceFigures {
  live: boolean;
  votes: number | null;
  quadrant: Quadrant | null;
}

export interface InitiativesData {
  groups: InitiativePillarGroup[];
  deleted: Initiative[];
  figures: (initiative: Initiative) => SourceFigures | null;
  /** The fiscal year the plan starts from: that of the first dated meeting, else this year's. */
  baseYear: number;
}

/** What the 取組案 view shows, read whole when either document changes (the view is open only on demand). */
export function useInitiativesData(): InitiativesData {
  const { session } = useBoard();
  const settings = useSettings();
  const boardVersion = useDocVersion(session.boardDoc);
  const settingsVersion = useDocVersion(session.settingsDoc);
  const prioritizing = usePrioritizingData();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the versions stand for the documents' content.
  const lists = useMemo(
    () => ({
      groups: initiativesByPillar(session.boardDoc, session.settingsDoc),
      deleted: listDeletedInitiatives(session.boardDoc),
    }),
    [session, boardVersion, settingsVersion],
  );
  const figures = useMemo(() => {
    const live = resolveItems(prioritizing.items);
    const newest = prioritizing.rounds[0] ?? null;
    const votes = itemVotes(prioritizing.items, newest);
    return (initiative: Initiative): SourceFigures | null => {
      const source = initiative.source;
      if (!source) return null;
      const item = live.get(source.itemId);
      if (!item) return { live: false, votes: source.votes, quadrant: source.quadrant };
      const position = prioritizing.positions.get(item.id);
      return {
        live: true,
        votes: newest ? (votes.get(item.id) ?? 0) : null,
        quadrant: position ? quadrantOf(position) : null,
      };
    };
  }, [prioritizing]);
  const baseYear = planBaseYear(
    settings.meetings.map((m) => m.date),
    Date.now(),
  );
  return { ...lists, figures, baseYear };
}
