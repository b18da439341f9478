import { useEffect } from 'react';
import type { Translate } from '../../shared/i18n/index';
import { useStore } from '../lib/store';
import type { BoardSession } from './session';

/** Marks the moment the board is first synced and painted, for any harness (`board-ready`). */
export function useBoardReadyMark(loaded: boolean) {
  useEffect(() => {
    if (!loaded || performance.getEntriesByName('board-ready').length > 0) return;
    requestAnimationFrame(() => {
      setTimeout(() => {
        if (performance.getEntriesByName('board-ready').length === 0) performance.mark('board-ready');
      }, 0);
    });
  }, [loaded]);
}

/**
 * The browser's own "leave this page?" question while changes the server has not stored exist only in this
 * tab: when this browser keeps no offline copy of the board (with one, they are sent on the next visit).
 */
export function useLeaveWarning(session: BoardSession) {
  const unsent = useStore(session.unsentChanges);
  useEffect(() => {
    if (!unsent || session.offlineCopy.available()) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsent, session]);
}

export function useDocumentTitle(boardTitle: string, t: Translate) {
  useEffect(() => {
    document.title = boardTitle ? `${boardTitle} — ${t('app.name')}` : t('app.name');
  }, [boardTitle, t]);
}
