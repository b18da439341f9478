import { addressedTo, type ToYou } from '../../shared/commentThreads';
import type { Comment } from '../../shared/records/comment';

export interface Addressed {
  comment: Comment;
  why: ToYou;
  /** This person has written in that thread since (it is answered). */
  answered: boolean;
}

/** The comments addressed to this person (mentions, replies to their comments), newest first. */
export function addressedToMe(threads: ReadonlyMap<string, readonly Comment[]>, personId: string): Addressed[] {
  const all = [...threads.values()].flat();
  const byId = new Map(all.map((comment) => [comment.id, comment]));
  return all
    .flatMap((comment) => {
      const why = addressedTo(comment, personId, byId);
      if (!why) return [];
      const answered = (threads.get(comment.targetId) ?? []).some(
        (other) => other.author === personId && other.deletedAt === null && other.createdAt >= comment.createdAt,
      );
      return [{ comment, why, answered }];
    })
    .sort((a, b) => b.comment.createdAt - a.comment.createdAt);
}
