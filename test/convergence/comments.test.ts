import { describe, expect, it } from 'vitest';
import { addComment, deleteComment, editComment, setReaction } from '../../shared/ops/comments.js';
import { commentsOf, reactionsOf } from '../../shared/records/comment.js';
import { newBoard } from '../unit/fixtures.js';
import { deliver, makePeers } from './peers.js';

const write = (doc: Parameters<typeof addComment>[0], id: string, author: string, text: string, now: number) =>
  addComment(doc, { id, targetId: 'n1', targetKind: 'note', text, author, now });

describe('comments and reactions on three replicas', () => {
  it('keeps every concurrent comment, edit and deletion, and ends in one thread and one count everywhere', () => {
    const [a, b, c] = makePeers(3, newBoard());
    if (!a || !b || !c) throw new Error('three peers');
    write(a.doc, 'ca', 'sato', '佐藤の意見', 1000);
    write(b.doc, 'cb', 'suzuki', '鈴木の意見', 1000);
    write(c.doc, 'cc', 'tanaka', '田中の意見', 900);
    // Each delivers in another order.
    deliver(a, b, (u) => [...u].reverse());
    deliver(b, a);
    deliver(c, a);
    deliver(c, b);
    deliver(a, c);
    deliver(b, c);
    editComment(a.doc, 'ca', 'sato', '佐藤の意見（修正）', 2000);
    deleteComment(b.doc, 'cb', 'suzuki', 2000);
    for (const peer of [a, b, c]) {
      setReaction(peer.doc, 'n1', '👍', peer.name, true);
      setReaction(peer.doc, 'n1', '❓', 'same-person', true);
    }
    for (const from of [a, b, c]) for (const to of [a, b, c]) if (from !== to) deliver(from, to);

    const threads = [a, b, c].map((peer) => commentsOf(peer.doc, 'n1'));
    expect(threads[1]).toEqual(threads[0]);
    expect(threads[2]).toEqual(threads[0]);
    expect(threads[0]?.map((comment) => [comment.id, comment.text, comment.deletedAt !== null])).toEqual([
      ['cc', '田中の意見', false],
      ['ca', '佐藤の意見（修正）', false],
      ['cb', '', true], // deleted: its words are gone everywhere
    ]);
    // Three people liked it; one person set ❓ on three devices at once: counted once.
    for (const peer of [a, b, c]) {
      expect(reactionsOf(peer.doc, 'n1', 'nobody').map((r) => r.count)).toEqual([3, 1]);
    }
  });
});
