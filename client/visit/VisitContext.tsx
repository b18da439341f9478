import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { VisitChanges } from '../../shared/sinceLastVisit';
import { fetchVisit, saveVisit } from '../lib/api';
import { createStore, useStore, useStoreSelector } from '../lib/store';
import { useBoard } from '../session/hooks';
import { createVisitTracker, type VisitTracker, visitStorageKey } from './visitTracker';

const VisitContext = createContext<VisitTracker | null>(null);

/** Tracks this person's visit of the open board (client/visit/visitTracker.ts) for the components inside. */
export function VisitProvider({ children }: { children: ReactNode }) {
  const { session, identity, token } = useBoard();
  const [tracker, setTracker] = useState<VisitTracker | null>(null);
  useEffect(() => {
    const created = createVisitTracker(
      session.boardDoc,
      visitStorageKey(session.boardId, identity.id),
      identity.id,
      session.loaded,
      // A person's visits are kept on the server too; a link with no person (a viewer link) keeps them here only.
      session.me.person
        ? {
            load: () => fetchVisit(session.boardId, token),
            save: (seen, leaving) => saveVisit(session.boardId, token, seen, leaving),
          }
        : null,
    );
    setTracker(created);
    return () => created.destroy();
  }, [session, identity.id, token]);
  return <VisitContext.Provider value={tracker}>{children}</VisitContext.Provider>;
}

const NO_CHANGES = createStore<VisitChanges>({
  changes: [],
  noteMarks: new Map(),
  initiativeMarks: new Map(),
  newComments: new Map(),
});

export function useVisitTracker(): VisitTracker | null {
  return useContext(VisitContext);
}

export function useVisitChanges(): VisitChanges {
  return useStore(useVisitTracker()?.changes ?? NO_CHANGES);
}

/** How a note is marked: added or changed since the last visit, or not at all. */
export function useVisitMark(noteId: string): 'added' | 'changed' | null {
  const store = useVisitTracker()?.changes ?? NO_CHANGES;
  return useStoreSelector(store, (changes) => changes.noteMarks.get(noteId) ?? null);
}

/** How a draft initiative's card is marked (a primitive, so a card renders again only when its own mark changes). */
export function useInitiativeVisitMark(initiativeId: string): 'added' | 'changed' | null {
  const store = useVisitTracker()?.changes ?? NO_CHANGES;
  return useStoreSelector(store, (changes) => changes.initiativeMarks.get(initiativeId) ?? null);
}

/** How many comments on this target were added since the last visit. */
export function useNewCommentCount(targetId: string): number {
  const store = useVisitTracker()?.changes ?? NO_CHANGES;
  return useStoreSelector(store, (changes) => changes.newComments.get(targetId) ?? 0);
}
