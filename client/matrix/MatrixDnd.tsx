import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  MouseSensor,
  pointerWithin,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { type ReactNode, useMemo, useState } from 'react';
import type { BoardItem } from '../../shared/items';
import { useI18n } from '../i18n/I18nProvider';
import { shortItemLabel } from './itemDisplay';
import { CardPreview } from './MatrixCard';
import { useMatrixUi } from './matrixContext';

export const GRID_DROP_ID = 'matrix-grid';
export const TRAY_DROP_ID = 'matrix-tray';

/**
 * Mouse and touch drags of matrix cards (the keyboard uses the arrow keys instead). Nothing is written during a
 * drag; the drop is one write: the card's centre over the grid gives its place, over the tray sends it back.
 */
export function MatrixDnd({ items, children }: { items: readonly BoardItem[]; children: ReactNode }) {
  const { t } = useI18n();
  const matrix = useMatrixUi();
  const [draggingId, setDraggingId] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    // Touch: press and hold, so a swipe still scrolls the page.
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
  );
  const byId = useMemo(() => new Map(items.map((item) => [item.id, item])), [items]);
  const label = (id: string | number) => {
    const item = byId.get(String(id));
    return item ? shortItemLabel(item) : '';
  };
  // Screen readers hear the pick-up and a cancel from here; the result of a drop is announced by the write.
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('matrix.pickedUp', { label: label(active.id) }),
    onDragOver: () => undefined,
    onDragEnd: () => undefined,
    onDragCancel: ({ active }) => t('matrix.dragCancelled', { label: label(active.id) }),
  };

  function onDragEnd(event: DragEndEvent) {
    setDraggingId(null);
    const item = byId.get(String(event.active.id));
    const card = event.active.rect.current.translated;
    if (!item || !event.over || !card) return;
    if (event.over.id === TRAY_DROP_ID) {
      // A scored card at its median has no place by hand to take back.
      const atMedian = matrix.scores.has(item.id) && !matrix.scores.get(item.id)?.pinned;
      if (matrix.positions.has(item.id) && !atMedian) matrix.returnToTray(item);
      return;
    }
    if (event.over.id !== GRID_DROP_ID) return;
    const grid = event.over.rect;
    const centreX = card.left + card.width / 2;
    const centreY = card.top + card.height / 2;
    matrix.place(item, {
      x: (centreX - grid.left) / grid.width,
      y: 1 - (centreY - grid.top) / grid.height,
    });
  }

  if (!matrix.movable) return <>{children}</>;
  const dragging = draggingId ? byId.get(draggingId) : undefined;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={pointerWithin}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('matrix.keyboardHelp') } }}
      onDragStart={(event) => setDraggingId(String(event.active.id))}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDraggingId(null)}
    >
      {children}
      <DragOverlay dropAnimation={null}>{dragging ? <CardPreview item={dragging} /> : null}</DragOverlay>
    </DndContext>
  );
}
