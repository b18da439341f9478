import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contributionsSince } from '../../shared/contributions.js';
import { addComment, deleteComment } from '../../shared/ops/comments.js';
import { createInitiativeFromItem } from '../../shared/ops/initiatives.js';
import { addNote, deleteNote } from '../../shared/ops/notes.js';
import type { Pillar } from '../../shared/records/pillar.js';
import { initialiseSettingsDoc } from '../../shared/template.js';

const pillars: Pillar[] = [
  { id: 'p1', title: '市民サービスの向上', order: 'a0', archivedAt: null },
  { id: 'p2', title: '業務の効率化', order: 'a1', archivedAt: null },
];

describe('who has contributed since a date', () => {
  it('counts each person’s notes per pillar (trashed too), live comments and draft initiatives since the date, most active first', () => {
    const board = new Y.Doc();
    const note = (id: string, pillarId: string, author: string, now: number) =>
      expect(addNote(board, { id, pillarId, lane: 'problem', text: id, author, authorName: author, now }).ok).toBe(
        true,
      );
    note('old', 'p1', '佐藤', 100);
    note('a', 'p1', '佐藤', 1000);
    note('b', 'p2', '佐藤', 1001);
    note('c', 'p2', '鈴木', 1002);
    note('d', 'p1', '鈴木', 1003);
    deleteNote(board, 'c', 1003);
    const comment = (id: string, author: string, now: number) =>
      expect(
        addComment(board, { id, targetId: 'a', targetKind: 'note', text: id, author, authorName: author, now }).ok,
      ).toBe(true);
    comment('k1', '高橋', 1004);
    comment('k2', '高橋', 1005);
    deleteComment(board, 'k2', '高橋', 1006);
    comment('k0', '高橋', 10);
    // A draft initiative (Task ②) made by 鈴木: the settings document knows the pillars.
    const settings = new Y.Doc();
    initialiseSettingsDoc(
      settings,
      '部会',
      (() => {
        const ids = ['p1', 'p2', 'p3'];
        return () => ids.shift() ?? 'px';
      })(),
    );
    const made = createInitiativeFromItem(board, settings, {
      id: 'i1',
      itemId: 'a',
      personId: '鈴木',
      roundNumber: null,
    });
    expect(made.ok).toBe(true);
    const result = contributionsSince(board, pillars, 1000);
    expect(result.people.map((p) => [p.name, p.notesByPillar, p.comments])).toEqual([
      ['鈴木', { p1: 1, p2: 1 }, 0],
      ['佐藤', { p1: 1, p2: 1 }, 0],
      ['高橋', { p1: 0, p2: 0 }, 1],
    ]);
    expect([result.notes, result.notesByPillar, result.comments, result.initiatives]).toEqual([
      4,
      { p1: 2, p2: 2 },
      1,
      1,
    ]);
  });
});
