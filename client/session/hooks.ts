import { createContext, useCallback, useContext, useMemo, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import { periodName, shortlistName } from '../../shared/periodText';
import { DEFAULT_LANE_LABELS, LANE_KINDS, type LaneKind } from '../../shared/records/lane';
import type { Note } from '../../shared/records/note';
import type { Role } from '../../shared/roles';
import { useI18n } from '../i18n/I18nProvider';
import { useStore, useStoreSelector } from '../lib/store';
import { laneIds } from './laneIndex';
import type { Peer } from './presence';
import type { BoardSession } from './session';

/** What every board component may need: the session, and who this person is on this board. */
export interface BoardContextValue {
  session: BoardSession;
  role: Role;
  canEditBoard: boolean;
  canEditSettings: boolean;
  /** The facilitator may archive, unarchive or delete the board (also while it is archived). */
  canManageBoard: boolean;
  archived: boolean;
  identity: { id: string; name: string; color: string };
  /** The token this page uses (a personal one when there is a person): for the board's HTTP API. */
  token: string;
  /** The shared link this page was opened with (null: a personal link), kept where a reload finds it. */
  sharedLink: { role: Role; token: string } | null;
  /** The later period's board whose link opened this one, read-only (null: one of this board's own links). */
  readThrough: { boardId: string; title: string } | null;
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoard(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoard outside a board page');
  return value;
}

export function useLaneNoteIds(pillarId: string, lane: LaneKind): readonly string[] {
  const { session } = useBoard();
  return useStoreSelector(session.laneIndex, (index) => laneIds(index, pillarId, lane));
}

/** How many notes the lanes above this one in its pillar hold (for the first paint's budget). */
export function useNotesAbove(pillarId: string, lane: LaneKind): number {
  const { session } = useBoard();
  return useStoreSelector(session.laneIndex, (index) => {
    let count = 0;
    for (const above of LANE_KINDS.slice(0, LANE_KINDS.indexOf(lane))) count += laneIds(index, pillarId, above).length;
    return count;
  });
}

/**
 * One note, subscribed to that note alone: its own map and its text. A remote edit to this note re-renders
 * this note's component and nothing else.
 */
export function useNote(id: string): Note | null {
  const { session } = useBoard();
  const notes = boardRoots.notes(session.boardDoc);
  const subscribe = useCallback(
    (notify: () => void) => {
      const onChange = () => {
        session.noteSnapshots.invalidate(id);
        notify();
      };
      let map: Y.Map<unknown> | null = null;
      let text: Y.Text | null = null;
      const attach = () => {
        const value = notes.get(id);
        const nextMap = value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
        if (nextMap !== map) {
          map?.unobserve(onMapChange);
          map = nextMap;
          map?.observe(onMapChange);
        }
        const nextText = map?.get('text');
        const ytext = nextText instanceof Y.Text ? nextText : null;
        if (ytext !== text) {
          text?.unobserve(onChange);
          text = ytext;
          text?.observe(onChange);
        }
      };
      function onMapChange() {
        attach();
        onChange();
      }
      const onNotes = (event: Y.YMapEvent<unknown>) => {
        if (event.keysChanged.has(id)) onMapChange();
      };
      notes.observe(onNotes);
      attach();
      return () => {
        notes.unobserve(onNotes);
        map?.unobserve(onMapChange);
        text?.unobserve(onChange);
      };
    },
    [notes, id, session],
  );
  return useSyncExternalStore(subscribe, () => session.noteSnapshots.get(id));
}

export function useSettings() {
  return useStore(useBoard().session.settings);
}

/** The board's period and its names in the UI language: 「令和9〜10年度」, 「令和9〜10年度に取り組む」. */
export function useBoardPeriod() {
  const { t, lang } = useI18n();
  const period = useSettings().period;
  return useMemo(
    () => ({ period, name: periodName(period, lang), shortlistName: shortlistName(period, t, lang) }),
    [period, t, lang],
  );
}

export function useLaneLabel(lane: LaneKind): string {
  const labels = useSettings().laneLabels;
  return useLaneLabelText()(lane, labels[lane]);
}

/** A lane's label: the facilitator's own, else the UI language's name for its kind. */
export function useLaneLabelText() {
  const { t } = useI18n();
  // The template's own labels are shown in the UI language; a facilitator's renamed label is shown as is.
  return useCallback(
    (lane: LaneKind, custom: string | null) =>
      custom === null || custom === DEFAULT_LANE_LABELS[lane] ? t(`lane.${lane}`) : custom,
    [t],
  );
}

const NO_PEERS: readonly Peer[] = [];
export function useEditorsOf(noteId: string): readonly Peer[] {
  const { session } = useBoard();
  return useStoreSelector(session.presence, (p) => p.editorsByNote.get(noteId) ?? NO_PEERS);
}
