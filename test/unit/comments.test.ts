import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardActivity } from '../../shared/activity.js';
import { boardRoots } from '../../shared/docs.js';
import { COMMENT_TEXT_MAX } from '../../shared/limits.js';
import { addComment, deleteComment, editComment, setReaction } from '../../shared/ops/comments.js';
import { commentsOf, countLiveComments, reactionsOf } from '../../shared/records/comment.js';
import { newBoard } from './fixtures.js';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

function comment(doc: Y.Doc, id: string, author = 'tanaka', text = '賛成です', now = 1000) {
  const result = addComment(doc, { id, targetId: 'n1', targetKind: 'note', text, author, authorName: '田中', now });
  if (!result.ok) throw new Error(result.error);
}

describe('comments', () => {
  it('adds a comment to a thread with its author and time, oldest first', () => {
    const doc = newBoard();
    comment(doc, 'c2', 'suzuki', '二つ目', 2000);
    comment(doc, 'c1', 'tanaka', '  一つ目  ', 1000);
    const thread = commentsOf(doc, 'n1');
    expect(thread.map((c) => [c.id, c.text, c.author, c.createdAt])).toEqual([
      ['c1', '一つ目', 'tanaka', 1000],
      ['c2', '二つ目', 'suzuki', 2000],
    ]);
    expect(thread[0]?.targetKind).toBe('note');
    expect(commentsOf(doc, 'other')).toEqual([]);
  });

  it('refuses an empty comment and one over the limit, and changes nothing', () => {
    const doc = newBoard();
    const base = { id: 'c1', targetId: 'n1', targetKind: 'note' as const, author: 'tanaka' };
    expect(addComment(doc, { ...base, text: '   ' })).toEqual({ ok: false, error: 'commentEmpty' });
    expect(addComment(doc, { ...base, text: 'あ'.repeat(COMMENT_TEXT_MAX + 1) })).toEqual({
      ok: false,
      error: 'commentTooLong',
    });
    expect(boardRoots.comments(doc).size).toBe(0);
    expect(addComment(doc, { ...base, text: 'あ'.repeat(COMMENT_TEXT_MAX) }).ok).toBe(true);
  });

  it('lets the author edit and delete their own comment, and nobody else', () => {
    const doc = newBoard();
    comment(doc, 'c1', 'tanaka');
    expect(editComment(doc, 'c1', 'suzuki', '書き換え')).toEqual({ ok: false, error: 'commentNotOwn' });
    expect(deleteComment(doc, 'c1', 'suzuki')).toEqual({ ok: false, error: 'commentNotOwn' });
    expect(editComment(doc, 'c1', 'tanaka', 'x'.repeat(COMMENT_TEXT_MAX + 1))).toEqual({
      ok: false,
      error: 'commentTooLong',
    });
    expect(commentsOf(doc, 'n1')[0]?.text).toBe('賛成です');
    expect(editComment(doc, 'c1', 'tanaka', '修正しました', 5000).ok).toBe(true);
    expect(commentsOf(doc, 'n1')[0]).toMatchObject({ text: '修正しました', editedAt: 5000, deletedAt: null });
    expect(deleteComment(doc, 'c1', 'tanaka', 6000).ok).toBe(true);
    // Never erased: the record stays and shows as deleted; it no longer counts and cannot be edited.
    expect(commentsOf(doc, 'n1')[0]).toMatchObject({ deletedAt: 6000, text: '' });
    // Its words are gone from the document and the activity feed too, not only from the thread.
    expect(JSON.stringify(boardActivity(doc))).not.toContain('修正しました');
    expect(countLiveComments(doc, 'n1')).toBe(0);
    expect(editComment(doc, 'c1', 'tanaka', 'また')).toEqual({ ok: false, error: 'commentNotFound' });
  });

  it('a comment without an author can be changed by nobody', () => {
    const doc = newBoard();
    comment(doc, 'c1', '');
    expect(deleteComment(doc, 'c1', '')).toEqual({ ok: false, error: 'commentNotOwn' });
  });

  it('ignores a stored comment that names no target', () => {
    const doc = newBoard();
    doc.transact(() => boardRoots.comments(doc).set('bad', new Y.Map()));
    comment(doc, 'c1');
    expect(commentsOf(doc, 'n1').map((c) => c.id)).toEqual(['c1']);
  });
});

describe('reactions', () => {
  it('toggles one person’s reaction idempotently and counts per emoji', () => {
    const doc = newBoard();
    expect(setReaction(doc, 'n1', '👍', 'tanaka', true).ok).toBe(true);
    expect(setReaction(doc, 'n1', '👍', 'tanaka', true).ok).toBe(true);
    expect(setReaction(doc, 'n1', '👍', 'suzuki', true).ok).toBe(true);
    expect(setReaction(doc, 'n1', '❓', 'suzuki', true).ok).toBe(true);
    expect(reactionsOf(doc, 'n1', 'tanaka')).toEqual([
      { emoji: '👍', count: 2, mine: true },
      { emoji: '❓', count: 1, mine: false },
    ]);
    expect(setReaction(doc, 'n1', '👍', 'tanaka', false).ok).toBe(true);
    expect(reactionsOf(doc, 'n1', 'tanaka')[0]).toEqual({ emoji: '👍', count: 1, mine: false });
  });

  it('refuses an emoji that is not offered', () => {
    const doc = newBoard();
    expect(setReaction(doc, 'n1', '💩', 'tanaka', true)).toEqual({ ok: false, error: 'reactionInvalid' });
    expect(boardRoots.reactions(doc).size).toBe(0);
  });

  it('concurrent toggles of one person on two devices converge to one count', () => {
    const a = newBoard();
    const b = new Y.Doc();
    sync(a, b);
    setReaction(a, 'n1', '👍', 'tanaka', true);
    setReaction(b, 'n1', '👍', 'tanaka', true);
    setReaction(b, 'n1', '❓', 'suzuki', true);
    sync(a, b);
    expect(reactionsOf(a, 'n1', 'tanaka')).toEqual(reactionsOf(b, 'n1', 'tanaka'));
    expect(reactionsOf(a, 'n1', 'tanaka')[0]).toEqual({ emoji: '👍', count: 1, mine: true });
    // One device takes it back while the other sets it again: both end in the same state.
    setReaction(a, 'n1', '👍', 'tanaka', false);
    setReaction(b, 'n1', '❓', 'suzuki', false);
    sync(a, b);
    expect(reactionsOf(a, 'n1', 'x')).toEqual(reactionsOf(b, 'n1', 'x'));
    expect(reactionsOf(a, 'n1', 'x').map((r) => r.count)).toEqual([0, 0]);
  });
});
