import { mayAcceptSuggestions, participantSuggestionsAllowed } from '../../shared/records/suggestionPolicy';
import { useBoard } from '../session/hooks';
import { useSettingsFlag } from '../session/useSettingsFlag';

/** Whether the facilitator lets participants accept and edit suggested groups, read live from the settings. */
export const useParticipantSuggestions = () => useSettingsFlag(participantSuggestionsAllowed);

/** Whether this person may accept and edit suggestions now (the role's rule, and a board they may write to). */
export function useMayAcceptSuggestions(): boolean {
  const { role, canEditBoard } = useBoard();
  return mayAcceptSuggestions(role, useParticipantSuggestions()) && canEditBoard;
}
