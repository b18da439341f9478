import type * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import { type Comment, listComments, REACTION_EMOJIS, type ReactionEmoji } from '../../shared/records/comment';
import { createStore, type ReadStore, sameArray } from '../lib/store';

/** Who reacted how, per target: emoji → person ids, sorted. */
export type TargetReactions = ReadonlyMap<ReactionEmoji, readonly string[]>;

export interface CommentIndex {
  /** target id → its thread, oldest first. A thread keeps its identity while it does not change. */
  threads: ReadonlyMap<string, readonly Comment[]>;
  reactions: ReadonlyMap<string, TargetReactions>;
}

const sameComment = (a: Comment, b: Comment) =>
  a.id === b.id && a.text === b.text && a.editedAt === b.editedAt && a.deletedAt === b.deletedAt;

function buildThreads(doc: Y.Doc, previous: CommentIndex['threads']) {
  const threads = new Map<string, Comment[]>();
  for (const comment of listComments(doc)) {
    const thread = threads.get(comment.targetId);
    if (thread) thread.push(comment);
    else threads.set(comment.targetId, [comment]);
  }
  // Keep the old array (and its comments) where nothing changed, so only the affected thread re-renders.
  const result = new Map<string, readonly Comment[]>();
  for (const [targetId, thread] of threads) {
    const old = previous.get(targetId);
    const unchanged = old && old.length === thread.length && old.every((c, i) => sameComment(c, thread[i]!));
    result.set(targetId, unchanged ? old : thread);
  }
  return result;
}

function buildReactions(doc: Y.Doc, previous: CommentIndex['reactions']) {
  const byTarget = new Map<string, Map<ReactionEmoji, string[]>>();
  boardRoots.reactions(doc).forEach((value, key) => {
    const [targetId, emoji, personId, ...rest] = key.split('|');
    if (value !== true || rest.length > 0 || !targetId || !personId) return;
    if (!REACTION_EMOJIS.includes(emoji as ReactionEmoji)) return;
    let target = byTarget.get(targetId);
    if (!target) {
      target = new Map();
      byTarget.set(targetId, target);
    }
    const people = target.get(emoji as ReactionEmoji);
    if (people) people.push(personId);
    else target.set(emoji as ReactionEmoji, [personId]);
  });
  const result = new Map<string, TargetReactions>();
  for (const [targetId, target] of byTarget) {
    for (const people of target.values()) people.sort();
    const old = previous.get(targetId);
    const unchanged =
      old &&
      old.size === target.size &&
      [...target].every(([emoji, people]) => sameArray(old.get(emoji) ?? [], people));
    result.set(targetId, unchanged ? old : target);
  }
  return result;
}

const indexes = new WeakMap<Y.Doc, ReadStore<CommentIndex>>();

/**
 * The board's comments and reactions by target, kept up to date from the document: one index per document,
 * so a hundred comment buttons share one observer instead of each reading the whole root.
 */
export function commentIndexOf(doc: Y.Doc): ReadStore<CommentIndex> {
  const existing = indexes.get(doc);
  if (existing) return existing;
  const store = createStore<CommentIndex>({ threads: new Map(), reactions: new Map() });
  const rebuildThreads = () => store.set({ ...store.get(), threads: buildThreads(doc, store.get().threads) });
  const rebuildReactions = () => store.set({ ...store.get(), reactions: buildReactions(doc, store.get().reactions) });
  boardRoots.comments(doc).observeDeep(rebuildThreads);
  boardRoots.reactions(doc).observe(rebuildReactions);
  rebuildThreads();
  rebuildReactions();
  indexes.set(doc, store);
  return store;
}
