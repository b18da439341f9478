import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { useBoard } from './hooks';

/** A facilitator's yes/no setting, read live from the settings document (a colleague's change shows at once). */
export function useSettingsFlag(read: (settings: Y.Doc) => boolean): boolean {
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
