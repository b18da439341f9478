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

/** The browser's own "leave this page?" question while changes made offline exist only in this tab. */
export function useLeaveWarning(session: BoardSession) {
  const unsent = useStore(session.unsentChanges);
  useEffect(() => {
    if (!unsent) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsent]);
}

export function useDocumentTitle(boardTitle: string, t: Translate) {
  useEffect(() => {
    document.title = boardTitle ? `${boardTitle} — ${t('app.name')}` : t('app.name');
  }, [boardTitle, t]);
}
