import type { Active, Over } from '@dnd-kit/core';
import type { MoveTarget } from '../../../shared/ops/notes';
import type { LaneKind } from '../../../shared/records/lane';

/** What a drop target carries in dnd-kit's `data`: a lane (drop at its end) or a note (drop beside it). */
export type DropData =
  | { kind: 'lane'; pillarId: string; lane: LaneKind }
  | { kind: 'note'; noteId: string; pillarId: string; lane: LaneKind };

export function dropData(over: Over | null): DropData | null {
  const data = over?.data.current as DropData | undefined;
  return data && (data.kind === 'lane' || data.kind === 'note') ? data : null;
}

/**
 * Where a dropped note goes: over a lane, at its end; over a note, before or after it depending on which
 * half of that note the dragged note's centre is in (works the same for pointer and keyboard); over itself,
 * where it is. `index` counts the lane's other notes.
 */
export function moveTargetOf(
  active: Active,
  over: Over | null,
  laneNoteIds: (pillarId: string, lane: LaneKind) => readonly string[],
): MoveTarget | null {
  const target = dropData(over);
  if (!target || !over) return null;
  const siblings = laneNoteIds(target.pillarId, target.lane).filter((id) => id !== active.id);
  if (target.kind === 'lane') return { pillarId: target.pillarId, lane: target.lane, index: siblings.length };
  if (target.noteId === active.id) {
    const index = laneNoteIds(target.pillarId, target.lane).indexOf(target.noteId);
    return { pillarId: target.pillarId, lane: target.lane, index: Math.max(0, index) };
  }
  const overIndex = siblings.indexOf(target.noteId);
  const dragged = active.rect.current.translated;
  const after = dragged ? dragged.top + dragged.height / 2 > over.rect.top + over.rect.height / 2 : false;
  return {
    pillarId: target.pillarId,
    lane: target.lane,
    index: overIndex < 0 ? siblings.length : overIndex + (after ? 1 : 0),
  };
}

export function samePlace(a: MoveTarget, b: MoveTarget): boolean {
  return a.pillarId === b.pillarId && a.lane === b.lane && a.index === b.index;
}

/** The place a note has now, in the terms of `moveTargetOf`. */
export function currentPlaceOf(
  noteId: string,
  place: { pillarId: string; lane: LaneKind } | null,
  laneNoteIds: (pillarId: string, lane: LaneKind) => readonly string[],
): MoveTarget | null {
  if (!place) return null;
  const index = laneNoteIds(place.pillarId, place.lane).indexOf(noteId);
  return index < 0 ? null : { pillarId: place.pillarId, lane: place.lane, index };
}
