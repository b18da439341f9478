import * as Y from 'yjs';
import { boardRoots } from '../docs.js';
import { COMMENT_TEXT_MAX } from '../limits.js';
import { LOCAL_ORIGIN } from '../origin.js';
import {
  type CommentTargetKind,
  MENTIONS_MAX,
  REACTION_EMOJIS,
  type ReactionEmoji,
  reactionKey,
  readComment,
} from '../records/comment.js';
import { type BoardError, fail, ok, type Result } from '../result.js';

export interface NewComment {
  id: string;
  targetId: string;
  targetKind: CommentTargetKind;
  text: string;
  /** The writer's person id (not a display name): "own" comments are those with this person's id. */
  author: string;
  authorName?: string;
  now?: number;
  /** The comment of this thread it answers (返信). */
  replyTo?: string;
  /** Person ids mentioned with `@name` (at most MENTIONS_MAX). */
  mentions?: readonly string[];
}

/** Why a text cannot be a comment, or null when it can. */
export function checkCommentText(text: string): BoardError | null {
  if (text.trim() === '') return 'commentEmpty';
  if (text.length > COMMENT_TEXT_MAX) return 'commentTooLong';
  return null;
}

function commentMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const value = boardRoots.comments(doc).get(id);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

export function addComment(doc: Y.Doc, input: NewComment, origin: unknown = LOCAL_ORIGIN): Result<string> {
  const text = input.text.trim();
  const problem = checkCommentText(text);
  if (problem) return fail(problem);
  if (
    input.replyTo !== undefined &&
    readComment(input.replyTo, commentMap(doc, input.replyTo))?.targetId !== input.targetId
  ) {
    return fail('commentNotFound');
  }
  const mentions = [...new Set(input.mentions ?? [])].filter((id) => id !== '');
  if (mentions.length > MENTIONS_MAX) return fail('mentionsTooMany');
  doc.transact(() => {
    const comment = new Y.Map<unknown>();
    comment.set('targetId', input.targetId);
    comment.set('targetKind', input.targetKind);
    comment.set('text', text);
    comment.set('author', input.author);
    if (input.authorName) comment.set('authorName', input.authorName);
    comment.set('createdAt', input.now ?? Date.now());
    if (input.replyTo !== undefined) comment.set('replyTo', input.replyTo);
    if (mentions.length > 0) comment.set('mentions', mentions);
    boardRoots.comments(doc).set(input.id, comment);
  }, origin);
  return ok(input.id);
}

/**
 * The comment, if `personId` may change it: only its author, and not once deleted. The server cannot enforce
 * this (it refuses whole documents per role, docs/security.md): it is what every honest client does.
 */
function ownComment(doc: Y.Doc, id: string, personId: string): Result<Y.Map<unknown>> {
  const map = commentMap(doc, id);
  const comment = readComment(id, map);
  if (!map || !comment || comment.deletedAt !== null) return fail('commentNotFound');
  if (comment.author === '' || comment.author !== personId) return fail('commentNotOwn');
  return ok(map);
}

/** Replaces the text of one's own comment and stamps `editedAt`. */
export function editComment(
  doc: Y.Doc,
  id: string,
  personId: string,
  text: string,
  now = Date.now(),
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const next = text.trim();
  const problem = checkCommentText(next);
  if (problem) return fail(problem);
  const found = ownComment(doc, id, personId);
  if (!found.ok) return found;
  if (found.value.get('text') === next) return ok(null);
  doc.transact(() => {
    found.value.set('text', next);
    found.value.set('editedAt', now);
  }, origin);
  return ok(null);
}

/** Marks one's own comment deleted: never erased, it shows as 「削除されたコメント」 in its thread. */
export function deleteComment(
  doc: Y.Doc,
  id: string,
  personId: string,
  now = Date.now(),
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  const found = ownComment(doc, id, personId);
  if (!found.ok) return found;
  // The text goes with it: a deleted comment (personal data written by mistake, say) must not stay readable
  // in the document, the activity feed or later snapshots. Only that it was deleted is kept.
  doc.transact(() => {
    found.value.set('deletedAt', now);
    found.value.set('text', '');
  }, origin);
  return ok(null);
}

/**
 * Sets or clears one person's reaction. One key per (target, emoji, person): setting it twice is the same as
 * once, and two devices of one person toggling at once end in one of the two states, never a double count.
 */
export function setReaction(
  doc: Y.Doc,
  targetId: string,
  emoji: string,
  personId: string,
  on: boolean,
  origin: unknown = LOCAL_ORIGIN,
): Result<null> {
  if (!REACTION_EMOJIS.includes(emoji as ReactionEmoji) || personId === '' || targetId === '') {
    return fail('reactionInvalid');
  }
  const key = reactionKey(targetId, emoji as ReactionEmoji, personId);
  const reactions = boardRoots.reactions(doc);
  if ((reactions.get(key) === true) === on) return ok(null);
  doc.transact(() => {
    if (on) reactions.set(key, true);
    else reactions.delete(key);
  }, origin);
  return ok(null);
}
