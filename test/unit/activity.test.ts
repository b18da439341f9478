import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardActivity } from '../../shared/activity.js';
import { boardRoots } from '../../shared/docs.js';
import { addComment, deleteComment, editComment } from '../../shared/ops/comments.js';
import { createInitiativeFromItem } from '../../shared/ops/initiatives.js';
import { deleteNote, editNoteText } from '../../shared/ops/notes.js';
import { add, newBoard, newSettings } from './fixtures.js';

describe('board activity', () => {
  it('lists notes added and trashed, comments and clusters, newest first, with who where recorded', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '窓口が混む', author: 'suzuki', authorName: '鈴木', now: 1000 });
    add(doc, { id: 'n2', text: '紙が多い', author: 'sato', authorName: '佐藤', now: 2000 });
    deleteNote(doc, 'n2', 3000);
    editNoteText(doc, 'n1', '窓口がとても混む');
    addComment(doc, { id: 'c1', targetId: 'n1', targetKind: 'note', text: '同感', author: 'sato', now: 4000 });
    editComment(doc, 'c1', 'sato', '同感です', 5000);
    deleteComment(doc, 'c1', 'sato', 6000);
    doc.transact(() => {
      const cluster = new Y.Map<unknown>();
      cluster.set('title', new Y.Text('窓口'));
      cluster.set('pillarId', 'p1');
      cluster.set('order', 'a0');
      cluster.set('createdAt', 7000);
      cluster.set('createdBy', 'suzuki');
      boardRoots.clusters(doc).set('k1', cluster);
    });
    const entries = boardActivity(doc);
    expect(entries.map((e) => [e.kind, e.at, 'name' in e ? e.name : null])).toEqual([
      ['clusterAdded', 7000, '鈴木'],
      ['commentDeleted', 6000, '佐藤'],
      ['commentEdited', 5000, '佐藤'],
      ['commentAdded', 4000, '佐藤'],
      ['noteDeleted', 3000, ''],
      ['noteAdded', 2000, '佐藤'],
      ['noteAdded', 1000, '鈴木'],
    ]);
    // The note's edit has no author or time in the document: it is not an entry of its own.
    expect(entries.filter((e) => 'noteId' in e && e.noteId === 'n1')).toHaveLength(1);
    expect(boardActivity(doc, 2)).toHaveLength(2);
  });

  it('lists a draft initiative with who made it, named from what they wrote elsewhere', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '窓口が混む', author: 'suzuki', authorName: '鈴木', now: 1000 });
    createInitiativeFromItem(doc, newSettings(), {
      id: 'i1',
      itemId: 'n1',
      personId: 'suzuki',
      roundNumber: null,
      now: 2000,
    });
    expect(boardActivity(doc)[0]).toEqual({
      kind: 'initiativeAdded',
      at: 2000,
      personId: 'suzuki',
      name: '鈴木',
      initiativeId: 'i1',
      text: '窓口が混む',
    });
  });
});
