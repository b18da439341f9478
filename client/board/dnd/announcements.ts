import type { Active, Announcements, Over, ScreenReaderInstructions, UniqueIdentifier } from '@dnd-kit/core';
import type { Translate } from '../../../shared/i18n/index';
import type { MoveTarget } from '../../../shared/ops/notes';

export interface DragDescriber {
  noteText: (id: string) => string;
  /** Where the note is now (null when it has no place on the board). */
  placeOf: (id: string) => MoveTarget | null;
  /** Where it would land if dropped now (null: nowhere). */
  targetOf: (active: Active, over: Over | null) => MoveTarget | null;
  placeName: (pillarId: string, lane: MoveTarget['lane']) => { pillar: string; lane: string };
}

/**
 * Screen-reader announcements in the UI language, naming the note by its text and the place by pillar, lane
 * and position. Only a change of that place is announced: dnd-kit reports "over" on every hover, and the first
 * one (the note's own place, right at pick-up) would replace the pick-up message before it is read.
 */
export function boardAnnouncements(
  t: Translate,
  describe: DragDescriber,
): { announcements: Announcements; screenReaderInstructions: ScreenReaderInstructions } {
  const text = (id: UniqueIdentifier) => shorten(describe.noteText(String(id)));
  const where = (target: MoveTarget) => ({
    ...describe.placeName(target.pillarId, target.lane),
    position: target.index + 1,
  });
  let lastPlace: string | null = null;
  const placeKey = (target: MoveTarget | null) => (target ? `${target.pillarId}|${target.lane}|${target.index}` : null);
  const placeChanged = (active: Active, over: Over | null) => {
    const target = describe.targetOf(active, over);
    const key = placeKey(target);
    if (key === lastPlace) return undefined;
    lastPlace = key;
    if (!target) return t('dnd.overNone', { text: text(active.id) });
    return t('dnd.over', { text: text(active.id), ...where(target) });
  };
  return {
    screenReaderInstructions: { draggable: t('dnd.instructions') },
    announcements: {
      onDragStart: ({ active }) => {
        lastPlace = placeKey(describe.placeOf(String(active.id)));
        return t('dnd.pickedUp', { text: text(active.id) });
      },
      // Both: the place changes when the note is over another target, and also between the two halves of
      // one target (before / after it), which only a move reports.
      onDragOver: ({ active, over }) => placeChanged(active, over),
      onDragMove: ({ active, over }) => placeChanged(active, over),
      onDragEnd: ({ active, over }) => {
        const target = describe.targetOf(active, over);
        if (!target) return t('dnd.cancelled', { text: text(active.id) });
        return t('dnd.dropped', { text: text(active.id), ...where(target) });
      },
      onDragCancel: ({ active }) => t('dnd.cancelled', { text: text(active.id) }),
    },
  };
}

export function shorten(text: string, max = 40): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > max ? `${single.slice(0, max)}…` : single;
}
