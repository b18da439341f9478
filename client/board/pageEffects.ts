import { startTransition, useEffect, useLayoutEffect, useState } from 'react';
import type { Translate } from '../../shared/i18n/index';
import { markPageSettled } from '../lib/pageSettled';
import type { BoardSession } from '../session/session';

/** Runs `then` in a task after the next frame: once what React just committed has been painted. */
function afterNextPaint(then: () => void) {
  requestAnimationFrame(() => setTimeout(then, 0));
}

/** Marks a moment once per page, for any harness (the bench, docs/benchmarks.md). */
function markOnce(name: string) {
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
}

/**
 * Whether every lane shows all its notes: false for the board's first paint (each lane shows its first
 * notes, `notes/firstPaint.ts`), true from the render after it, made as a transition so typing and clicks
 * are handled while it runs. Marks `board-ready` when the first paint is on screen and `board-complete` when
 * every note is in the DOM and painted.
 */
export function useFirstPaintThenAllNotes(loaded: boolean): boolean {
  const [allShown, setAllShown] = useState(false);
  useLayoutEffect(() => {
    if (!loaded) return;
    afterNextPaint(() => {
      markOnce('board-ready');
      startTransition(() => setAllShown(true));
    });
  }, [loaded]);
  useEffect(() => {
    if (!allShown) return;
    afterNextPaint(() => {
      markOnce('board-complete');
      markPageSettled();
    });
  }, [allShown]);
  return allShown;
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
