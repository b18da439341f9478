import * as Y from 'yjs';
import { boardRoots } from '../docs.js';
import { NOTE_TEXT_MAX } from '../limits.js';
import { orderKeyAtIndex } from '../order.js';
import { LOCAL_ORIGIN } from '../origin.js';
import type { LaneKind } from '../records/lane.js';
import { type Deleter, isNoteColor, NOTE_COLORS, type NotePlace } from '../records/note.js';
import { type BoardError, fail, ok, type Result } from '../result.js';
import { listLaneNotes } from '../selectors.js';
import type { TextChange } from '../textDiff.js';
import { type TextRules, writeText, writeTextChanges } from './text.js';

export interface NewNote {
  id: string;
  pillarId: string;
  lane: LaneKind;
  text: string;
  /** The author's identity (a stable id, not a display name). */
  author: string;
  /** The author's display name when the note was written, shown on the note. */
  authorName?: string;
  color?: string;
  /** Position in the lane; default: the end. */
  index?: number;
  now?: number;
}

/** Why a text cannot be a note's text, or null when it can. */
export function checkNoteText(text: string): BoardError | null {
  if (text.trim() === '') return 'noteEmpty';
  if (text.length > NOTE_TEXT_MAX) return 'noteTooLong';
  return null;
}

function noteMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const value = boardRoots.notes(doc).get(id);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

export function addNote(doc: Y.Doc, input: NewNote, origin: unknown = LOCAL_ORIGIN): Result<string> {
  const text = input.text.trim();
  const problem = checkNoteText(text);
  if (problem) return fail(problem);
  const siblings = listLaneNotes(doc, input.pillarId, input.lane);
  const order = orderKeyAtIndex(
    siblings.map((n) => ({ order: n.place?.order ?? '' })),
    input.index ?? siblings.length,
  );
  if (input.color !== undefined && !isNoteColor(input.color)) return fail('colorInvalid');
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    note.set('text', new Y.Text(text));
    note.set('place', { pillarId: input.pillarId, lane: input.lane, order } satisfies NotePlace);
    note.set('author', input.author);
    if (input.authorName) note.set('authorName', input.authorName);
    note.set('color', input.color ?? NOTE_COLORS[0]);
    note.set('createdAt', input.now ?? Date.now());
    boardRoots.notes(doc).set(input.id, note);
  }, origin);
  return ok(input.id);
}

/** A note's text rules (shared/ops/text.ts): a note in the trash still accepts text (see docs/architecture.md). */
const NOTE_TEXT_RULES: TextRules = { maxLength: NOTE_TEXT_MAX, tooLong: 'noteTooLong' };

/**
 * Applies changes to a note's text, in order and in one transaction (the editor's path: one change as typed,
 * or the list `rebaseChange` makes after an IME composition). Refused whole if the text would grow past
 * NOTE_TEXT_MAX (writeTextChanges says how).
 */
export function applyNoteTextChanges(
  doc: Y.Doc,
  id: string,
  changes: readonly TextChange[],
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const note = noteMap(doc, id);
  if (!note) return fail('noteNotFound');
  return writeTextChanges(doc, note, 'text', changes, NOTE_TEXT_RULES, origin);
}

/** Applies one contiguous change to a note's text. */
export function applyNoteTextChange(
  doc: Y.Doc,
  id: string,
  change: TextChange,
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  return applyNoteTextChanges(doc, id, [change], origin);
}

/** Sets a note's text to `next` with the smallest change from its current text. */
export function editNoteText(doc: Y.Doc, id: string, next: string, origin: unknown = LOCAL_ORIGIN): Result<null> {
  const note = noteMap(doc, id);
  if (!note) return fail('noteNotFound');
  return writeText(doc, note, 'text', next, NOTE_TEXT_RULES, origin);
}

export interface MoveTarget {
  pillarId: string;
  lane: LaneKind;
  /** Position among the lane's other notes (the moving note excluded). */
  index: number;
}

/** Moves a note: its whole `place` is replaced, so concurrent moves end in exactly one of them. */
export function moveNote(doc: Y.Doc, id: string, target: MoveTarget, origin: unknown = LOCAL_ORIGIN): Result<null> {
  const note = noteMap(doc, id);
  if (!note) return fail('noteNotFound');
  const siblings = listLaneNotes(doc, target.pillarId, target.lane).filter((n) => n.id !== id);
  const order = orderKeyAtIndex(
    siblings.map((n) => ({ order: n.place?.order ?? '' })),
    target.index,
  );
  doc.transact(() => {
    note.set('place', { pillarId: target.pillarId, lane: target.lane, order } satisfies NotePlace);
  }, origin);
  return ok(null);
}

export function setNoteColor(doc: Y.Doc, id: string, color: string, origin: unknown = LOCAL_ORIGIN): Result<null> {
  const note = noteMap(doc, id);
  if (!note) return fail('noteNotFound');
  if (!isNoteColor(color)) return fail('colorInvalid');
  doc.transact(() => note.set('color', color), origin);
  return ok(null);
}

/**
 * Moves a note to the trash, recording who did it (`by`; unknown when null, e.g. another tool's call).
 * Nothing is erased: anyone who may write the board can restore it (shared/trash.ts).
 */
export function deleteNote(
  doc: Y.Doc,
  id: string,
  now = Date.now(),
  origin: unknown = LOCAL_ORIGIN,
  by: Deleter | null = null,
): Result<null> {
  const note = noteMap(doc, id);
  if (!note) return fail('noteNotFound');
  doc.transact(() => {
    note.set('deletedAt', now);
    // All three keys are written, even when unknown (''): two people deleting at once then end with the
    // time, id and name of one of them, never a mix (each key's concurrent writes are ordered alike).
    note.set('deletedBy', by?.id ?? '');
    note.set('deletedByName', by?.name.slice(0, 50) ?? '');
  }, origin);
  return ok(null);
}

/** Takes a note out of the trash, with its text, place and cluster as they are. */
export function restoreNote(doc: Y.Doc, id: string, origin: unknown = LOCAL_ORIGIN): Result<null> {
  const note = noteMap(doc, id);
  if (!note) return fail('noteNotFound');
  doc.transact(() => {
    note.delete('deletedAt');
    note.delete('deletedBy');
    note.delete('deletedByName');
  }, origin);
  return ok(null);
}

/**
 * Erases a note that is in the trash, for good, with its place on the matrix and its shortlist mark (the
 * facilitator's 完全に削除; who may is decided by shared/trash.ts). A live note is refused: it must be trashed
 * first, so nothing leaves the board in one step.
 */
export function purgeNote(doc: Y.Doc, id: string, origin: unknown = LOCAL_ORIGIN): Result<null> {
  const note = noteMap(doc, id);
  if (!note) return fail('noteNotFound');
  const deletedAt = note.get('deletedAt');
  if (typeof deletedAt !== 'number' || !Number.isFinite(deletedAt)) return fail('noteNotInTrash');
  doc.transact(() => {
    boardRoots.notes(doc).delete(id);
    boardRoots.matrix(doc).delete(id);
    boardRoots.shortlist(doc).delete(id);
  }, origin);
  return ok(null);
}
