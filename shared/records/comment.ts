import * as Y from 'yjs';
import { boardRoots } from '../docs.js';

/**
 * What a comment (or a reaction) is about: a note, a cluster or a draft initiative (issue 6). The record stores
 * the kind next to the id so a reader never has to guess which map the id belongs to.
 */
export const COMMENT_TARGET_KINDS = ['note', 'cluster', 'initiative'] as const;
export type CommentTargetKind = (typeof COMMENT_TARGET_KINDS)[number];

/** The reactions offered on notes (a closed list: a crafted emoji is ignored when read). */
export const REACTION_EMOJIS = ['👍', '❓'] as const;
export type ReactionEmoji = (typeof REACTION_EMOJIS)[number];

/**
 * A comment. Stored in the board document: `comments`: comment id → Y.Map
 * `{ targetId, targetKind, text, author, authorName, createdAt, editedAt?, deletedAt? }`.
 * `text` is a plain string replaced whole on an edit: only its author edits it, so there is nothing to merge.
 * A deleted comment keeps its record (and its text, for the record) and shows as 「削除されたコメント」.
 */
export interface Comment {
  id: string;
  targetId: string;
  targetKind: CommentTargetKind;
  text: string;
  author: string;
  authorName: string;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
  /** The comment of the same thread it answers (返信), or null. */
  replyTo: string | null;
  /** The person ids it mentions with `@name` (at most MENTIONS_MAX), in the order written. */
  mentions: string[];
}

/** The most people one comment may mention. */
export const MENTIONS_MAX = 20;
const ID_MAX = 64;

function readMentions(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const ids = value.filter((id): id is string => typeof id === 'string' && id !== '' && id.length <= ID_MAX);
  return [...new Set(ids)].slice(0, MENTIONS_MAX);
}

const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Reads one comment with defaults; null when it names no target (nothing could show it). */
export function readComment(id: string, value: unknown): Comment | null {
  if (!(value instanceof Y.Map)) return null;
  const map = value as Y.Map<unknown>;
  const targetId = map.get('targetId');
  if (typeof targetId !== 'string' || targetId === '') return null;
  const kind = map.get('targetKind');
  const text = map.get('text');
  const author = map.get('author');
  const authorName = map.get('authorName');
  return {
    id,
    targetId,
    targetKind: COMMENT_TARGET_KINDS.includes(kind as CommentTargetKind) ? (kind as CommentTargetKind) : 'note',
    text: text instanceof Y.Text ? text.toString() : typeof text === 'string' ? text : '',
    author: typeof author === 'string' ? author : '',
    authorName: typeof authorName === 'string' ? authorName.slice(0, 50) : '',
    createdAt: finite(map.get('createdAt')) ?? 0,
    editedAt: finite(map.get('editedAt')),
    deletedAt: finite(map.get('deletedAt')),
    replyTo: typeof map.get('replyTo') === 'string' ? (map.get('replyTo') as string) : null,
    mentions: readMentions(map.get('mentions')),
  };
}

/** Every comment of the board, oldest first (then by id, so every client lists them in one order). */
export function listComments(doc: Y.Doc): Comment[] {
  const comments: Comment[] = [];
  boardRoots.comments(doc).forEach((value, id) => {
    const comment = readComment(id, value);
    if (comment) comments.push(comment);
  });
  return comments.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The thread of one target, oldest first; deleted comments stay in place (shown as deleted). */
export function commentsOf(doc: Y.Doc, targetId: string): Comment[] {
  return listComments(doc).filter((comment) => comment.targetId === targetId);
}

/** Comments of a target that are not deleted: the count shown on its button. */
export function countLiveComments(doc: Y.Doc, targetId: string): number {
  return commentsOf(doc, targetId).filter((comment) => comment.deletedAt === null).length;
}

export const reactionKey = (targetId: string, emoji: ReactionEmoji, personId: string) =>
  `${targetId}|${emoji}|${personId}`;

export interface ReactionCount {
  emoji: ReactionEmoji;
  count: number;
  /** This person has reacted so. */
  mine: boolean;
}

/** The reactions of a target: one count per offered emoji, whether this person is among them. */
export function reactionsOf(doc: Y.Doc, targetId: string, personId: string): ReactionCount[] {
  const counts = new Map<ReactionEmoji, ReactionCount>(
    REACTION_EMOJIS.map((emoji) => [emoji, { emoji, count: 0, mine: false }]),
  );
  const prefix = `${targetId}|`;
  boardRoots.reactions(doc).forEach((value, key) => {
    if (value !== true || !key.startsWith(prefix)) return;
    const rest = key.slice(prefix.length);
    const bar = rest.indexOf('|');
    const entry = counts.get(rest.slice(0, bar) as ReactionEmoji);
    if (bar < 0 || !entry || rest.length === bar + 1) return;
    entry.count++;
    if (rest.slice(bar + 1) === personId) entry.mine = true;
  });
  return [...counts.values()];
}
