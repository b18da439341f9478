import * as Y from 'yjs';
import { LOCAL_ORIGIN } from '../origin.js';
import { type BoardError, fail, ok, type Result } from '../result.js';
import { clampTextChanges, diffText, growsPastLimit, type TextChange } from '../textDiff.js';

/**
 * The one way a collaborative text is written: a note's text, a cluster's title, an initiative's fields. Each
 * is a Y.Text held under a key of its record's Y.Map, edited with minimal changes so concurrent typing merges.
 * The caller finds the record and checks its own rules (the record exists, is not deleted...); this file
 * owns what is the same for every text: the length limit, the clamping, the plain-value fallback.
 */

/** A text's rules: its limit and the refusal that names it for the person (e.g. 'noteTooLong'). */
export interface TextRules {
  maxLength: number;
  tooLong: BoardError;
}

/** What the record shows under `key`: a Y.Text's content, or a plain string another tool stored. */
export function readText(record: Y.Map<unknown>, key: string): string {
  const stored = record.get(key);
  return stored instanceof Y.Text ? stored.toString() : typeof stored === 'string' ? stored : '';
}

/**
 * Applies changes to the text under `key`, in order and in one transaction (the editor's path: one change as
 * typed, or the list `rebaseChange` makes after an IME composition or concurrent typing). Each change is
 * clamped to the text as it is then. Refused whole (`rules.tooLong`) when it makes the text longer than
 * `rules.maxLength`; a text already past it after concurrent typing can still be shortened.
 */
export function writeTextChanges(
  doc: Y.Doc,
  record: Y.Map<unknown>,
  key: string,
  changes: readonly TextChange[],
  rules: TextRules,
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  // A plain string another tool stored is what the record shows, so it counts towards the limit.
  const before = readText(record, key).length;
  // The length is checked with the changes as they will really be applied (clamped), not as asked.
  const { changes: clamped, length } = clampTextChanges(before, changes);
  if (growsPastLimit(before, length, rules.maxLength)) return fail(rules.tooLong);
  doc.transact(() => {
    let text = record.get(key);
    if (!(text instanceof Y.Text)) {
      // Another tool stored a plain value: start a collaborative text from what it showed.
      text = new Y.Text(typeof text === 'string' ? text : '');
      record.set(key, text);
    }
    const ytext = text as Y.Text;
    for (const change of clamped) {
      if (change.deleteCount > 0) ytext.delete(change.index, change.deleteCount);
      if (change.insert !== '') ytext.insert(change.index, change.insert);
    }
  }, origin);
  return ok(null);
}

/**
 * Sets the text under `key` to `next` with the smallest change from what it is now (an import, a script, a
 * dialog). Refused (`rules.tooLong`) when `next` is longer than the limit.
 */
export function writeText(
  doc: Y.Doc,
  record: Y.Map<unknown>,
  key: string,
  next: string,
  rules: TextRules,
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  if (next.length > rules.maxLength) return fail(rules.tooLong);
  const change = diffText(readText(record, key), next);
  return change ? writeTextChanges(doc, record, key, [change], rules, origin) : ok(null);
}
