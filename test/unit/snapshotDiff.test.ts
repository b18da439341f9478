import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs.js';
import {
  createInitiativeFromItem,
  deleteInitiative,
  setInitiativeFiscalYears,
  setInitiativeStatus,
  setInitiativeText,
} from '../../shared/ops/initiatives.js';
import { deleteNote, editNoteText, moveNote, restoreNote, setNoteColor } from '../../shared/ops/notes.js';
import { renamePillar } from '../../shared/ops/pillars.js';
import type { NotePlace } from '../../shared/records/note.js';
import { diffBoards, isEmptyDiff } from '../../shared/snapshotDiff.js';
import { add, newBoard, newSettings, PILLAR_CITIZENS, PILLAR_EFFICIENCY, storedNote } from './fixtures.js';

/** A copy of a document as a snapshot holds it: its full state in a fresh Y.Doc. */
function snapshotOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function cluster(doc: Y.Doc, id: string, pillarId: string, noteIds: string[], title = ''): void {
  doc.transact(() => {
    const record = new Y.Map<unknown>();
    record.set('title', new Y.Text(title));
    record.set('pillarId', pillarId);
    record.set('order', 'a0');
    record.set('createdAt', 1);
    record.set('createdBy', 'tanaka');
    boardRoots.clusters(doc).set(id, record);
    for (const noteId of noteIds) {
      const note = storedNote(doc, noteId);
      note.set('place', { ...(note.get('place') as NotePlace), clusterId: id });
    }
  });
}

function renameCluster(doc: Y.Doc, id: string, title: string): void {
  const text = (boardRoots.clusters(doc).get(id) as Y.Map<unknown>).get('title') as Y.Text;
  doc.transact(() => {
    text.delete(0, text.length);
    text.insert(0, title);
  });
}

function boardWithNotes(): Y.Doc {
  const board = newBoard();
  add(board, { id: 'wait', text: '窓口の待ち時間が長い' });
  add(board, { id: 'paper', text: '紙の申請書が多い' });
  add(board, { id: 'goal', text: 'オンラインで申請できる', lane: 'goal' });
  add(board, { id: 'skills', text: 'デジタル研修が足りない', pillarId: PILLAR_EFFICIENCY });
  return board;
}

describe('diffBoards', () => {
  it('finds nothing between a board and its own snapshot', () => {
    const board = boardWithNotes();
    const diff = diffBoards({ board: snapshotOf(board) }, { board });
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it('lists added, removed (deleted or gone) and changed notes with their texts', () => {
    const board = boardWithNotes();
    const before = snapshotOf(board);
    add(board, { id: 'new', text: '電子決済を導入する', lane: 'idea' });
    deleteNote(board, 'paper');
    boardRoots.notes(board).delete('skills'); // another tool removed it outright
    editNoteText(board, 'wait', '窓口の待ち時間をなくしたい');
    moveNote(board, 'goal', { pillarId: PILLAR_EFFICIENCY, lane: 'idea', index: 0 });
    setNoteColor(board, 'new', '#ffd6e0');

    const settings = newSettings();
    const diff = diffBoards({ board: before, settings }, { board, settings });
    expect(diff.notes.added.map((n) => [n.id, n.text, n.lane])).toEqual([['new', '電子決済を導入する', 'idea']]);
    expect(diff.notes.removed.map((n) => [n.id, n.text, n.deleted])).toEqual([
      ['paper', '紙の申請書が多い', true],
      ['skills', 'デジタル研修が足りない', false],
    ]);
    const changes = Object.fromEntries(diff.notes.changed.map((c) => [c.id, c]));
    expect(Object.keys(changes).sort()).toEqual(['goal', 'wait']);
    expect(changes.wait).toMatchObject({
      fields: ['text'],
      before: { text: '窓口の待ち時間が長い' },
      after: { text: '窓口の待ち時間をなくしたい' },
    });
    expect(changes.goal).toMatchObject({
      fields: ['pillar', 'lane'],
      before: { pillarId: PILLAR_CITIZENS, lane: 'goal' },
      after: { pillarId: PILLAR_EFFICIENCY, lane: 'idea' },
    });
  });

  it('counts a colour change, and a note taken back out of the trash as added', () => {
    const board = boardWithNotes();
    deleteNote(board, 'paper');
    const before = snapshotOf(board);
    restoreNote(board, 'paper');
    setNoteColor(board, 'wait', '#cdeffd');
    const diff = diffBoards({ board: before }, { board });
    expect(diff.notes.added.map((n) => n.text)).toEqual(['紙の申請書が多い']);
    expect(diff.notes.changed).toEqual([expect.objectContaining({ id: 'wait', fields: ['color'] })]);
  });

  it('finds clusters added, removed and renamed, and notes moved into a cluster', () => {
    const board = boardWithNotes();
    cluster(board, 'c-old', PILLAR_CITIZENS, ['goal'], '目標');
    cluster(board, 'c-name', PILLAR_CITIZENS, ['paper'], '申請');
    const before = snapshotOf(board);
    cluster(board, 'c-new', PILLAR_CITIZENS, ['wait']);
    renameCluster(board, 'c-name', '申請の手間');
    // The old cluster's last note leaves it: it is no longer shown.
    const goal = storedNote(board, 'goal');
    const place = { ...(goal.get('place') as NotePlace) };
    delete place.clusterId;
    goal.set('place', place);

    const diff = diffBoards({ board: before }, { board });
    // An unnamed cluster is called by its first note, as the board shows it.
    expect(diff.clusters.added).toEqual([{ id: 'c-new', pillarId: PILLAR_CITIZENS, title: '窓口の待ち時間が長い' }]);
    expect(diff.clusters.removed).toEqual([{ id: 'c-old', pillarId: PILLAR_CITIZENS, title: '目標' }]);
    expect(diff.clusters.renamed).toEqual([
      { id: 'c-name', pillarId: PILLAR_CITIZENS, before: '申請', after: '申請の手間' },
    ]);
    const fields = Object.fromEntries(diff.notes.changed.map((c) => [c.id, c.fields]));
    expect(fields).toEqual({ wait: ['cluster'], goal: ['cluster'] });
  });

  it('orders entries by pillar (later side first), then lane, and knows pillars of both sides', () => {
    const settings = newSettings();
    const board = newBoard();
    const before = snapshotOf(board);
    const beforeSettings = snapshotOf(settings);
    add(board, { id: 'b', text: '業務の付箋', pillarId: PILLAR_EFFICIENCY });
    add(board, { id: 'i', text: '市民のアイデア', lane: 'idea' });
    add(board, { id: 'p', text: '市民の課題' });
    renamePillar(settings, PILLAR_CITIZENS, '市民サービス');
    const diff = diffBoards({ board: before, settings: beforeSettings }, { board, settings });
    expect(diff.notes.added.map((n) => n.id)).toEqual(['p', 'i', 'b']);
    expect(diff.pillars.map((p) => p.title)).toEqual(['市民サービス', '業務の効率化', '人材育成']);
  });

  it('lists initiatives added, moved to the trash and changed, naming what changed', () => {
    const board = boardWithNotes();
    const settings = newSettings();
    const make = (id: string, itemId: string) =>
      createInitiativeFromItem(board, settings, { id, itemId, personId: 'tanaka', roundNumber: null });
    make('kept', 'wait');
    make('dropped', 'paper');
    const before = snapshotOf(board);
    make('new', 'skills');
    deleteInitiative(board, 'dropped');
    setInitiativeText(board, 'kept', 'title', '窓口予約のオンライン化');
    setInitiativeText(board, 'kept', 'indicator', '平均待ち時間');
    setInitiativeFiscalYears(board, 'kept', [2022, 2023]);
    setInitiativeStatus(board, 'kept', 'considering');
    const diff = diffBoards({ board: before }, { board });
    expect(diff.initiatives.added.map((i) => i.title)).toEqual(['デジタル研修が足りない']);
    expect(diff.initiatives.removed.map((i) => i.title)).toEqual(['紙の申請書が多い']);
    expect(diff.initiatives.changed).toEqual([
      {
        id: 'kept',
        before: { id: 'kept', title: '窓口の待ち時間が長い', pillarId: PILLAR_CITIZENS },
        after: { id: 'kept', title: '窓口予約のオンライン化', pillarId: PILLAR_CITIZENS },
        fields: ['title', 'text', 'fiscalYears', 'status'],
      },
    ]);
    expect(isEmptyDiff(diff)).toBe(false);
    expect(isEmptyDiff(diffBoards({ board: snapshotOf(board) }, { board }))).toBe(true);
  });
});
