import { useMemo, useRef } from 'react';
import {
  type InitiativePillarGroup,
  type InitiativeSteps,
  initiativeSteps,
  initiativesByPillar,
  sameTitleNumbers,
} from '../../shared/initiatives';
import { resolveItems } from '../../shared/items';
import { itemVotes } from '../../shared/prioritizing';
import type { Initiative } from '../../shared/records/initiative';
import { type Quadrant, quadrantOf } from '../../shared/records/matrix';
import { useStore } from '../lib/store';
import { usePrioritizingData } from '../matrix/usePrioritizing';
import { useBoard, useSettings } from '../session/hooks';
import { initiativesStore } from './initiativesStore';

/** The dots and quadrant an initiative's source has: live while the item is on the board, else as recorded. */
export interface SourceFigures {
  live: boolean;
  votes: number | null;
  quadrant: Quadrant | null;
}

export const sameFigures = (a: SourceFigures | null, b: SourceFigures | null) =>
  a === b || (!!a && !!b && a.live === b.live && a.votes === b.votes && a.quadrant === b.quadrant);

export interface InitiativesData {
  groups: InitiativePillarGroup[];
  /** Live initiatives in list order (pillar, priority, order). */
  all: Initiative[];
  deleted: Initiative[];
  /** Where 「上へ」「下へ」 take each live initiative. */
  steps: ReadonlyMap<string, InitiativeSteps>;
  /** Initiative id → its number among initiatives with the same title (absent when its title is unique). */
  sameTitle: ReadonlyMap<string, number>;
  /** Initiative id → the dots and quadrant of its source. */
  figures: ReadonlyMap<string, SourceFigures | null>;
}

/**
 * What the 取組案 view shows. The lists and the up/down targets are computed once per change of the
 * initiatives or of the settings (not per card, and not when a note is typed into); the figures once per change
 * of the items or rounds, as plain values a card compares.
 */
export function useInitiativesData(): InitiativesData {
  const { session } = useBoard();
  const settings = useSettings();
  const initiatives = useStore(initiativesStore(session.boardDoc));
  const prioritizing = usePrioritizingData();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the settings snapshot stands for the pillars read.
  const lists = useMemo(() => {
    const live = initiatives.filter((i) => i.deletedAt === null);
    const groups = initiativesByPillar(session.boardDoc, session.settingsDoc, live);
    const all = groups.flatMap((g) => g.priorities.flatMap((p) => p.initiatives));
    return {
      groups,
      all,
      deleted: initiatives.filter((i) => i.deletedAt !== null).sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0)),
      steps: initiativeSteps(groups),
      sameTitle: sameTitleNumbers(all),
    };
  }, [session, initiatives, settings]);
  const lastFigures = useRef<ReadonlyMap<string, SourceFigures | null> | null>(null);
  const figures = useMemo(() => {
    const live = resolveItems(prioritizing.items);
    const newest = prioritizing.rounds[0] ?? null;
    const votes = itemVotes(prioritizing.items, newest);
    const out = new Map<string, SourceFigures | null>();
    for (const initiative of lists.all) {
      const source = initiative.source;
      const item = source ? live.get(source.itemId) : undefined;
      const position = item ? prioritizing.positions.get(item.id) : undefined;
      out.set(
        initiative.id,
        !source
          ? null
          : !item
            ? { live: false, votes: source.votes, quadrant: source.quadrant }
            : {
                live: true,
                votes: newest ? (votes.get(item.id) ?? 0) : null,
                quadrant: position ? quadrantOf(position) : null,
              },
      );
    }
    // The same map while every initiative's figures are the same (a note edit changes the items, rarely these):
    // the list below, and its drag and drop context, then need not render again.
    const last = lastFigures.current;
    const same =
      last?.size === out.size && [...out].every(([id, f]) => last.has(id) && sameFigures(last.get(id) ?? null, f));
    lastFigures.current = same && last ? last : out;
    return lastFigures.current;
  }, [prioritizing, lists]);
  return { ...lists, figures };
}
