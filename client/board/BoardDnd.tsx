import {
  type CollisionDetection,
  closestCenter,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { nanoid } from 'nanoid';
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { addToCluster, groupNotes } from '../../shared/ops/clusters';
import { moveNote } from '../../shared/ops/notes';
import type { LaneKind } from '../../shared/records/lane';
import { getNote, readClusters, shownClusterId } from '../../shared/selectors';
import { clusterLabel } from '../clusters/clusterHooks';
import { useI18n } from '../i18n/I18nProvider';
import { boardAnnouncements } from '../notes/dnd/announcements';
import { currentPlaceOf, type DropIntent, dropIntentOf, samePlace } from '../notes/dnd/dropTarget';
import { jumpToNearestDroppable } from '../notes/dnd/keyboardCoordinates';
import { DND_INSTRUCTIONS_ID } from '../notes/noteDrag';
import { useBoard, useLaneLabelText } from '../session/hooks';
import { laneIds } from '../session/laneIndex';
import { useBoardUi } from '../ui/boardUi';

type Point = { x: number; y: number };
const KEYBOARD_CODES = { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] };
const inside = (point: Point, rect: { left: number; top: number; right: number; bottom: number }) =>
  point.x >= rect.left && point.x <= rect.right && point.y >= rect.top && point.y <= rect.bottom;
/** Notes before cluster cards before lanes: the innermost target under the point wins. */
const rank = (id: string) => (id.startsWith('note:') ? 0 : id.startsWith('cluster:') ? 1 : 2);

/**
 * Drag and drop of notes: between lanes and pillars, onto another note to group them, onto a cluster to join
 * it, out of a cluster onto a lane to leave it. A drag is session state until the drop: nothing is written
 * during it, and the drop is one transaction (`moveNote`, `groupNotes` or `addToCluster`).
 */
export function BoardDnd({ children }: { children: ReactNode }) {
  const { session, identity } = useBoard();
  const ui = useBoardUi();
  const { t } = useI18n();
  const laneLabel = useLaneLabelText();
  const [draggingId, setDraggingId] = useState<string | null>(null);
  /** Where the person aims now (written by the collision detection, read when the target is described). */
  const probe = useRef<Point | null>(null);
  const keyboardDrag = useRef(false);
  /** The notes' drop targets mount with the pick-up: seen by the collision detection once registered. */
  const noteTargetsReady = useRef(false);
  /** What the last drop did, for its announcement (undefined: no drop since the pick-up). */
  const dropped = useRef<DropIntent | null | undefined>(undefined);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    // Touch: press and hold, so a swipe still scrolls the board.
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    // Instant scrolling: a smooth scroll still running at the next arrow press leaves the dragged note where
    // the page was, not where the press sent it (a board taller than the window, e.g. with clusters).
    // Space lifts a focused note (Enter opens its editor instead); Space or Enter drops it, Escape cancels.
    useSensor(KeyboardSensor, {
      coordinateGetter: jumpToNearestDroppable,
      scrollBehavior: 'auto',
      keyboardCodes: KEYBOARD_CODES,
    }),
  );

  const laneNoteIds = useCallback(
    (pillarId: string, lane: LaneKind) => laneIds(session.laneIndex.get(), pillarId, lane),
    [session],
  );
  const clusterOf = useCallback(
    (noteId: string) => {
      const note = getNote(session.boardDoc, noteId);
      return note ? shownClusterId(note, readClusters(session.boardDoc)) : null;
    },
    [session],
  );

  /**
   * The target under the pointer (or, for the keyboard, under the dragged note's centre): a note, else a
   * cluster card, else a lane; off every target, the nearest one.
   */
  const collisionDetection = useCallback<CollisionDetection>((args) => {
    noteTargetsReady.current = args.droppableContainers.some((container) => rank(String(container.id)) === 0);
    const rect = args.collisionRect;
    const point = args.pointerCoordinates ?? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    probe.current = args.pointerCoordinates;
    let best: { id: string; rank: number; area: number } | null = null;
    for (const container of args.droppableContainers) {
      const box = args.droppableRects.get(container.id);
      if (!box || !inside(point, box)) continue;
      const candidate = { id: String(container.id), rank: rank(String(container.id)), area: box.width * box.height };
      if (!best || candidate.rank < best.rank || (candidate.rank === best.rank && candidate.area < best.area)) {
        best = candidate;
      }
    }
    if (!best) return closestCenter(args);
    const container = args.droppableContainers.find((c) => String(c.id) === best.id)!;
    return [{ id: container.id, data: { droppableContainer: container, value: 0 } }];
  }, []);

  const intentOf = useCallback(
    (active: DragEndEvent['active'], over: DragEndEvent['over']) =>
      dropIntentOf(active, over, {
        laneNoteIds,
        activeClusterId: clusterOf(String(active.id)),
        probe: probe.current,
        groupOnMiddle: !keyboardDrag.current,
      }),
    [laneNoteIds, clusterOf],
  );
  const placeOf = useCallback(
    (noteId: string): DropIntent | null => {
      if (clusterOf(noteId) !== null) return { kind: 'stay' };
      const target = currentPlaceOf(noteId, getNote(session.boardDoc, noteId)?.place ?? null, laneNoteIds);
      return target ? { kind: 'move', target } : null;
    },
    [session, laneNoteIds, clusterOf],
  );

  const accessibility = useMemo(
    () =>
      boardAnnouncements(t, {
        noteText: (id) => getNote(session.boardDoc, id)?.text ?? '',
        clusterTitle: (id) => clusterLabel(session, id),
        placeOf,
        intentOf,
        droppedIntent: (active, over) => (dropped.current !== undefined ? dropped.current : intentOf(active, over)),
        targetsReady: () => noteTargetsReady.current,
        placeName: (pillarId, lane) => {
          const settings = session.settings.get();
          const pillar = settings.pillars.find((p) => p.id === pillarId);
          return { pillar: pillar?.title ?? '', lane: laneLabel(lane, settings.laneLabels[lane]) };
        },
      }),
    [t, session, laneLabel, placeOf, intentOf],
  );

  function onDragEnd(event: DragEndEvent) {
    setDraggingId(null);
    const noteId = String(event.active.id);
    const intent = intentOf(event.active, event.over);
    dropped.current = intent;
    if (!intent || intent.kind === 'stay') return;
    if (intent.kind === 'move') {
      const current = placeOf(noteId);
      // Dropped where it was: write nothing (a new order key would be a change for everyone).
      if (current?.kind === 'move' && samePlace(intent.target, current.target)) return;
      moveNote(session.boardDoc, noteId, intent.target);
      return;
    }
    const result =
      intent.kind === 'group'
        ? groupNotes(session.boardDoc, {
            noteId,
            targetNoteId: intent.targetNoteId,
            newClusterId: nanoid(),
            createdBy: identity.id,
          })
        : addToCluster(session.boardDoc, noteId, intent.clusterId);
    if (!result.ok) ui.notify({ message: t(`error.${result.error}`), tone: 'error' });
  }

  // Rendered for every role, the draggables disabled for those who may not write (see NoteCard): switching
  // between a DndContext and none when the board is locked or unlocked would remount the whole board, and the
  // focus of whoever was reading a note would fall to the page.
  return (
    <DndContext
      // The id of dnd-kit's hidden instructions: every note points to them, even before its draggable mounts.
      id={DND_INSTRUCTIONS_ID}
      sensors={sensors}
      collisionDetection={collisionDetection}
      accessibility={accessibility}
      onDragStart={(event: DragStartEvent) => {
        keyboardDrag.current = event.activatorEvent instanceof KeyboardEvent;
        noteTargetsReady.current = false;
        probe.current = null;
        dropped.current = undefined;
        setDraggingId(String(event.active.id));
      }}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDraggingId(null)}
    >
      {children}
      <DragOverlay dropAnimation={null}>{draggingId ? <DragPreview noteId={draggingId} /> : null}</DragOverlay>
    </DndContext>
  );
}

function DragPreview({ noteId }: { noteId: string }) {
  const { session } = useBoard();
  const note = session.noteSnapshots.get(noteId);
  if (!note) return null;
  return (
    <div className="note note-preview" style={{ background: note.color }} aria-hidden="true">
      <p className="note-text">{note.text}</p>
    </div>
  );
}
