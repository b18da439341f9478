import { KeyboardCode, type KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * dnd-kit's default keyboard sensor moves by 25 px per arrow press, which takes dozens of presses to cross a
 * pillar. This getter jumps to the nearest drop target (a note or a lane) in the arrow's direction instead.
 */
export const jumpToNearestDroppable: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  const { collisionRect, droppableRects, active } = context;
  if (!collisionRect) return undefined;
  const direction = {
    [KeyboardCode.Down]: { x: 0, y: 1 },
    [KeyboardCode.Up]: { x: 0, y: -1 },
    [KeyboardCode.Right]: { x: 1, y: 0 },
    [KeyboardCode.Left]: { x: -1, y: 0 },
  }[event.code];
  if (!direction) return undefined;
  event.preventDefault();
  const fromX = collisionRect.left + collisionRect.width / 2;
  const fromY = collisionRect.top + collisionRect.height / 2;
  let best: { x: number; y: number; score: number } | null = null;
  for (const [id, rect] of droppableRects) {
    if (id === active?.id || id === `note:${active?.id}`) continue;
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    const along = (x - fromX) * direction.x + (y - fromY) * direction.y;
    // Past the dragged note's own extent, so the lane it sits in is never "the next one to the right".
    const reach = direction.x !== 0 ? collisionRect.width / 2 : collisionRect.height / 2;
    if (along <= reach) continue;
    const across = Math.abs((x - fromX) * direction.y) + Math.abs((y - fromY) * direction.x);
    const score = along + across * 2;
    if (!best || score < best.score) best = { x, y, score };
  }
  if (!best) return undefined;
  return { x: currentCoordinates.x + (best.x - fromX), y: currentCoordinates.y + (best.y - fromY) };
};
