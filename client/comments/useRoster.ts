import { useEffect, useState } from 'react';
import { boardApi } from '../lib/api';
import { useBoard } from '../session/hooks';

/** A person `@name` can mention: their id and display name (never a token). */
export interface RosterEntry {
  id: string;
  name: string;
}

/**
 * The board's roster for `@name` completion (`GET /roster`, any link), fetched when a comment field opens: a
 * person who joined a minute ago can be mentioned. Offline, the names already known stay (or none).
 */
export function useRoster(): readonly RosterEntry[] {
  const { session, token } = useBoard();
  const [roster, setRoster] = useState<readonly RosterEntry[]>([]);
  useEffect(() => {
    let live = true;
    boardApi<{ people: RosterEntry[] }>(session.boardId, token, 'GET', '/roster').then(
      (answer) => {
        if (live) setRoster(answer.people.filter((person) => person.name.trim() !== ''));
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [session, token]);
  return roster;
}

/** The `@…` being typed just before the caret (after a space or at the start), or null. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]{0,30})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** The people a text still mentions: those chosen whose `@name` is still in it. */
export function mentionsIn(text: string, chosen: ReadonlyMap<string, string>): string[] {
  return [...chosen].filter(([name]) => text.includes(`@${name}`)).map(([, id]) => id);
}
