import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createBoardHistory } from '../../client/session/history.js';
import { groupNotes, listClusterMembers } from '../../shared/ops/clusters.js';
import { deleteNote, moveNote } from '../../shared/ops/notes.js';
import { acceptSuggestedGroup, type SuggestedGroupInput } from '../../shared/ops/suggestedGroup.js';
import { CLUSTER_TITLE_MAX } from '../../shared/records/cluster.js';
import { getNote, listLaneNotes, readClusters } from '../../shared/selectors.js';
import { add, contentOf, newBoard, PILLAR_CITIZENS, PILLAR_EFFICIENCY } from './fixtures.js';

/** Notes a1..a3 (problem) and g1 (goal) in 市民サービス, loose. */
function board(): Y.Doc {
  const doc = newBoard();
  add(doc, { id: 'a1', text: '押印のために出勤する' });
  add(doc, { id: 'a2', text: '紙の決裁が多い' });
  add(doc, { id: 'a3', text: '窓口の待ち時間が長い' });
  add(doc, { id: 'g1', text: 'ハンコをなくす', lane: 'goal' });
  return doc;
}

const input = (over: Partial<SuggestedGroupInput> = {}): SuggestedGroupInput => ({
  pillarId: PILLAR_CITIZENS,
  noteIds: ['a1', 'g1', 'a2'],
  title: ' 押印・決裁 ',
  newClusterId: 'c1',
  createdBy: 'tanaka',
  now: 7,
  ...over,
});

const memberIds = (doc: Y.Doc, id: string) => listClusterMembers(doc, id).map((n) => n.id);

describe('acceptSuggestedGroup', () => {
  it('makes one cluster of every note with the title, each note keeping its lane, in one transaction', () => {
    const doc = board();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const result = acceptSuggestedGroup(doc, input());
    expect(result).toEqual({ ok: true, value: { clusterId: 'c1', grouped: ['a1', 'g1', 'a2'], skipped: [] } });
    expect(transactions).toBe(1);
    expect(readClusters(doc).get('c1')).toMatchObject({ pillarId: PILLAR_CITIZENS, title: '押印・決裁' });
    expect(memberIds(doc, 'c1')).toEqual(['a1', 'a2', 'g1']);
    expect(getNote(doc, 'g1')?.place).toMatchObject({ lane: 'goal', clusterId: 'c1' });
    expect(listLaneNotes(doc, PILLAR_CITIZENS, 'problem').map((n) => n.id)).toEqual(['a3']);
  });

  it('is one undo step: undo puts every note back loose, redo groups them again', () => {
    const doc = board();
    const history = createBoardHistory(doc);
    acceptSuggestedGroup(doc, input());
    expect(history.undo()).toEqual({ kind: 'undone' });
    expect(memberIds(doc, 'c1')).toEqual([]);
    expect(listLaneNotes(doc, PILLAR_CITIZENS, 'problem').map((n) => n.id)).toEqual(['a1', 'a2', 'a3']);
    expect(history.canUndo.get()).toBe(false);
    expect(history.redo()).toBe(true);
    expect(memberIds(doc, 'c1')).toEqual(['a1', 'a2', 'g1']);
    history.destroy();
  });

  it('skips a note a colleague grouped meanwhile and never moves it out of its group', () => {
    const doc = board();
    groupNotes(doc, { noteId: 'a3', targetNoteId: 'a2', newClusterId: 'other', createdBy: 'sato' });
    const result = acceptSuggestedGroup(doc, input());
    expect(result).toEqual({ ok: true, value: { clusterId: 'c1', grouped: ['a1', 'g1'], skipped: ['a2'] } });
    expect(memberIds(doc, 'other')).toEqual(['a2', 'a3']);
    expect(memberIds(doc, 'c1')).toEqual(['a1', 'g1']);
  });

  it('skips a deleted note and a note moved to another pillar', () => {
    const doc = board();
    deleteNote(doc, 'a2');
    moveNote(doc, 'a3', { pillarId: PILLAR_EFFICIENCY, lane: 'problem', index: 0 });
    const result = acceptSuggestedGroup(doc, input({ noteIds: ['a1', 'a2', 'a3', 'g1', 'missing'] }));
    expect(result.ok && result.value).toEqual({
      clusterId: 'c1',
      grouped: ['a1', 'g1'],
      skipped: ['a2', 'a3', 'missing'],
    });
  });

  it('refuses, changing nothing, when fewer than two notes are left, a title too long or a taken id', () => {
    const doc = board();
    groupNotes(doc, { noteId: 'a2', targetNoteId: 'a3', newClusterId: 'other', createdBy: 'sato' });
    const before = contentOf(doc);
    expect(acceptSuggestedGroup(doc, input({ noteIds: ['a1', 'a2'] }))).toEqual({
      ok: false,
      error: 'suggestionTooFew',
    });
    expect(acceptSuggestedGroup(doc, input({ noteIds: ['a1', 'a1'] }))).toEqual({
      ok: false,
      error: 'suggestionTooFew',
    });
    expect(acceptSuggestedGroup(doc, input({ title: 'あ'.repeat(CLUSTER_TITLE_MAX + 1) }))).toEqual({
      ok: false,
      error: 'titleTooLong',
    });
    expect(acceptSuggestedGroup(doc, input({ newClusterId: 'other' }))).toEqual({ ok: false, error: 'clusterExists' });
    expect(contentOf(doc)).toBe(before);
  });
});
