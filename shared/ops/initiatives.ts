import * as Y from 'yjs';
import { boardRoots } from '../docs.js';
import { initiativesInPlace } from '../initiatives.js';
import { type BoardItem, itemLabel, listItems } from '../items.js';
import { orderKeyBetween } from '../order.js';
import { LOCAL_ORIGIN } from '../origin.js';
import { itemPositions, itemVotes } from '../prioritizing.js';
import {
  FISCAL_YEARS_MAX,
  INITIATIVE_STATUSES,
  INITIATIVE_TEXT_MAX,
  type InitiativePlace,
  type InitiativeSource,
  type InitiativeStatus,
  type InitiativeTextField,
  PRIORITIES,
  type Priority,
  readFiscalYears,
  readInitiative,
} from '../records/initiative.js';
import { quadrantOf, readMatrixPositions } from '../records/matrix.js';
import { readVotingRounds } from '../records/voting.js';
import { fail, ok, type Result } from '../result.js';
import { allPillars } from '../selectors.js';
import type { TextChange } from '../textDiff.js';
import { type TextRules, writeText, writeTextChanges } from './text.js';

export interface NewInitiativeFromItem {
  id: string;
  itemId: string;
  /** The identity (person id) of who makes it. */
  personId: string;
  /** The revealed round whose dots to record in `source` (the one the view shows), or null. */
  roundNumber: number | null;
  priority?: Priority;
  now?: number;
}

/** The prefilled text of 解決する課題 / 達成目標: one line per note of that lane, as 「・」 bullets. */
export function bulletLines(texts: readonly string[], max: number): string {
  const lines = texts.map((text) => text.trim().replace(/\s*\n\s*/g, ' ')).filter((text) => text !== '');
  let out = '';
  for (const line of lines) {
    const next = `${out === '' ? '' : `${out}\n`}・${line}`;
    if (next.length > max) break;
    out = next;
  }
  return out;
}

function prefill(item: BoardItem): { title: string; problems: string; goal: string; noteIds: string[] } {
  const notes = item.kind === 'cluster' ? item.notes : [item.note];
  const textsOf = (lane: 'problem' | 'goal') => notes.filter((n) => n.place?.lane === lane).map((n) => n.text);
  const title = itemLabel(item)
    .trim()
    .replace(/\s*\n\s*/g, ' ');
  return {
    title: title.slice(0, INITIATIVE_TEXT_MAX.title),
    problems: bulletLines(textsOf('problem'), INITIATIVE_TEXT_MAX.problems),
    goal: bulletLines(textsOf('goal'), INITIATIVE_TEXT_MAX.goal),
    noteIds: notes.map((n) => n.id),
  };
}

function initiativeMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const value = boardRoots.initiatives(doc).get(id);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

/** A key after every initiative now in that pillar and priority. */
function orderAtEnd(doc: Y.Doc, pillarId: string, priority: Priority): string {
  const group = initiativesInPlace(doc, pillarId, priority);
  return orderKeyBetween(group[group.length - 1]?.place?.order ?? null, null);
}

/**
 * 「取組案にする」: a draft initiative made from a cluster or a note, prefilled: the title from the cluster's
 * title (or the note), its pillar, 解決する課題 from its 課題 notes and 達成目標 from its 達成目標 notes; the
 * dots (in `roundNumber`) and quadrant it has now are recorded in `source`. Making two from one item is
 * allowed (an item can feed two initiatives); the view says when one already exists.
 */
export function createInitiativeFromItem(
  board: Y.Doc,
  settings: Y.Doc,
  input: NewInitiativeFromItem,
  origin: unknown = LOCAL_ORIGIN,
): Result<string> {
  const items = listItems(board);
  const item = items.find((i) => i.id === input.itemId);
  if (!item) return fail('itemNotFound');
  const pillarId = item.pillarId;
  if (pillarId === null || !allPillars(settings).some((p) => p.id === pillarId)) return fail('pillarNotFound');
  const round = readVotingRounds(settings).find((r) => r.number === input.roundNumber && r.status === 'revealed');
  const position = itemPositions([item], readMatrixPositions(board)).get(item.id) ?? null;
  const text = prefill(item);
  const source: InitiativeSource = {
    itemId: item.id,
    kind: item.kind,
    noteIds: text.noteIds,
    votes: round ? (itemVotes([item], round).get(item.id) ?? 0) : null,
    roundNumber: round ? round.number : null,
    quadrant: position ? quadrantOf(position) : null,
  };
  const priority = input.priority ?? 'medium';
  const place: InitiativePlace = { pillarId, priority, order: orderAtEnd(board, pillarId, priority) };
  board.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('title', new Y.Text(text.title));
    map.set('problems', new Y.Text(text.problems));
    map.set('goal', new Y.Text(text.goal));
    for (const field of ['indicator', 'targetValue', 'content', 'department'] as const) map.set(field, new Y.Text());
    map.set('place', place);
    map.set('fiscalYears', []);
    map.set('status', 'draft' satisfies InitiativeStatus);
    map.set('source', source);
    map.set('createdAt', input.now ?? Date.now());
    map.set('createdBy', input.personId);
    boardRoots.initiatives(board).set(input.id, map);
  }, origin);
  return ok(input.id);
}

/** A text field's rules (shared/ops/text.ts): its own limit, one message for every field. */
function textRules(field: InitiativeTextField): TextRules {
  return { maxLength: INITIATIVE_TEXT_MAX[field], tooLong: 'textTooLong' };
}

/**
 * Applies an editor's changes to one text field in one transaction (its edit rebased through what colleagues
 * typed meanwhile, as for a note). Refused whole when it makes the text longer than the field's limit
 * (writeTextChanges says how), and refused for an initiative in the trash: unlike a note, a deleted
 * initiative is read-only until restored.
 */
export function applyInitiativeTextChanges(
  doc: Y.Doc,
  id: string,
  field: InitiativeTextField,
  changes: readonly TextChange[],
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const map = initiativeMap(doc, id);
  if (!map || readInitiative(id, map)?.deletedAt !== null) return fail('initiativeNotFound');
  return writeTextChanges(doc, map, field, changes, textRules(field), origin);
}

/** Sets a text field with the smallest change from its current value (an import, a script, a test). */
export function setInitiativeText(
  doc: Y.Doc,
  id: string,
  field: InitiativeTextField,
  value: string,
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const map = initiativeMap(doc, id);
  if (!map || readInitiative(id, map)?.deletedAt !== null) return fail('initiativeNotFound');
  return writeText(doc, map, field, value, textRules(field), origin);
}

/**
 * Moves an initiative to a pillar and priority, just before `beforeId` (an initiative of that group), or to
 * the end when null. Changing only the pillar or only the priority is this move to the group's end.
 */
export function moveInitiative(
  doc: Y.Doc,
  settings: Y.Doc,
  id: string,
  target: { pillarId: string; priority: Priority; beforeId: string | null },
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const map = initiativeMap(doc, id);
  if (!map || readInitiative(id, map)?.deletedAt !== null) return fail('initiativeNotFound');
  if (!PRIORITIES.includes(target.priority)) return fail('initiativeInvalid');
  if (!allPillars(settings).some((p) => p.id === target.pillarId)) return fail('pillarNotFound');
  const group = initiativesInPlace(doc, target.pillarId, target.priority).filter((i) => i.id !== id);
  const index = target.beforeId === null ? group.length : group.findIndex((i) => i.id === target.beforeId);
  if (index < 0) return fail('initiativeNotFound');
  const order = orderKeyBetween(group[index - 1]?.place?.order ?? null, group[index]?.place?.order ?? null);
  const place: InitiativePlace = { pillarId: target.pillarId, priority: target.priority, order };
  doc.transact(() => map.set('place', place), origin);
  return ok(null);
}

/**
 * A move aimed by a person (a drop on a card, 上へ/下へ), whose `beforeId` names a card seen a moment ago: if a
 * colleague has since moved that card elsewhere or deleted it, the initiative still goes to the group aimed at,
 * at its end, instead of being refused as not found. Returns where it went (null: it could not move, e.g.
 * the initiative itself was deleted).
 */
export function moveInitiativeToSlot(
  doc: Y.Doc,
  settings: Y.Doc,
  id: string,
  target: { pillarId: string; priority: Priority; beforeId: string | null },
  origin: unknown = LOCAL_ORIGIN,
): Result<{ pillarId: string; priority: Priority; beforeId: string | null }> {
  const first = moveInitiative(doc, settings, id, target, origin);
  if (first.ok) return ok(target);
  const stillLive = readInitiative(id, initiativeMap(doc, id))?.deletedAt === null;
  if (first.error !== 'initiativeNotFound' || target.beforeId === null || !stillLive) return first;
  const atEnd = { ...target, beforeId: null };
  const second = moveInitiative(doc, settings, id, atEnd, origin);
  return second.ok ? ok(atEnd) : second;
}

/** 実施時期: the fiscal years (Western starting years), replaced whole. */
export function setInitiativeFiscalYears(
  doc: Y.Doc,
  id: string,
  years: readonly number[],
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const map = initiativeMap(doc, id);
  if (!map || readInitiative(id, map)?.deletedAt !== null) return fail('initiativeNotFound');
  const valid = readFiscalYears([...years]);
  if (valid.length !== new Set(years).size || valid.length > FISCAL_YEARS_MAX) return fail('initiativeInvalid');
  doc.transact(() => map.set('fiscalYears', valid), origin);
  return ok(null);
}

export function setInitiativeStatus(
  doc: Y.Doc,
  id: string,
  status: InitiativeStatus,
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const map = initiativeMap(doc, id);
  if (!map || readInitiative(id, map)?.deletedAt !== null) return fail('initiativeNotFound');
  if (!INITIATIVE_STATUSES.includes(status)) return fail('initiativeInvalid');
  if (map.get('status') === status) return ok(null);
  doc.transact(() => map.set('status', status), origin);
  return ok(null);
}

/** Moves an initiative to the trash (kept, restorable), like a note. */
export function deleteInitiative(doc: Y.Doc, id: string, now = Date.now(), origin: unknown = LOCAL_ORIGIN) {
  const map = initiativeMap(doc, id);
  if (!map || readInitiative(id, map)?.deletedAt !== null) return fail('initiativeNotFound');
  doc.transact(() => map.set('deletedAt', now), origin);
  return ok(null);
}

export function restoreInitiative(doc: Y.Doc, id: string, origin: unknown = LOCAL_ORIGIN): Result<null> {
  const map = initiativeMap(doc, id);
  if (!map) return fail('initiativeNotFound');
  if (map.has('deletedAt')) doc.transact(() => map.delete('deletedAt'), origin);
  return ok(null);
}
