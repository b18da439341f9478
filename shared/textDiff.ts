/**
 * Minimal text changes. Edits to a note's Y.Text are one contiguous delete + insert found from the common
 * prefix and suffix, never a replacement of the whole text, so concurrent edits elsewhere in the same note
 * survive. Positions are UTF-16 code units (as Y.Text counts them) and never split a surrogate pair.
 */
export interface TextChange {
  index: number;
  deleteCount: number;
  insert: string;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export function diffText(before: string, after: string): TextChange | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return {
    index: prefix,
    deleteCount: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/** One entry of a Y.Text delta (the shape of `YTextEvent#delta`). */
export interface DeltaOp {
  insert?: unknown;
  retain?: number;
  delete?: number;
}

/**
 * Where `index` (a position in the text before `delta` was applied) is after it. Used to rebase a local
 * edit made against an older view of the text (during an IME composition) onto the current text.
 * `stickToEnd`: an insertion exactly at `index` pushes it right (for the end of a local range).
 */
export function transformIndex(index: number, delta: readonly DeltaOp[], stickToEnd = false): number {
  let oldPos = 0;
  let shift = 0;
  for (const op of delta) {
    if (oldPos > index) break;
    if (op.retain !== undefined) {
      oldPos += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (oldPos < index || (oldPos === index && stickToEnd)) shift += length;
    } else if (op.delete !== undefined) {
      const deleted = Math.min(op.delete, Math.max(0, index - oldPos));
      shift -= deleted;
      oldPos += op.delete;
    }
  }
  return index + shift;
}

/** Rebase a change through a sequence of remote deltas that happened after it was computed. */
export function rebaseChange(change: TextChange, deltas: readonly (readonly DeltaOp[])[]): TextChange {
  let start = change.index;
  let end = change.index + change.deleteCount;
  const replacesRange = change.deleteCount > 0;
  for (const delta of deltas) {
    // A remote insertion at either edge of the replaced range lies outside it: the start moves past it and
    // the end stays before it, so the local delete never removes a colleague's text typed next to it.
    const newStart = transformIndex(start, delta, replacesRange);
    const newEnd = Math.max(newStart, transformIndex(end, delta, false));
    start = newStart;
    end = replacesRange ? newEnd : newStart;
  }
  return { index: start, deleteCount: end - start, insert: change.insert };
}
