import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import { LOCAL_ORIGIN } from '../origin.js';
import type { PrioritizationLabelKey } from '../records/prioritization.js';
import { fail, ok, type Result } from '../result.js';
import { checkTitle } from './pillars.js';

/**
 * The facilitator's labels of the matrix (axes, quadrants) and of the shortlist (the target period). They live
 * in the settings document, which the server lets only the facilitator write.
 */
/** Sets a label, trimmed; refused when empty or longer than a pillar title may be. */
export function setPrioritizationLabel(
  doc: Y.Doc,
  key: PrioritizationLabelKey,
  label: string,
  origin: unknown = LOCAL_ORIGIN,
): Result<string> {
  const trimmed = label.trim();
  const problem = checkTitle(trimmed);
  if (problem) return fail(problem);
  doc.transact(() => settingsRoots.prioritization(doc).set(key, trimmed), origin);
  return ok(trimmed);
}

/** Back to the default wording (shown in the UI language). */
export function resetPrioritizationLabel(
  doc: Y.Doc,
  key: PrioritizationLabelKey,
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const labels = settingsRoots.prioritization(doc);
  if (labels.has(key)) doc.transact(() => labels.delete(key), origin);
  return ok(null);
}
