import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs.js';
import { itemLabel, listItems, resolveItem } from '../../shared/items.js';
import {
  addToCluster,
  dissolveCluster,
  groupNotes,
  leaveCluster,
  listClusterMembers,
  listPillarClusters,
  moveCluster,
  setClusterCollapsed,
  undoDissolve,
} from '../../shared/ops/clusters.js';
import { applyClusterTitleChanges, renameCluster } from '../../shared/ops/clusterTitle.js';
import { placeOnMatrix } from '../../shared/ops/matrix.js';
import { addNote, deleteNote, moveNote, restoreNote } from '../../shared/ops/notes.js';
import { markShortlisted } from '../../shared/ops/shortlist.js';
import { itemMarks, itemPositions } from '../../shared/prioritizing.js';
import { CLUSTER_TITLE_MAX } from '../../shared/records/cluster.js';
import { readMatrixPositions } from '../../shared/records/matrix.js';
import { readShortlist } from '../../shared/records/shortlist.js';
import { getNote, listLaneNotes, readClusters } from '../../shared/selectors.js';
import { expectEveryNoteShownOnce, pillarsOf } from '../convergence/peers.js';
import { add, contentOf, newBoard, newSettings, PILLAR_CITIZENS, PILLAR_EFFICIENCY, storedNote } from './fixtures.js';

const pillars = pillarsOf(newSettings());
const content = (doc: Y.Doc) => `${contentOf(doc)}${JSON.stringify(doc.getMap('clusters').toJSON())}`;

/** A board with notes a1..a3 (problem), g1 (goal) in 市民サービス and e1 (idea) in 業務の効率化. */
function board(): Y.Doc {
  const doc = newBoard();
  add(doc, { id: 'a1', text: '窓口の待ち時間が長い' });
  add(doc, { id: 'a2', text: '申請書が紙のみ' });
  add(doc, { id: 'a3', text: '何度も同じことを書く' });
  add(doc, { id: 'g1', text: 'スマホで手続き', lane: 'goal' });
  add(doc, { id: 'e1', text: 'RPAで自動化', pillarId: PILLAR_EFFICIENCY, lane: 'idea' });
  return doc;
}

function group(doc: Y.Doc, noteId: string, targetNoteId: string, newClusterId = 'c1') {
  const result = groupNotes(doc, { noteId, targetNoteId, newClusterId, createdBy: 'tanaka', now: 7 });
  if (!result.ok) throw new Error(`groupNotes refused: ${result.error}`);
  return result.value;
}

const memberIds = (doc: Y.Doc, clusterId: string) => listClusterMembers(doc, clusterId).map((n) => n.id);
const laneIds = (doc: Y.Doc, pillarId: string, lane: 'problem' | 'goal' | 'idea') =>
  listLaneNotes(doc, pillarId, lane).map((n) => n.id);

describe('groupNotes', () => {
  it('makes a cluster of two notes in the target’s pillar; both keep their lane and leave the lane lists', () => {
    const doc = board();
    expect(group(doc, 'g1', 'a1')).toBe('c1');
    const cluster = readClusters(doc).get('c1')!;
    expect(cluster).toMatchObject({ pillarId: PILLAR_CITIZENS, title: '', collapsed: false, createdBy: 'tanaka' });
    expect(cluster.ytitle).toBeInstanceOf(Y.Text);
    expect(getNote(doc, 'a1')?.place).toMatchObject({ lane: 'problem', clusterId: 'c1' });
    expect(getNote(doc, 'g1')?.place).toMatchObject({ lane: 'goal', clusterId: 'c1' });
    // Display order inside the cluster: 課題 before 達成目標, whichever was dropped.
    expect(memberIds(doc, 'c1')).toEqual(['a1', 'g1']);
    expect(laneIds(doc, PILLAR_CITIZENS, 'problem')).toEqual(['a2', 'a3']);
    expect(laneIds(doc, PILLAR_CITIZENS, 'goal')).toEqual([]);
    expectEveryNoteShownOnce(doc, pillars);
  });

  it('shows an unnamed cluster as its first note, as an item with both notes', () => {
    const doc = board();
    group(doc, 'a2', 'a1');
    const item = listItems(doc).find((i) => i.id === 'c1')!;
    expect(itemLabel(item)).toBe('窓口の待ち時間が長い');
    expect(resolveItem(doc, 'a2')?.id).toBe('c1');
  });

  it('puts a note dropped onto a clustered note into that cluster, not into a new one', () => {
    const doc = board();
    group(doc, 'a2', 'a1');
    expect(groupNotes(doc, { noteId: 'a3', targetNoteId: 'a2', newClusterId: 'c2', createdBy: 'x' })).toEqual({
      ok: true,
      value: 'c1',
    });
    expect(boardRoots.clusters(doc).has('c2')).toBe(false);
    expect(memberIds(doc, 'c1')).toEqual(['a1', 'a2', 'a3']);
  });

  it('moves a note from another pillar into the cluster’s pillar, keeping its lane', () => {
    const doc = board();
    group(doc, 'e1', 'a1');
    expect(getNote(doc, 'e1')?.place).toMatchObject({ pillarId: PILLAR_CITIZENS, lane: 'idea', clusterId: 'c1' });
    expect(laneIds(doc, PILLAR_EFFICIENCY, 'idea')).toEqual([]);
    expectEveryNoteShownOnce(doc, pillars);
  });

  it('takes a member dropped onto a loose note out of its cluster into a new one', () => {
    const doc = board();
    group(doc, 'a2', 'a1', 'c1');
    group(doc, 'a2', 'a3', 'c2');
    expect(memberIds(doc, 'c1')).toEqual(['a1']);
    expect(memberIds(doc, 'c2')).toEqual(['a3', 'a2']); // the dropped note after the target
    expectEveryNoteShownOnce(doc, pillars);
  });

  it('refuses a note grouped with itself, a missing or deleted note, an unplaced target and a taken id, changing nothing', () => {
    const doc = board();
    deleteNote(doc, 'a3');
    storedNote(doc, 'g1').set('place', 'bad'); // another tool wrote an invalid place: g1 is unplaced
    group(doc, 'a2', 'a1', 'taken');
    const before = content(doc);
    const attempt = (noteId: string, targetNoteId: string, newClusterId = 'cx') =>
      groupNotes(doc, { noteId, targetNoteId, newClusterId, createdBy: 'x' });
    expect(attempt('a1', 'a1')).toEqual({ ok: false, error: 'clusterSameNote' });
    expect(attempt('nope', 'a1')).toEqual({ ok: false, error: 'noteNotFound' });
    expect(attempt('a1', 'a3')).toEqual({ ok: false, error: 'noteNotFound' });
    expect(attempt('e1', 'g1')).toEqual({ ok: false, error: 'noteUnplaced' });
    expect(attempt('e1', 'a2')).toEqual({ ok: true, value: 'taken' }); // joins, the new id is not used
    const afterJoin = content(doc);
    moveNote(doc, 'e1', { pillarId: PILLAR_EFFICIENCY, lane: 'idea', index: 0 });
    expect(attempt('a3', 'e1', 'taken')).toEqual({ ok: false, error: 'noteNotFound' });
    restoreNote(doc, 'a3');
    const restored = content(doc);
    expect(attempt('a3', 'e1', 'taken')).toEqual({ ok: false, error: 'clusterExists' });
    expect(content(doc)).toBe(restored);
    expect(before).not.toBe(afterJoin);
  });
});

describe('addToCluster and leaveCluster', () => {
  it('adds a note at the end of its lane’s members; adding it again changes nothing', () => {
    const doc = board();
    group(doc, 'a2', 'a1');
    expect(addToCluster(doc, 'a3', 'c1')).toEqual({ ok: true, value: 'c1' });
    expect(memberIds(doc, 'c1')).toEqual(['a1', 'a2', 'a3']);
    const before = content(doc);
    expect(addToCluster(doc, 'a3', 'c1')).toEqual({ ok: true, value: 'c1' });
    expect(content(doc)).toBe(before);
    expect(addToCluster(doc, 'a3', 'missing')).toEqual({ ok: false, error: 'clusterNotFound' });
    expect(content(doc)).toBe(before);
  });

  it('takes a note out to the end of its own lane in the cluster’s pillar, or to a chosen place', () => {
    const doc = board();
    group(doc, 'e1', 'a1');
    group(doc, 'a2', 'a1');
    expect(leaveCluster(doc, 'e1')).toEqual({ ok: true, value: null });
    expect(getNote(doc, 'e1')?.place).toMatchObject({ pillarId: PILLAR_CITIZENS, lane: 'idea' });
    expect(getNote(doc, 'e1')?.place?.clusterId).toBeUndefined();
    expect(leaveCluster(doc, 'a2', { pillarId: PILLAR_EFFICIENCY, lane: 'goal', index: 0 }).ok).toBe(true);
    expect(laneIds(doc, PILLAR_EFFICIENCY, 'goal')).toEqual(['a2']);
    expect(memberIds(doc, 'c1')).toEqual(['a1']);
    expect(leaveCluster(doc, 'a3')).toEqual({ ok: false, error: 'noteNotInCluster' });
  });

  it('dissolves a cluster whose last note leaves, is deleted or is dragged to a lane; a restore brings it back', () => {
    const doc = board();
    group(doc, 'a2', 'a1');
    renameCluster(doc, 'c1', '窓口');
    leaveCluster(doc, 'a2');
    expect(listPillarClusters(doc, PILLAR_CITIZENS).map((c) => c.id)).toEqual(['c1']);
    deleteNote(doc, 'a1');
    expect(listPillarClusters(doc, PILLAR_CITIZENS)).toEqual([]);
    expect(resolveItem(doc, 'c1')).toBeNull();
    expectEveryNoteShownOnce(doc, pillars);
    restoreNote(doc, 'a1');
    expect(memberIds(doc, 'c1')).toEqual(['a1']);
    expect(readClusters(doc).get('c1')?.title).toBe('窓口');
    moveNote(doc, 'a1', { pillarId: PILLAR_CITIZENS, lane: 'goal', index: 0 });
    expect(listPillarClusters(doc, PILLAR_CITIZENS)).toEqual([]);
    expect(laneIds(doc, PILLAR_CITIZENS, 'goal')).toEqual(['a1', 'g1']);
  });

  it('lets a note join a cluster that is no longer shown, which brings it back with its title', () => {
    const doc = board();
    group(doc, 'a2', 'a1');
    renameCluster(doc, 'c1', '書類');
    dissolveCluster(doc, 'c1');
    expect(listPillarClusters(doc, PILLAR_CITIZENS)).toEqual([]);
    addToCluster(doc, 'a3', 'c1');
    expect(itemLabel(listPillarClusters(doc, PILLAR_CITIZENS)[0]!)).toBe('書類');
  });
});

describe('renameCluster', () => {
  it('edits the title with the smallest change, trims it, and an empty title makes it unnamed again', () => {
    const doc = board();
    group(doc, 'a2', 'a1');
    const deltas: unknown[] = [];
    readClusters(doc)
      .get('c1')!
      .ytitle!.observe((event) => deltas.push(event.delta));
    expect(renameCluster(doc, 'c1', ' 窓口の改善 ')).toEqual({ ok: true, value: null });
    expect(renameCluster(doc, 'c1', '窓口の大改善')).toEqual({ ok: true, value: null });
    expect(deltas.at(-1)).toEqual([{ retain: 3 }, { insert: '大' }]);
    expect(readClusters(doc).get('c1')?.title).toBe('窓口の大改善');
    renameCluster(doc, 'c1', '   ');
    expect(itemLabel(listPillarClusters(doc, PILLAR_CITIZENS)[0]!)).toBe('窓口の待ち時間が長い');
  });

  it('refuses a title over the limit and an unknown cluster, changing nothing', () => {
    const doc = board();
    group(doc, 'a2', 'a1');
    renameCluster(doc, 'c1', 'a');
    const before = content(doc);
    expect(renameCluster(doc, 'c1', 'あ'.repeat(CLUSTER_TITLE_MAX + 1))).toEqual({ ok: false, error: 'titleTooLong' });
    expect(
      applyClusterTitleChanges(doc, 'c1', [{ index: 1, deleteCount: 0, insert: 'x'.repeat(CLUSTER_TITLE_MAX) }]),
    ).toEqual({ ok: false, error: 'titleTooLong' });
    expect(renameCluster(doc, 'nope', 'x')).toEqual({ ok: false, error: 'clusterNotFound' });
    expect(content(doc)).toBe(before);
    expect(renameCluster(doc, 'c1', 'あ'.repeat(CLUSTER_TITLE_MAX)).ok).toBe(true);
  });

  it('lets a title merged past the limit be shortened, but not lengthened', () => {
    const doc = board();
    group(doc, 'a2', 'a1');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    renameCluster(doc, 'c1', 'あ'.repeat(CLUSTER_TITLE_MAX - 1));
    renameCluster(other, 'c1', 'い'.repeat(CLUSTER_TITLE_MAX - 1));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    // What is stored, past the limit (what is shown is cut at the limit).
    const storedLength = () => readClusters(doc).get('c1')!.ytitle!.length;
    const merged = storedLength();
    expect(merged).toBeGreaterThan(CLUSTER_TITLE_MAX);
    expect(applyClusterTitleChanges(doc, 'c1', [{ index: 0, deleteCount: 1, insert: '' }]).ok).toBe(true);
    expect(storedLength()).toBe(merged - 1);
    expect(applyClusterTitleChanges(doc, 'c1', [{ index: 0, deleteCount: 0, insert: 'x' }])).toEqual({
      ok: false,
      error: 'titleTooLong',
    });
  });

  it('turns a plain-string title written by another tool into a collaborative one', () => {
    const doc = board();
    group(doc, 'a2', 'a1');
    (boardRoots.clusters(doc).get('c1') as Y.Map<unknown>).set('title', '外部');
    expect(renameCluster(doc, 'c1', '外部ツール').ok).toBe(true);
    expect((boardRoots.clusters(doc).get('c1') as Y.Map<unknown>).get('title')).toBeInstanceOf(Y.Text);
    expect(readClusters(doc).get('c1')?.title).toBe('外部ツール');
  });
});

describe('setClusterCollapsed and moveCluster', () => {
  it('folds and unfolds a cluster', () => {
    const doc = board();
    group(doc, 'a2', 'a1');
    setClusterCollapsed(doc, 'c1', true);
    expect(readClusters(doc).get('c1')?.collapsed).toBe(true);
    setClusterCollapsed(doc, 'c1', false);
    expect(readClusters(doc).get('c1')?.collapsed).toBe(false);
    expect(setClusterCollapsed(doc, 'x', true)).toEqual({ ok: false, error: 'clusterNotFound' });
  });

  it('reorders clusters within a pillar', () => {
    const doc = board();
    group(doc, 'a2', 'a1', 'c1');
    group(doc, 'g1', 'a3', 'c2');
    expect(listPillarClusters(doc, PILLAR_CITIZENS).map((c) => c.id)).toEqual(['c1', 'c2']);
    moveCluster(doc, 'c2', { pillarId: PILLAR_CITIZENS, index: 0 });
    expect(listPillarClusters(doc, PILLAR_CITIZENS).map((c) => c.id)).toEqual(['c2', 'c1']);
  });

  it('moves a cluster to another pillar with its notes (deleted members included), which stay clustered', () => {
    const doc = board();
    group(doc, 'a2', 'a1');
    addToCluster(doc, 'g1', 'c1');
    deleteNote(doc, 'g1');
    expect(moveCluster(doc, 'c1', { pillarId: PILLAR_EFFICIENCY, index: 0 })).toEqual({ ok: true, value: null });
    expect(listPillarClusters(doc, PILLAR_EFFICIENCY).map((c) => c.id)).toEqual(['c1']);
    for (const id of ['a1', 'a2', 'g1']) {
      expect(getNote(doc, id)?.place).toMatchObject({ pillarId: PILLAR_EFFICIENCY, clusterId: 'c1' });
    }
    expectEveryNoteShownOnce(doc, pillars);
    expect(moveCluster(doc, 'c1', { pillarId: '', index: 0 })).toEqual({ ok: false, error: 'pillarNotFound' });
  });
});

describe('dissolveCluster and undoDissolve', () => {
  it('puts every member at the end of its own lane, in the cluster’s order, keeping the record', () => {
    const doc = board();
    group(doc, 'a1', 'a3');
    addToCluster(doc, 'g1', 'c1');
    addToCluster(doc, 'e1', 'c1');
    renameCluster(doc, 'c1', '窓口');
    const result = dissolveCluster(doc, 'c1');
    expect(result.ok && result.value.map((m) => m.noteId)).toEqual(['a3', 'a1', 'g1', 'e1']);
    expect(laneIds(doc, PILLAR_CITIZENS, 'problem')).toEqual(['a2', 'a3', 'a1']);
    expect(laneIds(doc, PILLAR_CITIZENS, 'goal')).toEqual(['g1']);
    expect(laneIds(doc, PILLAR_CITIZENS, 'idea')).toEqual(['e1']);
    expect(readClusters(doc).get('c1')?.title).toBe('窓口');
    expect(listPillarClusters(doc, PILLAR_CITIZENS)).toEqual([]);
    expectEveryNoteShownOnce(doc, pillars);
    expect(dissolveCluster(doc, 'nope')).toEqual({ ok: false, error: 'clusterNotFound' });
  });

  it('takes a deleted member out too, so restoring it does not bring the cluster back', () => {
    const doc = board();
    group(doc, 'a2', 'a1');
    deleteNote(doc, 'a2');
    dissolveCluster(doc, 'c1');
    restoreNote(doc, 'a2');
    expect(listPillarClusters(doc, PILLAR_CITIZENS)).toEqual([]);
    expect(laneIds(doc, PILLAR_CITIZENS, 'problem')).toContain('a2');
  });

  it('undo puts the notes back into the cluster, except one moved since', () => {
    const doc = board();
    group(doc, 'a2', 'a1');
    addToCluster(doc, 'a3', 'c1');
    const result = dissolveCluster(doc, 'c1');
    if (!result.ok) throw new Error(result.error);
    moveNote(doc, 'a3', { pillarId: PILLAR_EFFICIENCY, lane: 'goal', index: 0 });
    expect(undoDissolve(doc, result.value)).toEqual({ ok: true, value: 2 });
    expect(memberIds(doc, 'c1')).toEqual(['a1', 'a2']);
    expect(laneIds(doc, PILLAR_EFFICIENCY, 'goal')).toEqual(['a3']);
    expectEveryNoteShownOnce(doc, pillars);
  });
});

describe('a cluster keeps the matrix place and shortlist mark its notes brought', () => {
  it('keeps them when the note that brought them is deleted, and the note keeps its own', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b']) addNote(doc, { id, pillarId: 'p', lane: 'problem', text: id, author: 'x' });
    placeOnMatrix(doc, 'a', { x: 0.8, y: 0.9 });
    markShortlisted(doc, 'a', 'x');
    groupNotes(doc, { noteId: 'b', targetNoteId: 'a', newClusterId: 'c', createdBy: 'x' });
    deleteNote(doc, 'a'); // a duplicate, removed
    const items = listItems(doc);
    expect(itemPositions(items, readMatrixPositions(doc)).get('c')).toEqual({ x: 0.8, y: 0.9 });
    expect(itemMarks(items, readShortlist(doc)).has('c')).toBe(true);
    // The note keeps its own entries: restored and taken out, it is where it was.
    expect(boardRoots.matrix(doc).get('a')).toEqual({ x: 0.8, y: 0.9 });
  });
});
