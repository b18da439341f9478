import * as Y from 'yjs';
import { addressedTo, type ToYou } from './commentThreads.js';
import { boardRoots } from './docs.js';
import { type Comment, listComments } from './records/comment.js';
import { INITIATIVE_TEXT_FIELDS } from './records/initiative.js';

/**
 * "Since your last visit": what changed in the board document since the state this person had seen.
 *
 * The seen state is a Yjs snapshot (state vector + delete set), not a time: a note written offline last week
 * and synced today is new today although its `createdAt` is old, and an edit has no time at all. A change is
 * found by the ids of the items that carry it: an item whose id lies past the seen state vector was written
 * since; an item that was visible in the seen snapshot and is deleted now was deleted since (a text edit, a
 * key overwritten or removed). The current document keeps deleted items' ids even with garbage collection on
 * (only their content is dropped), so this works on the clients' documents as they are.
 *
 * What this person changed themselves is folded into the seen snapshot as they do it (`withOwnChange`), so it
 * is never "new" to them; a note or comment whose author is this person is not new either (written on another
 * device of theirs), nor is a draft initiative this person made (`createdBy`).
 */

export type NoteChangeField = 'text' | 'place' | 'color' | 'deleted' | 'restored';
/** `text`: any of its seven text fields; `place`: its pillar, priority or order (one value). */
export type InitiativeChangeField = 'text' | 'place' | 'fiscalYears' | 'status' | 'deleted' | 'restored';

export type VisitChange =
  | { kind: 'noteAdded'; noteId: string }
  | { kind: 'noteChanged'; noteId: string; fields: NoteChangeField[] }
  | { kind: 'initiativeAdded'; initiativeId: string }
  | { kind: 'initiativeChanged'; initiativeId: string; fields: InitiativeChangeField[] }
  | { kind: 'commentAdded'; commentId: string; targetId: string; toYou: ToYou | null }
  | { kind: 'commentEdited'; commentId: string; targetId: string }
  | { kind: 'commentDeleted'; commentId: string; targetId: string };

export interface VisitChanges {
  changes: VisitChange[];
  /** note id → how it is marked on the board: added, or changed (text, place, colour, trash). */
  noteMarks: Map<string, 'added' | 'changed'>;
  /** draft initiative id → how its card in the 取組案 view is marked: added, or changed. */
  initiativeMarks: Map<string, 'added' | 'changed'>;
  /** target id → how many of its comments were added since (shown on its comment button). */
  newComments: Map<string, number>;
}

/** Part of the item's id range lies past the seen state vector: (some of) it was written since. */
function writtenSince(item: Y.Item, seen: Y.Snapshot): boolean {
  return item.id.clock + item.length > (seen.sv.get(item.id.client) ?? 0);
}

/** Some part of the item was visible (written and not deleted) in the seen snapshot. */
function visibleThen(item: Y.Item, seen: Y.Snapshot): boolean {
  const known = seen.sv.get(item.id.client) ?? 0;
  // Deleted neighbours may have been merged into one item after the visit: look at every clock it spans.
  const end = Math.min(item.id.clock + item.length, known);
  for (let clock = item.id.clock; clock < end; clock++) {
    if (!Y.isDeleted(seen.ds, Y.createID(item.id.client, clock))) return true;
  }
  return false;
}

/** The current item of a map's key (deleted or not), if it is an item at all (a GC'd struct is not). */
function keyItem(map: Y.Map<unknown>, key: string): Y.Item | null {
  const item = map._map.get(key);
  return item instanceof Y.Item ? item : null;
}

/** The key now holds a value written since the visit. */
function setSince(map: Y.Map<unknown>, key: string, seen: Y.Snapshot): boolean {
  const item = keyItem(map, key);
  return item !== null && !item.deleted && writtenSince(item, seen);
}

/** The key held a value at the visit and has been removed since. */
function removedSince(map: Y.Map<unknown>, key: string, seen: Y.Snapshot): boolean {
  const item = keyItem(map, key);
  if (!item?.deleted) return false;
  return visibleThen(item, seen);
}

/** The Y.Text under `key` was replaced, or typed in or deleted from, since the visit. */
function textChangedSince(map: Y.Map<unknown>, seen: Y.Snapshot, key = 'text'): boolean {
  if (setSince(map, key, seen)) return true;
  const text = map.get(key);
  if (!(text instanceof Y.Text)) return false;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted ? visibleThen(item, seen) : writtenSince(item, seen)) return true;
  }
  return false;
}

function isMap(value: unknown): value is Y.Map<unknown> {
  return value instanceof Y.Map;
}

function noteChange(noteId: string, map: Y.Map<unknown>, entry: Y.Item, seen: Y.Snapshot): VisitChange | null {
  const deletedNow = typeof map.get('deletedAt') === 'number';
  if (writtenSince(entry, seen)) return deletedNow ? null : { kind: 'noteAdded', noteId };
  const fields: NoteChangeField[] = [];
  if (textChangedSince(map, seen)) fields.push('text');
  if (setSince(map, 'place', seen)) fields.push('place');
  if (setSince(map, 'color', seen)) fields.push('color');
  if (setSince(map, 'deletedAt', seen)) fields.push('deleted');
  else if (removedSince(map, 'deletedAt', seen)) fields.push('restored');
  return fields.length > 0 ? { kind: 'noteChanged', noteId, fields } : null;
}

function initiativeChange(
  initiativeId: string,
  map: Y.Map<unknown>,
  entry: Y.Item,
  seen: Y.Snapshot,
): VisitChange | null {
  const deletedNow = typeof map.get('deletedAt') === 'number';
  if (writtenSince(entry, seen)) return deletedNow ? null : { kind: 'initiativeAdded', initiativeId };
  const fields: InitiativeChangeField[] = [];
  if (INITIATIVE_TEXT_FIELDS.some((field) => textChangedSince(map, seen, field))) fields.push('text');
  for (const key of ['place', 'fiscalYears', 'status'] as const) if (setSince(map, key, seen)) fields.push(key);
  if (setSince(map, 'deletedAt', seen)) fields.push('deleted');
  else if (removedSince(map, 'deletedAt', seen)) fields.push('restored');
  return fields.length > 0 ? { kind: 'initiativeChanged', initiativeId, fields } : null;
}

function commentChange(commentId: string, map: Y.Map<unknown>, entry: Y.Item, seen: Y.Snapshot): VisitChange | null {
  const targetId = map.get('targetId');
  if (typeof targetId !== 'string') return null;
  const deletedNow = typeof map.get('deletedAt') === 'number';
  if (writtenSince(entry, seen)) return deletedNow ? null : { kind: 'commentAdded', commentId, targetId, toYou: null };
  if (setSince(map, 'deletedAt', seen)) return { kind: 'commentDeleted', commentId, targetId };
  if (setSince(map, 'text', seen)) return { kind: 'commentEdited', commentId, targetId };
  return null;
}

/**
 * Everything in `doc` that changed since `seen`, notes first (in the notes' map order), then draft
 * initiatives, then comments. `personId`: notes, initiatives and comments this person made are not new to
 * them. A note or initiative added and trashed since, or a comment added and deleted since, is left out:
 * there is nothing to look at.
 */
export function changesSince(doc: Y.Doc, seen: Y.Snapshot, personId: string | null): VisitChanges {
  const changes: VisitChange[] = [];
  const noteMarks = new Map<string, 'added' | 'changed'>();
  const initiativeMarks = new Map<string, 'added' | 'changed'>();
  const newComments = new Map<string, number>();
  let commentsById: Map<string, Comment> | null = null;
  const mine = (map: Y.Map<unknown>, key = 'author') =>
    personId !== null && personId !== '' && map.get(key) === personId;
  for (const [noteId, entry] of boardRoots.notes(doc)._map) {
    const map = entry.content.getContent()[0];
    if (entry.deleted || !isMap(map)) continue;
    const change = noteChange(noteId, map, entry, seen);
    if (!change || (change.kind === 'noteAdded' && mine(map))) continue;
    changes.push(change);
    noteMarks.set(noteId, change.kind === 'noteAdded' ? 'added' : 'changed');
  }
  for (const [initiativeId, entry] of boardRoots.initiatives(doc)._map) {
    const map = entry.content.getContent()[0];
    if (entry.deleted || !isMap(map)) continue;
    const change = initiativeChange(initiativeId, map, entry, seen);
    if (!change || (change.kind === 'initiativeAdded' && mine(map, 'createdBy'))) continue;
    changes.push(change);
    initiativeMarks.set(initiativeId, change.kind === 'initiativeAdded' ? 'added' : 'changed');
  }
  for (const [commentId, entry] of boardRoots.comments(doc)._map) {
    const map = entry.content.getContent()[0];
    if (entry.deleted || !isMap(map) || mine(map)) continue;
    const change = commentChange(commentId, map, entry, seen);
    if (!change) continue;
    // A mention of this person, or a reply to their comment, is told as such.
    if (change.kind === 'commentAdded' && personId) {
      const comments: Map<string, Comment> =
        commentsById ?? new Map(listComments(doc).map((comment) => [comment.id, comment]));
      commentsById = comments;
      const comment = comments.get(commentId);
      change.toYou = comment ? addressedTo(comment, personId, comments) : null;
    }
    changes.push(change);
    if (change.kind === 'commentAdded') newComments.set(change.targetId, (newComments.get(change.targetId) ?? 0) + 1);
  }
  return { changes, noteMarks, initiativeMarks, newComments };
}

/**
 * The seen snapshot with one of this person's own transactions folded in: its new structs (all of the
 * client's clocks up to now are this client's own) and what it deleted. So a person's own edits are never
 * "new" to them, while a colleague's edit that arrived meanwhile still is.
 */
export function withOwnChange(
  seen: Y.Snapshot,
  clientId: number,
  clockAfter: number,
  deleted: Parameters<typeof Y.mergeDeleteSets>[0][number],
) {
  const sv = new Map(seen.sv);
  sv.set(clientId, Math.max(sv.get(clientId) ?? 0, clockAfter));
  return Y.createSnapshot(Y.mergeDeleteSets([seen.ds, deleted]), sv);
}

/**
 * What was seen on either of two devices (or two saves): the later clock per client and both delete sets. A
 * server keeps the union of what a person's devices report, so one device never takes back what another saw.
 */
export function unionSeen(a: Y.Snapshot, b: Y.Snapshot): Y.Snapshot {
  const sv = new Map(a.sv);
  for (const [client, clock] of b.sv) sv.set(client, Math.max(sv.get(client) ?? 0, clock));
  return Y.createSnapshot(Y.mergeDeleteSets([a.ds, b.ds]), sv);
}

/** The snapshot as stored (base64 of `Y.encodeSnapshot`), or null when it does not decode. */
export function decodeSeen(stored: string | null): Y.Snapshot | null {
  if (!stored) return null;
  try {
    const bytes = Uint8Array.from(atob(stored), (c) => c.charCodeAt(0));
    return Y.decodeSnapshot(bytes);
  } catch {
    return null;
  }
}

export function encodeSeen(snapshot: Y.Snapshot): string {
  const bytes = Y.encodeSnapshot(snapshot);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
