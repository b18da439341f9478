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

/**
 * `prefixLimit`: where the edit is known to start at the latest (the caret when typing began). Without it,
 * typing "あ" before "ああ" would look like typing it after them: the same text, but a colleague's edit made
 * meanwhile between them would end up on the wrong side.
 */
export function diffText(before: string, after: string, prefixLimit = Number.POSITIVE_INFINITY): TextChange | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length, prefixLimit);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  const suffixMax = Math.min(before.length, after.length) - prefix;
  while (
    suffix < suffixMax &&
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

interface Range {
  start: number;
  end: number;
}

/**
 * Where the characters of `range` (positions before `delta`) are after it: the parts that survive, split
 * wherever a remote insertion landed inside the range.
 */
function mapRange(range: Range, delta: readonly DeltaOp[]): Range[] {
  const out: Range[] = [];
  let oldPos = 0;
  let newPos = 0;
  const keep = (from: number, to: number) => {
    // [from, to) in old positions, all retained from oldPos on (new position newPos)
    const a = Math.max(range.start, from);
    const b = Math.min(range.end, to);
    if (b <= a) return;
    const start = newPos + (a - oldPos);
    const end = newPos + (b - oldPos);
    const last = out[out.length - 1];
    if (last && last.end === start) last.end = end;
    else out.push({ start, end });
  };
  for (const op of delta) {
    if (op.retain !== undefined) {
      keep(oldPos, oldPos + op.retain);
      oldPos += op.retain;
      newPos += op.retain;
    } else if (op.insert !== undefined) {
      newPos += typeof op.insert === 'string' ? op.insert.length : 1;
    } else if (op.delete !== undefined) {
      oldPos += op.delete;
    }
  }
  keep(oldPos, Number.POSITIVE_INFINITY); // a delta's trailing retain is implicit
  return out;
}

/**
 * Rebases a local change, computed against an older view of the text (e.g. during an IME composition),
 * through the remote deltas that happened since. The result is a list of changes to apply in order, in one
 * transaction: the local deletion of what is left of the replaced range (split around anything a colleague
 * inserted inside it, which is kept), then the local insertion where the range began.
 */
export function rebaseChange(change: TextChange, deltas: readonly (readonly DeltaOp[])[]): TextChange[] {
  const replacesRange = change.deleteCount > 0;
  let ranges: Range[] = replacesRange ? [{ start: change.index, end: change.index + change.deleteCount }] : [];
  let insertAt = change.index;
  for (const delta of deltas) {
    // A remote insertion exactly where a replaced range begins lies outside it: the local text goes after it.
    insertAt = transformIndex(insertAt, delta, replacesRange);
    ranges = ranges.flatMap((range) => mapRange(range, delta));
  }
  if (ranges[0]) insertAt = ranges[0].start;
  const changes: TextChange[] = ranges
    .slice()
    .reverse()
    .map((range) => ({ index: range.start, deleteCount: range.end - range.start, insert: '' }));
  if (change.insert !== '') changes.push({ index: insertAt, deleteCount: 0, insert: change.insert });
  return changes;
}

/** The text after applying `changes` in order (what `writeTextChanges` in shared/ops/text.ts does to a Y.Text). */
export function applyTextChanges(text: string, changes: readonly TextChange[]): string {
  return changes.reduce(
    (current, change) =>
      current.slice(0, change.index) + change.insert + current.slice(change.index + change.deleteCount),
    text,
  );
}

/**
 * `changes` clamped, one after the other, to the text as it will be when each applies (a change reaching past
 * the end deletes only what is there), and the length the text has after them: what a length check must count.
 */
export function clampTextChanges(
  length: number,
  changes: readonly TextChange[],
): { changes: TextChange[]; length: number } {
  let after = length;
  const clamped = changes.map((change) => {
    const index = Math.max(0, Math.min(change.index, after));
    const deleteCount = Math.max(0, Math.min(change.deleteCount, after - index));
    after += change.insert.length - deleteCount;
    return { index, deleteCount, insert: change.insert };
  });
  return { changes: clamped, length: after };
}

/**
 * Whether an edit taking a text from `before` to `after` characters breaks its limit: only when it leaves the
 * text past the limit AND longer than it was. Two people typing at once can merge a text past the limit; it
 * must stay shortenable (a deletion, or a replacement no longer than what it replaces, is always allowed).
 */
export function growsPastLimit(before: number, after: number, max: number): boolean {
  return after > max && after > before;
}
