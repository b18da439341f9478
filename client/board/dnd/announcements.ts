import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
import type { Translate } from '../../../shared/i18n/index';
import { dropData } from './dropTarget';

/** Screen-reader announcements in the UI language, naming the note by its text and the place by name. */
export function boardAnnouncements(
  t: Translate,
  noteText: (id: string) => string,
  notePlace: (id: string) => { pillarId: string; lane: string } | null,
  placeName: (pillarId: string, lane: string) => { pillar: string; lane: string },
): { announcements: Announcements; screenReaderInstructions: ScreenReaderInstructions } {
  const text = (id: string | number) => shorten(noteText(String(id)));
  // Only a change of lane is announced: dnd-kit reports "over" on every hover, and the first one (the
  // note's own lane, right at pick-up) would replace the pick-up message before it is read.
  let lastLane: string | null = null;
  const overMessage = (activeId: string | number, over: Parameters<Announcements['onDragOver']>[0]['over']) => {
    const target = dropData(over);
    const laneKey = target ? `${target.pillarId}|${target.lane}` : null;
    if (laneKey === lastLane) return undefined;
    lastLane = laneKey;
    if (!target) return t('dnd.overNone', { text: text(activeId) });
    return t('dnd.over', { text: text(activeId), ...placeName(target.pillarId, target.lane) });
  };
  return {
    screenReaderInstructions: { draggable: t('dnd.instructions') },
    announcements: {
      onDragStart: ({ active }) => {
        const place = notePlace(String(active.id));
        lastLane = place ? `${place.pillarId}|${place.lane}` : null;
        return t('dnd.pickedUp', { text: text(active.id) });
      },
      onDragOver: ({ active, over }) => overMessage(active.id, over),
      onDragMove: () => undefined,
      onDragEnd: ({ active, over }) => {
        const target = dropData(over);
        if (!target) return t('dnd.cancelled', { text: text(active.id) });
        return t('dnd.dropped', { text: text(active.id), ...placeName(target.pillarId, target.lane) });
      },
      onDragCancel: ({ active }) => t('dnd.cancelled', { text: text(active.id) }),
    },
  };
}

export function shorten(text: string, max = 40): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > max ? `${single.slice(0, max)}…` : single;
}
