import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardHistory } from '../../client/session/history.js';
import { boardRoots } from '../../shared/docs.js';
import { listItems } from '../../shared/items.js';
import { addToCluster, groupNotes } from '../../shared/ops/clusters.js';
import { renameCluster } from '../../shared/ops/clusterTitle.js';
import {
  applyInitiativeTextChanges,
  createInitiativeFromItem,
  deleteInitiative,
  setInitiativeStatus,
  setInitiativeText,
} from '../../shared/ops/initiatives.js';
import { addNote, applyNoteTextChange } from '../../shared/ops/notes.js';
import { readInitiatives } from '../../shared/records/initiative.js';
import { getNote, listNotes, readClusters } from '../../shared/selectors.js';
import { newSettings } from './fixtures.js';

const note = (id: string, text: string) => ({ id, pillarId: 'p', lane: 'problem' as const, text, author: 'me' });
const type = (doc: Y.Doc, id: string, at: number, insert: string) =>
  applyNoteTextChange(doc, id, { index: at, deleteCount: 0, insert });

describe('the board history (undo / redo of one’s own changes)', () => {
  it('keeps adding a note and typing in it as two steps, and typing in one text as one', () => {
    const doc = new Y.Doc();
    const history = createBoardHistory(doc);
    addNote(doc, note('a', '窓口'));
    type(doc, 'a', 2, 'が');
    type(doc, 'a', 3, '混む');
    expect(getNote(doc, 'a')?.text).toBe('窓口が混む');
    expect(history.undo()).toEqual({ kind: 'undone' });
    expect(getNote(doc, 'a')?.text).toBe('窓口');
    expect(history.redo()).toBe(true);
    expect(getNote(doc, 'a')?.text).toBe('窓口が混む');
    history.undo();
    // Undoing the creation moves the note to the trash: it is never erased.
    expect(history.undo()).toEqual({ kind: 'trashed', noteIds: ['a'], initiativeIds: [] });
    expect(getNote(doc, 'a')).toMatchObject({ text: '窓口' });
    expect(getNote(doc, 'a')?.deletedAt).not.toBeNull();
    expect(history.undo()).toEqual({ kind: 'nothing' });
    history.destroy();
  });

  it('makes typing in another note a new step', () => {
    const doc = new Y.Doc();
    addNote(doc, note('a', 'A'));
    addNote(doc, note('b', 'B'));
    const history = createBoardHistory(doc);
    type(doc, 'a', 1, '1');
    type(doc, 'b', 1, '2');
    history.undo();
    expect([getNote(doc, 'a')?.text, getNote(doc, 'b')?.text]).toEqual(['A1', 'B']);
    history.destroy();
  });

  it('never undoes a colleague’s change', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    const history = createBoardHistory(mine);
    addNote(mine, note('a', '私の付箋'));
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    addNote(theirs, note('b', '同僚の付箋'));
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs), 'remote');
    // Mine goes to the trash; the colleague's note is untouched.
    expect(history.undo()).toEqual({ kind: 'trashed', noteIds: ['a'], initiativeIds: [] });
    expect(
      listNotes(mine)
        .filter((n) => n.deletedAt === null)
        .map((n) => n.text),
    ).toEqual(['同僚の付箋']);
    expect(history.undo()).toEqual({ kind: 'nothing' });
    history.destroy();
  });

  it('never erases a note a colleague typed into when its creation is undone', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    const history = createBoardHistory(mine);
    addNote(mine, note('a', '窓口'));
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    type(theirs, 'a', 2, 'が混む');
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs), 'remote');
    history.undo();
    expect(getNote(mine, 'a')).toMatchObject({ text: '窓口が混む' });
    expect(getNote(mine, 'a')?.deletedAt).not.toBeNull();
    history.destroy();
  });

  it('undoes a grouping without deleting the cluster a colleague has named and added to', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    for (const id of ['n1', 'n2', 'n3']) addNote(mine, note(id, id));
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    const history = createBoardHistory(mine);
    groupNotes(mine, { noteId: 'n1', targetNoteId: 'n2', newClusterId: 'c', createdBy: 'me' });
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    renameCluster(theirs, 'c', '窓口のDX');
    addToCluster(theirs, 'n3', 'c');
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs), 'remote');
    expect(history.undo()).toEqual({ kind: 'undone' });
    expect(readClusters(mine).get('c')?.title).toBe('窓口のDX');
    const cluster = listItems(mine).find((item) => item.id === 'c');
    expect(cluster?.kind === 'cluster' && cluster.notes.map((n) => n.id)).toEqual(['n3']);
    history.destroy();
  });

  it('moves an initiative to the trash when its creation is undone, keeping what a colleague typed into it', () => {
    const settings = newSettings();
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    addNote(mine, { ...note('n', '窓口が混む'), pillarId: 'p1' });
    const history = createBoardHistory(mine);
    createInitiativeFromItem(mine, settings, { id: 'i', itemId: 'n', personId: 'me', roundNumber: null });
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    setInitiativeText(theirs, 'i', 'content', 'オンライン予約を導入する');
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs), 'remote');
    expect(history.undo()).toEqual({ kind: 'trashed', noteIds: [], initiativeIds: ['i'] });
    const [initiative] = readInitiatives(mine);
    expect(initiative?.deletedAt).not.toBeNull();
    expect(initiative?.fields.content).toBe('オンライン予約を導入する');
    expect(initiative?.fields.title).toBe('窓口が混む');
    history.destroy();
  });

  it('undoes and redoes one’s own edits of an initiative', () => {
    const settings = newSettings();
    const doc = new Y.Doc();
    addNote(doc, { ...note('n', '窓口が混む'), pillarId: 'p1' });
    createInitiativeFromItem(doc, settings, { id: 'i', itemId: 'n', personId: 'me', roundNumber: null });
    const history = createBoardHistory(doc);
    setInitiativeStatus(doc, 'i', 'decided');
    expect(history.undo()).toEqual({ kind: 'undone' });
    expect(readInitiatives(doc)[0]?.status).toBe('draft');
    expect(history.redo()).toBe(true);
    expect(readInitiatives(doc)[0]?.status).toBe('decided');
    history.destroy();
  });

  it('undoes typing in an initiative, not an older step elsewhere', () => {
    const settings = newSettings();
    const doc = new Y.Doc();
    addNote(doc, { ...note('n', '窓口が混む'), pillarId: 'p1' });
    addNote(doc, { ...note('m', '紙が多い'), pillarId: 'p1' });
    createInitiativeFromItem(doc, settings, { id: 'i', itemId: 'n', personId: 'me', roundNumber: null });
    const history = createBoardHistory(doc);
    type(doc, 'm', 4, '！');
    applyInitiativeTextChanges(doc, 'i', 'content', [{ index: 0, deleteCount: 0, insert: 'オンライン予約' }]);
    expect(history.undo()).toEqual({ kind: 'undone' });
    expect(readInitiatives(doc)[0]?.fields.content).toBe('');
    expect(getNote(doc, 'm')?.text).toBe('紙が多い！');
    expect(history.redo()).toBe(true);
    expect(readInitiatives(doc)[0]?.fields.content).toBe('オンライン予約');
    history.destroy();
  });

  it('takes an initiative back out of the trash when its deletion is undone', () => {
    const settings = newSettings();
    const doc = new Y.Doc();
    addNote(doc, { ...note('n', '窓口が混む'), pillarId: 'p1' });
    createInitiativeFromItem(doc, settings, { id: 'i', itemId: 'n', personId: 'me', roundNumber: null });
    const history = createBoardHistory(doc);
    type(doc, 'n', 5, '！');
    deleteInitiative(doc, 'i');
    expect(history.undo()).toEqual({ kind: 'undone' });
    expect(readInitiatives(doc)[0]?.deletedAt).toBeNull();
    expect(getNote(doc, 'n')?.text).toBe('窓口が混む！');
    history.destroy();
  });

  it('undoes renaming a group', () => {
    const doc = new Y.Doc();
    for (const id of ['n1', 'n2']) addNote(doc, note(id, id));
    groupNotes(doc, { noteId: 'n1', targetNoteId: 'n2', newClusterId: 'c', createdBy: 'me' });
    const history = createBoardHistory(doc);
    renameCluster(doc, 'c', '窓口のDX');
    expect(history.undo()).toEqual({ kind: 'undone' });
    expect(readClusters(doc).get('c')?.title).toBe('');
    history.destroy();
  });

  it('goes past a step a colleague already took back to the creation below, judged as a creation', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    const sync = () => {
      Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine), 'remote');
      Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs), 'remote');
    };
    addNote(mine, note('a', 'A'), 'remote');
    const history = createBoardHistory(mine);
    addNote(mine, note('b', '私の付箋'));
    type(mine, 'a', 1, 'xyz');
    sync();
    // The colleague deletes what I typed: my typing step now changes nothing.
    (boardRoots.notes(theirs).get('a') as Y.Map<Y.Text>).get('text')?.delete(1, 3);
    sync();
    expect(history.undo()).toEqual({ kind: 'trashed', noteIds: ['b'], initiativeIds: [] });
    expect(getNote(mine, 'b')).toMatchObject({ text: '私の付箋', place: { pillarId: 'p', lane: 'problem' } });
    expect(getNote(mine, 'b')?.deletedAt).not.toBeNull();
    expect(history.undo()).toEqual({ kind: 'nothing' });
    history.destroy();
  });
});
