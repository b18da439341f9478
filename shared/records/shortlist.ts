import type * as Y from 'yjs';
import { boardRoots } from '../docs.js';

/**
 * An item marked for the target period (e.g. 令和4〜5年度に取り組む). Stored in the board document:
 * `shortlist`: item id → plain object `{ markedAt: number, markedBy: string }`; unmarking deletes the key.
 * The shortlist is the input of the draft initiatives.
 */
export interface ShortlistMark {
  markedAt: number;
  /** The identity (person id) of who marked it. */
  markedBy: string;
}

export function readShortlistMark(value: unknown): ShortlistMark | null {
  if (typeof value !== 'object' || value === null) return null;
  const { markedAt, markedBy } = value as Record<string, unknown>;
  return {
    markedAt: typeof markedAt === 'number' && Number.isFinite(markedAt) ? markedAt : 0,
    markedBy: typeof markedBy === 'string' ? markedBy : '',
  };
}

export function readShortlist(doc: Y.Doc): Map<string, ShortlistMark> {
  const out = new Map<string, ShortlistMark>();
  boardRoots.shortlist(doc).forEach((value, id) => {
    const mark = readShortlistMark(value);
    if (mark) out.set(id, mark);
  });
  return out;
}
