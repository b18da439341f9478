import * as Y from 'yjs';
import { boardRoots } from '../docs.js';
import { LOCAL_ORIGIN } from '../origin.js';
import {
  VERIFICATION_RESULTS,
  VERIFICATION_TEXT_MAX,
  type VerificationResult,
  type VerificationTextField,
} from '../records/continued.js';
import { fail, ok, type Result } from '../result.js';
import type { TextChange } from '../textDiff.js';
import { writeTextChanges } from './text.js';

/**
 * The verification (検証) of a continued card: its 結果, the KPI's actual value and a comment, typed live by the
 * group as initiatives are. Every write records who verified it and when (the last person to change it).
 */
export interface Verifier {
  personId: string;
  name: string;
  now: number;
}

function cardMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const value = boardRoots.continued(doc).get(id);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

function stamp(card: Y.Map<unknown>, who: Verifier): void {
  card.set('verifiedBy', who.personId);
  card.set('verifiedByName', who.name);
  card.set('verifiedAt', who.now);
}

/** Sets (or clears, with null) the card's 結果. */
export function setVerificationResult(
  doc: Y.Doc,
  id: string,
  result: VerificationResult | null,
  who: Verifier,
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const card = cardMap(doc, id);
  if (!card) return fail('itemNotFound');
  if (result !== null && !VERIFICATION_RESULTS.includes(result)) return fail('verificationInvalid');
  doc.transact(() => {
    if (result === null) card.delete('result');
    else card.set('result', result);
    stamp(card, who);
  }, origin);
  return ok(null);
}

/** Typing in the actual value or the comment (minimal changes, merged with others' typing). */
export function applyVerificationTextChanges(
  doc: Y.Doc,
  id: string,
  field: VerificationTextField,
  changes: readonly TextChange[],
  who: Verifier,
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const card = cardMap(doc, id);
  if (!card) return fail('itemNotFound');
  let result: Result<null> = ok(null);
  doc.transact(() => {
    result = writeTextChanges(
      doc,
      card,
      field,
      changes,
      { maxLength: VERIFICATION_TEXT_MAX[field], tooLong: 'textTooLong' },
      origin,
    );
    if (result.ok) stamp(card, who);
  }, origin);
  return result;
}
