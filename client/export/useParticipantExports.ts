import { useCallback, useSyncExternalStore } from 'react';
import { participantExportsAllowed } from '../../shared/records/exportPolicy';
import { useBoard } from '../session/hooks';

/** Whether the facilitator lets participants and viewers export, read live from the settings document. */
export function useParticipantExports(): boolean {
  const { session } = useBoard();
  const doc = session.settingsDoc;
  const subscribe = useCallback(
    (notify: () => void) => {
      doc.on('update', notify);
      return () => doc.off('update', notify);
    },
    [doc],
  );
  return useSyncExternalStore(subscribe, () => participantExportsAllowed(doc));
}
