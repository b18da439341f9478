import type { Active, Over } from '@dnd-kit/core';
import type { MoveTarget } from '../../../shared/ops/notes';
import type { LaneKind } from '../../../shared/records/lane';

/**
 * What a drop target carries in dnd-kit's `data`: a lane (drop at its end), a note in a lane (drop beside it,
 * or onto its middle to group), a note in a cluster or a cluster card (drop into that cluster).
 */
export type DropData =
  | { kind: 'lane'; pillarId: string; lane: LaneKind }
  | { kind: 'note'; noteId: string; pillarId: string; lane: LaneKind }
  | { kind: 'member'; noteId: string; clusterId: string; pillarId: string; lane: LaneKind }
  | { kind: 'cluster'; clusterId: string; pillarId: string };

/** What a drop would do. `stay`: over its own cluster, nothing changes. */
export type DropIntent =
  | { kind: 'move'; target: MoveTarget }
  | { kind: 'group'; targetNoteId: string }
  | { kind: 'join'; clusterId: string }
  | { kind: 'stay' };

const DROP_KINDS = new Set(['lane', 'note', 'member', 'cluster']);

export function dropData(over: Over | null): DropData | null {
  const data = over?.data.current as DropData | undefined;
  return data && DROP_KINDS.has(data.kind) ? data : null;
}

/** The middle of a note, from this fraction of its height to 1 minus it, means "group with it". */
const GROUP_ZONE_EDGE = 0.25;

export interface DropContext {
  laneNoteIds: (pillarId: string, lane: LaneKind) => readonly string[];
  /** The cluster the dragged note is shown in now, if any. */
  activeClusterId: string | null;
  /** Where the person aims: the pointer, or the dragged note's centre (keyboard). Null: that centre. */
  probe: { x: number; y: number } | null;
  /**
   * A pointer drag groups on a note's middle. A keyboard drag does not: each arrow press moves the note by one
   * position, and grouping by keyboard has its own dialog (「グループにする…」).
   */
  groupOnMiddle: boolean;
}

/**
 * What dropping the note now would do: over a lane, move it to its end; over a note in a lane, move it before
 * or after that note (pointer: upper or lower part; keyboard: left or right of its centre), or group the two
 * (middle, pointer only); over a note in a cluster
 * or a cluster card, join that cluster; over itself, stay where it is.
 */
export function dropIntentOf(active: Active, over: Over | null, context: DropContext): DropIntent | null {
  const target = dropData(over);
  if (!target || !over) return null;
  if (target.kind === 'cluster' || target.kind === 'member') {
    if (target.clusterId === context.activeClusterId) return { kind: 'stay' };
    return { kind: 'join', clusterId: target.clusterId };
  }
  const lane = context.laneNoteIds(target.pillarId, target.lane);
  const siblings = lane.filter((id) => id !== active.id);
  const place = (index: number): DropIntent => ({
    kind: 'move',
    target: { pillarId: target.pillarId, lane: target.lane, index },
  });
  if (target.kind === 'lane') return place(siblings.length);
  if (target.noteId === active.id) return place(Math.max(0, lane.indexOf(target.noteId)));
  const dragged = active.rect.current.translated;
  const probe =
    context.probe ??
    (dragged
      ? { x: dragged.left + dragged.width / 2, y: dragged.top + dragged.height / 2 }
      : { x: over.rect.left, y: over.rect.top });
  const fraction = (probe.y - over.rect.top) / over.rect.height;
  if (context.groupOnMiddle && fraction >= GROUP_ZONE_EDGE && fraction <= 1 - GROUP_ZONE_EDGE) {
    return { kind: 'group', targetNoteId: target.noteId };
  }
  // A pointer: the upper or lower part. The keyboard lands just left or right of a note's centre (a lane is a
  // grid: one arrow press is one position in reading order, keyboardCoordinates.ts).
  const after = context.groupOnMiddle ? fraction > 0.5 : probe.x > over.rect.left + over.rect.width / 2;
  const overIndex = siblings.indexOf(target.noteId);
  return place(overIndex < 0 ? siblings.length : overIndex + (after ? 1 : 0));
}

export function samePlace(a: MoveTarget, b: MoveTarget): boolean {
  return a.pillarId === b.pillarId && a.lane === b.lane && a.index === b.index;
}

/** The place a note in a lane has now, in the terms of `dropIntentOf`. */
export function currentPlaceOf(
  noteId: string,
  place: { pillarId: string; lane: LaneKind } | null,
  laneNoteIds: (pillarId: string, lane: LaneKind) => readonly string[],
): MoveTarget | null {
  if (!place) return null;
  const index = laneNoteIds(place.pillarId, place.lane).indexOf(noteId);
  return index < 0 ? null : { pillarId: place.pillarId, lane: place.lane, index };
}

/** A key that changes exactly when what a drop would do changes (announce only then). */
export function intentKey(intent: DropIntent | null): string | null {
  if (!intent) return null;
  if (intent.kind === 'move') return `move|${intent.target.pillarId}|${intent.target.lane}|${intent.target.index}`;
  if (intent.kind === 'group') return `group|${intent.targetNoteId}`;
  if (intent.kind === 'join') return `join|${intent.clusterId}`;
  return 'stay';
}
