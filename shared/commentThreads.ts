import type * as Y from 'yjs';
import { type Comment, listComments } from './records/comment.js';

/**
 * Who a comment is for, and which comments still wait for an answer (issue 18): what 「自分宛て」, since your last
 * visit and the digest for the chat read from the comments. A comment is addressed to a person when it mentions
 * them (`mentions`) or answers one of their comments (`replyTo`); never their own comment.
 */
export type ToYou = 'mention' | 'reply';

export function addressedTo(comment: Comment, personId: string, byId: ReadonlyMap<string, Comment>): ToYou | null {
  if (personId === '' || comment.author === personId || comment.deletedAt !== null) return null;
  if (comment.mentions.includes(personId)) return 'mention';
  if (comment.replyTo !== null && byId.get(comment.replyTo)?.author === personId) return 'reply';
  return null;
}

/** Every live comment addressed to this person, newest first, with why. */
export function commentsToYou(doc: Y.Doc, personId: string): Array<{ comment: Comment; why: ToYou }> {
  const comments = listComments(doc);
  const byId = new Map(comments.map((comment) => [comment.id, comment]));
  return comments
    .flatMap((comment) => {
      const why = addressedTo(comment, personId, byId);
      return why ? [{ comment, why }] : [];
    })
    .reverse();
}

const before = (a: Comment, b: Comment) => a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

/**
 * The live comments still waiting for an answer: those that start a conversation (not a reply, and nobody else
 * wrote in their thread before them) and that nobody else has answered since — by writing in the thread after
 * them, or by replying to them. The oldest first.
 */
export function waitingForAnswer(comments: readonly Comment[]): Comment[] {
  const live = comments.filter((comment) => comment.deletedAt === null);
  const sameThreadByOther = (comment: Comment, other: Comment) =>
    other.targetId === comment.targetId && other.author !== comment.author;
  return live.filter(
    (comment) =>
      comment.replyTo === null &&
      !live.some((other) => sameThreadByOther(comment, other) && before(other, comment)) &&
      !live.some(
        (other) =>
          other.author !== comment.author &&
          (other.replyTo === comment.id || (sameThreadByOther(comment, other) && before(comment, other))),
      ),
  );
}
