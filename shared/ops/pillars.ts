import * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import { TITLE_MAX } from '../limits.js';
import { orderKeyAtIndex } from '../order.js';
import { LOCAL_ORIGIN } from '../origin.js';
import type { LaneKind } from '../records/lane.js';
import { type BoardError, fail, ok, type Result } from '../result.js';
import { activePillars } from '../selectors.js';

/** Facilitator operations on the settings document: pillars, lane labels, the board title. */

/** Why a text cannot be a title or label (pillar, lane, board, prioritisation label), or null when it can. */
export function checkTitle(title: string): BoardError | null {
  if (title.trim() === '') return 'titleEmpty';
  if (title.length > TITLE_MAX) return 'titleTooLong';
  return null;
}

function pillarMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const value = settingsRoots.pillars(doc).get(id);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

export function addPillar(
  doc: Y.Doc,
  input: { id: string; title: string; index?: number },
  origin: unknown = LOCAL_ORIGIN,
): Result<string> {
  const title = input.title.trim();
  const problem = checkTitle(title);
  if (problem) return fail(problem);
  const siblings = activePillars(doc);
  const order = orderKeyAtIndex(siblings, input.index ?? siblings.length);
  doc.transact(() => {
    const pillar = new Y.Map<unknown>();
    pillar.set('title', title);
    pillar.set('order', order);
    settingsRoots.pillars(doc).set(input.id, pillar);
  }, origin);
  return ok(input.id);
}

export function renamePillar(doc: Y.Doc, id: string, title: string, origin: unknown = LOCAL_ORIGIN): Result<null> {
  const pillar = pillarMap(doc, id);
  if (!pillar) return fail('pillarNotFound');
  const trimmed = title.trim();
  const problem = checkTitle(trimmed);
  if (problem) return fail(problem);
  doc.transact(() => pillar.set('title', trimmed), origin);
  return ok(null);
}

/** Puts a pillar at `index` among the other visible pillars. */
export function movePillar(doc: Y.Doc, id: string, index: number, origin: unknown = LOCAL_ORIGIN): Result<null> {
  const pillar = pillarMap(doc, id);
  if (!pillar) return fail('pillarNotFound');
  const siblings = activePillars(doc).filter((p) => p.id !== id);
  const order = orderKeyAtIndex(siblings, index);
  doc.transact(() => pillar.set('order', order), origin);
  return ok(null);
}

/** Hides a pillar and its notes. Never deletes: notes added to it concurrently stay reachable. */
export function archivePillar(doc: Y.Doc, id: string, now = Date.now(), origin: unknown = LOCAL_ORIGIN): Result<null> {
  const pillar = pillarMap(doc, id);
  if (!pillar) return fail('pillarNotFound');
  if (activePillars(doc).filter((p) => p.id !== id).length === 0) return fail('lastPillar');
  doc.transact(() => pillar.set('archivedAt', now), origin);
  return ok(null);
}

export function restorePillar(doc: Y.Doc, id: string, origin: unknown = LOCAL_ORIGIN): Result<null> {
  const pillar = pillarMap(doc, id);
  if (!pillar) return fail('pillarNotFound');
  doc.transact(() => pillar.delete('archivedAt'), origin);
  return ok(null);
}

export function setLaneLabel(doc: Y.Doc, lane: LaneKind, label: string, origin: unknown = LOCAL_ORIGIN): Result<null> {
  const trimmed = label.trim();
  const problem = checkTitle(trimmed);
  if (problem) return fail(problem);
  doc.transact(() => settingsRoots.laneLabels(doc).set(lane, trimmed), origin);
  return ok(null);
}

export function setBoardTitle(doc: Y.Doc, title: string, origin: unknown = LOCAL_ORIGIN): Result<null> {
  const trimmed = title.trim();
  const problem = checkTitle(trimmed);
  if (problem) return fail(problem);
  doc.transact(() => settingsRoots.meta(doc).set('title', trimmed), origin);
  return ok(null);
}

/** The texts the settings dialog saves at once; a field left out is left as it is. */
export interface SettingsTexts {
  title?: string;
  pillarTitles?: Record<string, string>;
  laneLabels?: Partial<Record<LaneKind, string>>;
}

/** Saved, or which field refused and why: `title`, `pillar:<id>` or `lane:<kind>`. */
export type SettingsTextsResult = { ok: true } | { ok: false; field: string; error: BoardError };

/**
 * Saves the settings dialog's texts as one change (one transaction, one update): every text is checked first,
 * so a bad one changes nothing. A pillar removed meanwhile is refused the same way.
 */
export function saveSettingsTexts(
  doc: Y.Doc,
  texts: SettingsTexts,
  origin: unknown = LOCAL_ORIGIN,
): SettingsTextsResult {
  const checks: [string, string][] = [
    ...(texts.title === undefined ? [] : [['title', texts.title] as [string, string]]),
    ...Object.entries(texts.pillarTitles ?? {}).map(([id, title]): [string, string] => [`pillar:${id}`, title]),
    ...Object.entries(texts.laneLabels ?? {}).map(([kind, label]): [string, string] => [`lane:${kind}`, label ?? '']),
  ];
  for (const [field, text] of checks) {
    const problem = checkTitle(text.trim());
    if (problem) return { ok: false, field, error: problem };
  }
  for (const id of Object.keys(texts.pillarTitles ?? {})) {
    if (!pillarMap(doc, id)) return { ok: false, field: `pillar:${id}`, error: 'pillarNotFound' };
  }
  doc.transact(() => {
    if (texts.title !== undefined) setBoardTitle(doc, texts.title, origin);
    for (const [id, title] of Object.entries(texts.pillarTitles ?? {})) renamePillar(doc, id, title, origin);
    for (const [kind, label] of Object.entries(texts.laneLabels ?? {})) {
      setLaneLabel(doc, kind as LaneKind, label ?? '', origin);
    }
  }, origin);
  return { ok: true };
}
