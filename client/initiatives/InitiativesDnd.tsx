import {
  type Announcements,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  MouseSensor,
  pointerWithin,
  type SensorDescriptor,
  type SensorOptions,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { memo, type ReactNode, useState } from 'react';
import type { Initiative, Priority } from '../../shared/records/initiative';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { useInitiativeActions } from './useInitiativeActions';

/** Where a drop puts an initiative: before `beforeId` in that pillar and priority, or at its end (null). */
export interface DropSlot {
  pillarId: string;
  priority: Priority;
  beforeId: string | null;
}

/** Droppable ids: a card (drop before it) or a whole priority group (drop at its end). */
export const dropId = (slot: DropSlot | null, initiativeId?: string) =>
  initiativeId ? `initiative:${initiativeId}` : `group:${slot?.pillarId}:${slot?.priority}`;

const NO_SENSORS: SensorDescriptor<SensorOptions>[] = [];

/** A card under the pointer wins over the group around it (the pointer is within both). */
const cardsFirst: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  const cards = hits.filter((hit) => String(hit.id).startsWith('initiative:'));
  return cards.length > 0 ? cards : hits;
};

/**
 * Mouse and touch reordering of initiatives. Nothing is written during a drag; the drop is one move (one
 * write), announced like a keyboard move. The keyboard has its own buttons (「上へ」「下へ」) and the editor.
 * Memoised, with children that do not change (the view passes the list through a context): each render of
 * the DndContext renders every card's drag and drop hooks again, so it must not render when the list does.
 */
export const InitiativesDnd = memo(function InitiativesDnd({
  initiatives,
  children,
}: {
  /** The live initiatives now, read when a drag needs them (a ref, so a list change does not render this). */
  initiatives: { readonly current: readonly Initiative[] };
  children: ReactNode;
}) {
  const { canEditBoard } = useBoard();
  const { t } = useI18n();
  const actions = useInitiativeActions();
  const [draggingId, setDraggingId] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
  );
  const find = (id: string | number) => initiatives.current.find((i) => i.id === String(id));
  const title = (id: string | number) => {
    const initiative = find(id);
    return initiative ? actions.titleOf(initiative) : '';
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('initiative.pickedUp', { title: title(active.id) }),
    onDragOver: () => undefined,
    onDragEnd: () => undefined,
    onDragCancel: ({ active }) => t('initiative.dragCancelled', { title: title(active.id) }),
  };

  function onDragEnd(event: DragEndEvent) {
    setDraggingId(null);
    const initiative = find(event.active.id);
    const slot = event.over?.data.current as DropSlot | undefined;
    if (!initiative || !slot || slot.beforeId === initiative.id) return;
    actions.move(initiative, slot);
  }

  const dragging = draggingId ? find(draggingId) : undefined;
  return (
    <DndContext
      // Kept mounted when the board is locked (the cards' drag hooks are disabled then, and no sensor starts a
      // drag): swapping it for a fragment would remount every card, closing what was open in them.
      sensors={canEditBoard ? sensors : NO_SENSORS}
      collisionDetection={cardsFirst}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('initiative.help') } }}
      onDragStart={(event) => setDraggingId(String(event.active.id))}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDraggingId(null)}
    >
      {children}
      <DragOverlay dropAnimation={null}>
        {dragging ? <div className="initiative-card initiative-preview">{actions.titleOf(dragging)}</div> : null}
      </DragOverlay>
    </DndContext>
  );
});
