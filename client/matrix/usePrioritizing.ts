import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { settingsRoots } from '../../shared/docs';
import { type BoardItem, listItems } from '../../shared/items';
import { itemMarks, itemPositions, revealedRounds } from '../../shared/prioritizing';
import { type MatrixPosition, readMatrixPositions } from '../../shared/records/matrix';
import {
  DEFAULT_PRIORITIZATION_LABELS,
  type PrioritizationLabelKey,
  readPrioritizationLabels,
} from '../../shared/records/prioritization';
import { readShortlist, type ShortlistMark } from '../../shared/records/shortlist';
import { readVotingRounds, type VotingRound } from '../../shared/records/voting';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';

interface DocVersion {
  value: number;
  subscribe: (notify: () => void) => () => void;
}
const versions = new WeakMap<Y.Doc, DocVersion>();

/**
 * A number that changes with every change to the document (counted once per update, whoever listens): the
 * matrix and the shortlist read the documents whole when it changes.
 */
function docVersion(doc: Y.Doc): DocVersion {
  const known = versions.get(doc);
  if (known) return known;
  const listeners = new Set<() => void>();
  const version: DocVersion = {
    value: 0,
    subscribe: (notify) => {
      listeners.add(notify);
      return () => listeners.delete(notify);
    },
  };
  doc.on('update', () => {
    version.value++;
    for (const notify of [...listeners]) notify();
  });
  versions.set(doc, version);
  return version;
}

export function useDocVersion(doc: Y.Doc): number {
  const version = docVersion(doc);
  return useSyncExternalStore(version.subscribe, () => version.value);
}

/** What the matrix and the shortlist show, recomputed when either document changes. */
export interface PrioritizingData {
  items: BoardItem[];
  /** Item id → its place on the matrix (absent: in the tray). */
  positions: Map<string, MatrixPosition>;
  /** Item id → its shortlist mark (absent: not marked). */
  marks: Map<string, ShortlistMark>;
  /** Revealed voting rounds, newest first. */
  rounds: VotingRound[];
}

export function usePrioritizingData(): PrioritizingData {
  const { session } = useBoard();
  const boardVersion = useDocVersion(session.boardDoc);
  const settingsVersion = useDocVersion(session.settingsDoc);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the versions stand for the documents' content.
  const board = useMemo(() => {
    const items = listItems(session.boardDoc);
    return {
      items,
      positions: itemPositions(items, readMatrixPositions(session.boardDoc)),
      marks: itemMarks(items, readShortlist(session.boardDoc)),
    };
  }, [session, boardVersion]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  const rounds = useMemo(() => revealedRounds(readVotingRounds(session.settingsDoc)), [session, settingsVersion]);
  return useMemo(() => ({ ...board, rounds }), [board, rounds]);
}

/**
 * The facilitator's labels as shown: the one written, except that a label equal to the Japanese default (or
 * none) is shown in the UI language, as lane labels are.
 */
export function usePrioritizationLabels(): (key: PrioritizationLabelKey) => string {
  const { session } = useBoard();
  const { t } = useI18n();
  const version = useDocVersion(session.settingsDoc);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the version stands for the document's content.
  const labels = useMemo(
    () => readPrioritizationLabels(settingsRoots.prioritization(session.settingsDoc)),
    [session, version],
  );
  return useCallback(
    (key: PrioritizationLabelKey) => {
      const custom = labels[key];
      return custom === null || custom === DEFAULT_PRIORITIZATION_LABELS[key] ? t(`matrix.default.${key}`) : custom;
    },
    [labels, t],
  );
}

/**
 * The revealed round whose dots are shown: the newest unless the person chose another (this tab's own state).
 * Null when no round has been revealed.
 */
export function useChosenRound(rounds: readonly VotingRound[]): [number | null, (n: number) => void] {
  const [chosen, setChosen] = useState<number | null>(null);
  const shown = rounds.some((r) => r.number === chosen) ? chosen : (rounds[0]?.number ?? null);
  return [shown, setChosen];
}
