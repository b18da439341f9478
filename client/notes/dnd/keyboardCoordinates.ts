import { KeyboardCode, type KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * dnd-kit's default keyboard sensor moves by 25 px per arrow press, which takes dozens of presses to cross a
 * pillar. This getter jumps to the nearest drop target (a note or a lane) in the arrow's direction instead.
 */
const LANDING_OFFSET = 2;

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
  // Notes are the stops; a lane is a stop only when empty (a full lane is reached through its last note,
  // whose lower half means "at the end").
  const noteRects = [...droppableRects].filter(([id]) => String(id).startsWith('note:') && id !== `note:${active?.id}`);
  const holdsNote = (lane: { left: number; top: number; right: number; bottom: number }) =>
    noteRects.some(
      ([, r]) => r.left >= lane.left && r.right <= lane.right && r.top >= lane.top && r.bottom <= lane.bottom,
    );
  for (const [id, rect] of droppableRects) {
    if (id === active?.id || id === `note:${active?.id}`) continue;
    if (!String(id).startsWith('note:') && holdsNote(rect)) continue;
    // Land just past the target's centre in the direction of travel: one press down over the next note
    // means "after it", one press up means "before it", so each press moves the note by one position.
    const x = rect.left + rect.width / 2 + direction.x * LANDING_OFFSET;
    const y = rect.top + rect.height / 2 + direction.y * LANDING_OFFSET;
    const along = (x - fromX) * direction.x + (y - fromY) * direction.y;
    // Sideways, past the dragged note's own width, so its own column is never "the next one to the right".
    // Up and down, past the landing offset: the note just landed on (its centre a fraction of a pixel short of
    // the landing point after the transform is rounded) is not "the next one below" again.
    if (along <= (direction.x !== 0 ? collisionRect.width / 2 : LANDING_OFFSET)) continue;
    const across = Math.abs((x - fromX) * direction.y) + Math.abs((y - fromY) * direction.x);
    const score = along + across * 2;
    if (!best || score < best.score) best = { x, y, score };
  }
  if (!best) return undefined;
  return { x: currentCoordinates.x + (best.x - fromX), y: currentCoordinates.y + (best.y - fromY) };
};
