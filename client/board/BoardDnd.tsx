import {
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
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { moveNote } from '../../shared/ops/notes';
import type { LaneKind } from '../../shared/records/lane';
import { getNote } from '../../shared/selectors';
import { useI18n } from '../i18n/I18nProvider';
import { boardAnnouncements } from './dnd/announcements';
import { currentPlaceOf, moveTargetOf, samePlace } from './dnd/dropTarget';
import { jumpToNearestDroppable } from './dnd/keyboardCoordinates';
import { useBoard, useLaneLabelText } from './hooks';
import { laneIds } from './laneIndex';

/**
 * Drag and drop of notes between lanes and pillars. A drag is session state until the drop: nothing is
 * written to the board during it, and the drop is one `moveNote` transaction.
 */
export function BoardDnd({ children }: { children: ReactNode }) {
  const { session, canEditBoard } = useBoard();
  const { t } = useI18n();
  const laneLabel = useLaneLabelText();
  const [draggingId, setDraggingId] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    // Touch: press and hold, so a swipe still scrolls the board.
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: jumpToNearestDroppable }),
  );

  const laneNoteIds = useCallback(
    (pillarId: string, lane: LaneKind) => laneIds(session.laneIndex.get(), pillarId, lane),
    [session],
  );
  const accessibility = useMemo(
    () =>
      boardAnnouncements(t, {
        noteText: (id) => getNote(session.boardDoc, id)?.text ?? '',
        placeOf: (id) => currentPlaceOf(id, getNote(session.boardDoc, id)?.place ?? null, laneNoteIds),
        targetOf: (active, over) => moveTargetOf(active, over, laneNoteIds),
        placeName: (pillarId, lane) => {
          const settings = session.settings.get();
          const pillar = settings.pillars.find((p) => p.id === pillarId);
          return { pillar: pillar?.title ?? '', lane: laneLabel(lane, settings.laneLabels[lane]) };
        },
      }),
    [t, session, laneLabel, laneNoteIds],
  );

  function onDragEnd(event: DragEndEvent) {
    setDraggingId(null);
    const noteId = String(event.active.id);
    const target = moveTargetOf(event.active, event.over, laneNoteIds);
    const current = currentPlaceOf(noteId, getNote(session.boardDoc, noteId)?.place ?? null, laneNoteIds);
    // Dropped where it was: write nothing (a new order key would be a change for everyone).
    if (target && !(current && samePlace(target, current))) moveNote(session.boardDoc, noteId, target);
  }

  if (!canEditBoard) return <>{children}</>;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      accessibility={accessibility}
      onDragStart={(event: DragStartEvent) => setDraggingId(String(event.active.id))}
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
