import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import { type Note, readNote } from '../../shared/records/note';

/**
 * Read-once snapshots of notes for React: the same object until that note changes. Invalidated by one deep
 * observer for the whole notes map, so a snapshot is never stale even if no component watched the change.
 */
export function createNoteSnapshots(doc: Y.Doc) {
  const notes = boardRoots.notes(doc);
  const cache = new Map<string, Note | null>();
  const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      if (event.target === notes) {
        for (const key of (event as Y.YMapEvent<unknown>).keysChanged) cache.delete(key);
      } else {
        const noteId = event.path[0];
        if (typeof noteId === 'string') cache.delete(noteId);
      }
    }
  };
  notes.observeDeep(onChange);
  return {
    get(id: string): Note | null {
      if (!cache.has(id)) {
        const value = notes.get(id);
        cache.set(id, value instanceof Y.Map ? readNote(id, value) : null);
      }
      return cache.get(id) ?? null;
    },
    /** Called by a note's own observers, which Yjs runs before deep observers. */
    invalidate: (id: string) => cache.delete(id),
    destroy: () => notes.unobserveDeep(onChange),
  };
}
