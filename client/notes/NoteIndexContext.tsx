import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useBoard } from '../session/hooks';
import { useActions } from '../ui/ActionsContext';
import { useBoardUi } from '../ui/boardUi';
import { useVisitTracker } from '../visit/VisitContext';
import { createNoteIndex, type NoteIndex } from './noteIndex';

const NoteIndexContext = createContext<NoteIndex | null>(null);

/** The board's note index (noteIndex.ts) for the lanes and cluster cards inside, which pass it to their notes. */
export function NoteIndexProvider({ children }: { children: ReactNode }) {
  const { session, identity } = useBoard();
  const ui = useBoardUi();
  const { menu } = useActions();
  const visit = useVisitTracker();
  // Made during the first render and listening at once, so the notes render with the board (not one commit
  // later) and no change slips between their render and their subscription. (React's strict mode, in
  // development only, calls this twice and keeps one: the other stays attached to the board's documents.)
  const [index] = useState(() =>
    createNoteIndex({ session, identityId: identity.id, editingNoteId: ui.editingNoteId, menu }),
  );
  useEffect(() => {
    index.attach();
    return () => index.detach();
  }, [index]);
  useEffect(() => index.setVisitChanges(visit?.changes ?? null), [index, visit]);
  return <NoteIndexContext.Provider value={index}>{children}</NoteIndexContext.Provider>;
}

export function useNoteIndex(): NoteIndex {
  const value = useContext(NoteIndexContext);
  if (!value) throw new Error('useNoteIndex outside NoteIndexProvider');
  return value;
}
