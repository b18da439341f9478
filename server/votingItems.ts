import type * as Y from 'yjs';
import { type BoardItem, listItems, resolveItems } from '../shared/items.js';
import { HttpError } from './httpUtil.js';
import type { Rooms } from './rooms.js';

// Every vote, every push of a ballot and the facilitator's count need the items ids count for now, and
// resolving them reads every note: one cache per loaded board document, apart from the rules of voting.

/** Each id (a note, a cluster) mapped to the item it counts for now. */
export type ResolvedItems = ReadonlyMap<string, BoardItem>;

/** The items ids count for now, on the server's own copy of the board document. */
export class VotingItems {
  /**
   * The items of each loaded board document, until its next change: resolving them reads every note (about
   * 25 ms for 3,000 notes here), and a vote, its pushes and the facilitator's count would each do it again.
   */
  private readonly itemsCache = new WeakMap<Y.Doc, ResolvedItems>();

  constructor(private readonly rooms: Rooms) {}

  /** The board document changed: its items are resolved again when next asked for. */
  changed(doc: Y.Doc): void {
    this.itemsCache.delete(doc);
  }

  /** The items ids count for now, on the server's own copy of the board document. */
  async resolvedItems(boardId: string): Promise<ResolvedItems> {
    const joined = await this.rooms.join(boardId, 'board');
    if (joined.kind !== 'room') {
      throw new HttpError(503, 'this board was saved by a newer version of the app; update the server');
    }
    return this.itemsOf(joined.room.doc);
  }

  itemsOf(doc: Y.Doc): ResolvedItems {
    let resolved = this.itemsCache.get(doc);
    if (!resolved) {
      resolved = resolveItems(listItems(doc));
      this.itemsCache.set(doc, resolved);
    }
    return resolved;
  }
}
