import { useCallback, useSyncExternalStore } from 'react';
import { mayAcceptSuggestions, participantSuggestionsAllowed } from '../../shared/records/suggestionPolicy';
import { useBoard } from '../session/hooks';

/** Whether the facilitator lets participants accept and edit suggested groups, read live from the settings. */
export function useParticipantSuggestions(): boolean {
  const { session } = useBoard();
  const doc = session.settingsDoc;
  const subscribe = useCallback(
    (notify: () => void) => {
      doc.on('update', notify);
      return () => doc.off('update', notify);
    },
    [doc],
  );
  return useSyncExternalStore(subscribe, () => participantSuggestionsAllowed(doc));
}

/** Whether this person may accept and edit suggestions now (the role's rule, and a board they may write to). */
export function useMayAcceptSuggestions(): boolean {
  const { role, canEditBoard } = useBoard();
  return mayAcceptSuggestions(role, useParticipantSuggestions()) && canEditBoard;
}
