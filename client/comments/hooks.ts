import type { Comment } from '../../shared/records/comment';
import { REACTION_EMOJIS, type ReactionEmoji } from '../../shared/records/comment';
import { useStoreSelector } from '../lib/store';
import { useBoard } from '../session/hooks';
import { commentIndexOf, type TargetReactions } from './commentIndex';

const NO_COMMENTS: readonly Comment[] = [];
const NO_REACTIONS: TargetReactions = new Map();

/** One target's thread (deleted comments included, shown as deleted); re-renders only when it changes. */
export function useThread(targetId: string): readonly Comment[] {
  const { session } = useBoard();
  return useStoreSelector(commentIndexOf(session.boardDoc), (index) => index.threads.get(targetId) ?? NO_COMMENTS);
}

/** Comments that are not deleted: the count on the target's button. */
export function useCommentCount(targetId: string): number {
  return useThread(targetId).filter((comment) => comment.deletedAt === null).length;
}

export interface ReactionState {
  emoji: ReactionEmoji;
  count: number;
  mine: boolean;
}

export function useReactions(targetId: string): ReactionState[] {
  const { session, identity } = useBoard();
  const target = useStoreSelector(
    commentIndexOf(session.boardDoc),
    (index) => index.reactions.get(targetId) ?? NO_REACTIONS,
  );
  return REACTION_EMOJIS.map((emoji) => {
    const people = target.get(emoji) ?? [];
    return { emoji, count: people.length, mine: people.includes(identity.id) };
  });
}
