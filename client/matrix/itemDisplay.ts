import type { BoardItem } from '../../shared/items';
import { itemLabel } from '../../shared/items';
import { NOTE_COLORS } from '../../shared/records/note';
import { shorten } from '../lib/shorten';

/** A card's text: the item's label on one line, shortened. */
export function shortItemLabel(item: BoardItem, max = 40): string {
  return shorten(itemLabel(item), max);
}

/** A note card takes its note's colour; a cluster card is white with a double border (matrix.css). */
export function itemBackground(item: BoardItem): string {
  return item.kind === 'note' ? item.note.color || NOTE_COLORS[0] : '#ffffff';
}
