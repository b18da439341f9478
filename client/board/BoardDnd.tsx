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
import { type ReactNode, useMemo, useState } from 'react';
import { moveNote } from '../../shared/ops/notes';
import { getNote } from '../../shared/selectors';
import { useI18n } from '../i18n/I18nProvider';
import { boardAnnouncements } from './dnd/announcements';
import { moveTargetOf } from './dnd/dropTarget';
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

  const accessibility = useMemo(
    () =>
      boardAnnouncements(
        t,
        (id) => getNote(session.boardDoc, id)?.text ?? '',
        (id) => getNote(session.boardDoc, id)?.place ?? null,
        (pillarId, lane) => {
          const settings = session.settings.get();
          const pillar = settings.pillars.find((p) => p.id === pillarId);
          const kind = lane === 'problem' || lane === 'goal' || lane === 'idea' ? lane : 'idea';
          return { pillar: pillar?.title ?? '', lane: laneLabel(kind, settings.laneLabels[kind]) };
        },
      ),
    [t, session, laneLabel],
  );

  function onDragEnd(event: DragEndEvent) {
    setDraggingId(null);
    const target = moveTargetOf(event.active, event.over, (pillarId, lane) =>
      laneIds(session.laneIndex.get(), pillarId, lane),
    );
    if (target) moveNote(session.boardDoc, String(event.active.id), target);
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
