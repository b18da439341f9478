import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { authorNamesExported, participantExportsAllowed } from '../../shared/records/exportPolicy';
import { useBoard } from '../session/hooks';

/** One of the facilitator's export settings, read live from the settings document. */
function useExportSetting(read: (settings: Y.Doc) => boolean): boolean {
  const { session } = useBoard();
  const doc = session.settingsDoc;
  const subscribe = useCallback(
    (notify: () => void) => {
      doc.on('update', notify);
      return () => doc.off('update', notify);
    },
    [doc],
  );
  return useSyncExternalStore(subscribe, () => read(doc));
}

/** Whether the facilitator lets participants and viewers export. */
export const useParticipantExports = () => useExportSetting(participantExportsAllowed);

/** Whether the documents name who wrote each note. */
export const useExportAuthorNames = () => useExportSetting(authorNamesExported);
