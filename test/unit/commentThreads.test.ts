import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { commentsToYou, waitingForAnswer } from '../../shared/commentThreads.js';
import { addComment, deleteComment } from '../../shared/ops/comments.js';
import { listComments, MENTIONS_MAX } from '../../shared/records/comment.js';

const add = (doc: Y.Doc, id: string, author: string, now: number, extra: Record<string, unknown> = {}) =>
  addComment(doc, { id, targetId: 'n1', targetKind: 'note', text: id, author, now, ...extra });

describe('comments addressed to a person, and those waiting for an answer', () => {
  it('stores mentions and replies, refusing a reply to a comment of another thread or too many mentions', () => {
    const doc = new Y.Doc();
    expect(add(doc, 'q', 'sato', 1).ok).toBe(true);
    expect(add(doc, 'r', 'suzuki', 2, { replyTo: 'q', mentions: ['sato', 'sato'] }).ok).toBe(true);
    expect(listComments(doc).find((c) => c.id === 'r')).toMatchObject({ replyTo: 'q', mentions: ['sato'] });
    const elsewhere = addComment(doc, {
      id: 'z',
      targetId: 'n2',
      targetKind: 'note',
      text: 'z',
      author: 'a',
      replyTo: 'q',
    });
    expect(elsewhere).toEqual({ ok: false, error: 'commentNotFound' });
    const many = Array.from({ length: MENTIONS_MAX + 1 }, (_, i) => `p${i}`);
    expect(add(doc, 'm', 'suzuki', 3, { mentions: many })).toEqual({ ok: false, error: 'mentionsTooMany' });
  });

  it('lists what is addressed to a person, newest first, never their own nor a deleted one', () => {
    const doc = new Y.Doc();
    add(doc, 'mine', 'sato', 1);
    add(doc, 'reply', 'suzuki', 2, { replyTo: 'mine' });
    add(doc, 'mention', 'takahashi', 3, { mentions: ['sato'] });
    add(doc, 'self', 'sato', 4, { mentions: ['sato'] });
    add(doc, 'gone', 'suzuki', 5, { mentions: ['sato'] });
    deleteComment(doc, 'gone', 'suzuki', 6);
    expect(commentsToYou(doc, 'sato').map(({ comment, why }) => [comment.id, why])).toEqual([
      ['mention', 'mention'],
      ['reply', 'reply'],
    ]);
  });

  it('finds the comments nobody else has answered yet', () => {
    const doc = new Y.Doc();
    add(doc, 'asked', 'sato', 1);
    add(doc, 'answered', 'suzuki', 2);
    add(doc, 'again', 'suzuki', 3);
    const other = (id: string, author: string, now: number, replyTo?: string) =>
      addComment(doc, { id, targetId: 'n2', targetKind: 'note', text: id, author, now, replyTo });
    other('q2', 'sato', 4);
    other('a2', 'sato', 5);
    // 'asked' was answered; 'answered' and 'again' are answers; 'q2' and its follow-up 'a2' wait.
    expect(waitingForAnswer(listComments(doc)).map((c) => c.id)).toEqual(['q2', 'a2']);
    other('r2', 'tanaka', 6, 'q2');
    expect(waitingForAnswer(listComments(doc)).map((c) => c.id)).toEqual([]);
  });
});
