import { KeyboardCode, type KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * dnd-kit's default keyboard sensor moves by 25 px per arrow press, which takes dozens of presses to cross a
 * pillar. This getter jumps instead. A lane is a wrapping grid of notes, so:
 * - ↑ / ↓ move the note by one position in reading order (row by row, left to right) within its lane, and
 *   past either end into the lane above (after its last note) or below (before its first note);
 * - ← / → go to the nearest place in the next pillar (or a cluster card) in that direction.
 * On a note the landing point is just left of its centre ("before it") or just right ("after it"), which is
 * how dropIntentOf reads a keyboard drag.
 */
const LANDING_OFFSET = 2;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

const centreOf = (box: Box) => ({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
const contains = (box: Box, point: { x: number; y: number }) =>
  point.x >= box.left && point.x <= box.right && point.y >= box.top && point.y <= box.bottom;
const within = (inner: Box, outer: Box) =>
  inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;

/** Row by row (a grid row shares its top), then left to right. */
const readingOrder = (boxes: Box[]) =>
  boxes.sort((a, b) => (Math.abs(a.top - b.top) > 1 ? a.top - b.top : a.left - b.left));

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
  const from = centreOf(collisionRect);
  const landAt = (x: number, y: number) => ({
    x: currentCoordinates.x + (x - from.x),
    y: currentCoordinates.y + (y - from.y),
  });
  const before = (box: Box) => landAt(centreOf(box).x - LANDING_OFFSET, centreOf(box).y);
  const after = (box: Box) => landAt(centreOf(box).x + LANDING_OFFSET, centreOf(box).y);

  const notes = [...droppableRects].filter(
    ([id]) => String(id).startsWith('note:') && id !== `note:${active?.id}` && id !== active?.id,
  );
  const lanes = [...droppableRects].filter(([id]) => String(id).startsWith('lane:')).map(([, box]) => box);
  const notesOf = (lane: Box) => readingOrder(notes.map(([, box]) => box).filter((box) => within(box, lane)));
  const currentLane = lanes.find((lane) => contains(lane, from)) ?? null;

  if (direction.y !== 0 && currentLane) {
    const list = notesOf(currentLane);
    // The place now: how many of the lane's notes come before the dragged note's centre in reading order.
    const slot = list.filter(
      (box) => box.bottom < from.y || (box.top <= from.y && from.y <= box.bottom && centreOf(box).x < from.x),
    ).length;
    const next = slot + direction.y;
    if (next >= 0 && next <= list.length) {
      const target = direction.y > 0 ? list[slot] : list[slot - 1];
      if (target) return direction.y > 0 ? after(target) : before(target);
    }
  }

  // Elsewhere: the nearest stop in the arrow's direction outside the current lane. Notes are the stops; a lane
  // is a stop only when empty.
  const holdsNote = (lane: Box) => notes.some(([, box]) => within(box, lane));
  let best: { box: Box; kind: 'note' | 'lane' | 'other'; score: number } | null = null;
  for (const [id, box] of droppableRects) {
    if (id === active?.id || id === `note:${active?.id}`) continue;
    const kind = String(id).startsWith('note:') ? 'note' : String(id).startsWith('lane:') ? 'lane' : 'other';
    if (kind === 'lane' && (box === currentLane || holdsNote(box))) continue;
    if (kind === 'note' && currentLane && within(box, currentLane)) continue;
    // Sideways means another pillar: nothing that shares the current lane's columns.
    if (direction.x !== 0 && currentLane && box.left < currentLane.right && box.right > currentLane.left) continue;
    const centre = centreOf(box);
    const along = (centre.x - from.x) * direction.x + (centre.y - from.y) * direction.y;
    // Sideways, past the dragged note's own width; up and down, past the landing offset.
    if (along <= (direction.x !== 0 ? collisionRect.width / 2 : LANDING_OFFSET)) continue;
    const across = Math.abs((centre.x - from.x) * direction.y) + Math.abs((centre.y - from.y) * direction.x);
    const score = along + across * 2;
    if (!best || score < best.score) best = { box, kind, score };
  }
  if (!best) return undefined;
  if (best.kind !== 'note') {
    const centre = centreOf(best.box);
    return landAt(centre.x + direction.x * LANDING_OFFSET, centre.y + direction.y * LANDING_OFFSET);
  }
  // Into another lane from above or below: before its first note, or after its last one.
  const lane = direction.y !== 0 ? lanes.find((box) => within(best.box, box)) : undefined;
  const list = lane ? notesOf(lane) : [];
  const first = list[0];
  const last = list[list.length - 1];
  if (direction.y > 0 && first) return before(first);
  if (direction.y < 0 && last) return after(last);
  return before(best.box);
};
