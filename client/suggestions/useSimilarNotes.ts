import { useCallback, useEffect, useRef, useState } from 'react';
import { useBoard } from '../session/hooks';
import { type SimilarNote, suggestionsApi } from './suggestionsApi';

/** The pause in typing after which the server is asked (the "about 300 ms"). */
export const SIMILAR_PAUSE_MS = 300;
/** Shorter texts are not worth a question: a word or two being typed would match anything. */
export const SIMILAR_MIN_CHARS = 3;

export interface SimilarNotesHint {
  notes: readonly SimilarNote[];
  /**
   * Called on every change of the text: asks the server after a pause. While an IME is composing nothing is
   * asked (the text is not what the person means yet); the composition's end calls this again.
   */
  textChanged: (text: string, composing: boolean) => void;
  /** The note was added (or the field left empty): forget the hint and any question under way. */
  clear: () => void;
}

/**
 * Notes of the pillar like the one being typed (issue 19), so the person can add to one (a comment, 👍)
 * instead of writing a duplicate. Never in the way: typing and adding go on while a question is under way,
 * a newer text cancels the older question, and an error shows nothing.
 */
export function useSimilarNotes(pillarId: string): SimilarNotesHint {
  const { session, token } = useBoard();
  const [notes, setNotes] = useState<readonly SimilarNote[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const request = useRef<AbortController | null>(null);

  const cancel = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    request.current?.abort();
    request.current = null;
  }, []);

  const clear = useCallback(() => {
    cancel();
    setNotes([]);
  }, [cancel]);

  const textChanged = useCallback(
    (text: string, composing: boolean) => {
      cancel();
      if (composing) return;
      const asked = text.trim();
      if (asked.length < SIMILAR_MIN_CHARS) {
        setNotes([]);
        return;
      }
      timer.current = setTimeout(() => {
        timer.current = null;
        const controller = new AbortController();
        request.current = controller;
        suggestionsApi(session.boardId, token)
          .similar(pillarId, asked, controller.signal)
          .then(
            (found) => !controller.signal.aborted && setNotes(found),
            () => !controller.signal.aborted && setNotes([]),
          );
      }, SIMILAR_PAUSE_MS);
    },
    [cancel, pillarId, session.boardId, token],
  );

  useEffect(() => cancel, [cancel]);
  return { notes, textChanged, clear };
}
