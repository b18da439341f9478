import { useEffect } from 'react';
import type { Translate } from '../../shared/i18n/index';
import type { BoardSession } from '../session/session';

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
  // Subscribed outside rendering: the flag turns on and off with every keystroke until the server confirms
  // it, and re-rendering the board view for that cost hundreds of milliseconds per key on a big board.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    let listening = false;
    const update = () => {
      const wanted = session.unsentChanges.get() && !session.offlineCopy.available();
      if (wanted === listening) return;
      listening = wanted;
      if (wanted) window.addEventListener('beforeunload', warn);
      else window.removeEventListener('beforeunload', warn);
    };
    update();
    const unsubscribe = session.unsentChanges.subscribe(update);
    return () => {
      unsubscribe();
      if (listening) window.removeEventListener('beforeunload', warn);
    };
  }, [session]);
}

export function useDocumentTitle(boardTitle: string, t: Translate) {
  useEffect(() => {
    document.title = boardTitle ? `${boardTitle} — ${t('app.name')}` : t('app.name');
  }, [boardTitle, t]);
}
