import type { Active, Announcements, Over, ScreenReaderInstructions, UniqueIdentifier } from '@dnd-kit/core';
import type { Translate } from '../../../shared/i18n';
import type { MoveTarget } from '../../../shared/ops/notes';
import { shorten } from '../../lib/shorten';
import { type DropIntent, intentKey } from './dropTarget';

export interface DragDescriber {
  noteText: (id: string) => string;
  /** What a cluster is called (its title, or its first note's text while unnamed). */
  clusterTitle: (id: string) => string;
  /** Where the note is now, as a drop there would be (null when it has no place on the board). */
  placeOf: (id: string) => DropIntent | null;
  /** What dropping it now would do (null: nothing, it is over no target). */
  intentOf: (active: Active, over: Over | null) => DropIntent | null;
  /**
   * What the drop did: worked out before the drop was written (afterwards the note is already in the cluster
   * it was dropped into, which would read as "over its own cluster").
   */
  droppedIntent: (active: Active, over: Over | null) => DropIntent | null;
  placeName: (pillarId: string, lane: MoveTarget['lane']) => { pillar: string; lane: string };
  /**
   * Whether the notes' drop targets are registered: they mount with the pick-up (client/notes/noteDrag.tsx), so
   * the very first "over" comes before them and would announce a lane's end instead of the note's own place.
   */
  targetsReady: () => boolean;
}

/**
 * Screen-reader announcements in the UI language, naming the note by its text and the target: a place (pillar,
 * lane, position), the note it would be grouped with, or the cluster it would join. Only a change of that
 * target is announced: dnd-kit reports "over" on every hover, and the first one (the note's own place, right
 * at pick-up) would replace the pick-up message before it is read.
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
  let lastKey: string | null = null;
  const over = (active: Active, intent: DropIntent) => {
    if (intent.kind === 'move') return t('dnd.over', { text: text(active.id), ...where(intent.target) });
    if (intent.kind === 'group') {
      return t('cluster.dnd.overGroup', {
        text: text(active.id),
        target: shorten(describe.noteText(intent.targetNoteId)),
      });
    }
    if (intent.kind === 'join') {
      return t('cluster.dnd.overJoin', {
        text: text(active.id),
        title: shorten(describe.clusterTitle(intent.clusterId)),
      });
    }
    return t('cluster.dnd.overStay', { text: text(active.id) });
  };
  const targetChanged = (active: Active, overTarget: Over | null) => {
    if (!describe.targetsReady()) return undefined;
    const intent = describe.intentOf(active, overTarget);
    const key = intentKey(intent);
    if (key === lastKey) return undefined;
    lastKey = key;
    if (!intent) return t('dnd.overNone', { text: text(active.id) });
    return over(active, intent);
  };
  return {
    screenReaderInstructions: { draggable: t('dnd.instructions') },
    announcements: {
      onDragStart: ({ active }) => {
        lastKey = intentKey(describe.placeOf(String(active.id)));
        return t('dnd.pickedUp', { text: text(active.id) });
      },
      // Both: the target changes when the note is over another droppable, and also between the parts of one
      // note (before it, grouped with it, after it), which only a move reports.
      onDragOver: ({ active, over }) => targetChanged(active, over),
      onDragMove: ({ active, over }) => targetChanged(active, over),
      onDragEnd: ({ active, over }) => {
        const intent = describe.droppedIntent(active, over);
        if (!intent || intent.kind === 'stay') return t('dnd.cancelled', { text: text(active.id) });
        if (intent.kind === 'move') return t('dnd.dropped', { text: text(active.id), ...where(intent.target) });
        if (intent.kind === 'group') {
          return t('cluster.grouped', {
            text: text(active.id),
            target: shorten(describe.noteText(intent.targetNoteId)),
          });
        }
        return t('cluster.joined', { text: text(active.id), title: shorten(describe.clusterTitle(intent.clusterId)) });
      },
      onDragCancel: ({ active }) => t('dnd.cancelled', { text: text(active.id) }),
    },
  };
}
