import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs.js';
import { listItems, resolveItems } from '../../shared/items.js';
import { deleteNote } from '../../shared/ops/notes.js';
import type { NotePlace } from '../../shared/records/note.js';
import {
  NO_PRIVATE_VOTING_STATE,
  type RoundTotal,
  rankTotals,
  readPrivateVotingState,
} from '../../shared/records/voting.js';
import { type BallotRow, ownBallot, pruneBallot, tallyRound } from '../../shared/votingTally.js';
import { add, newBoard, PILLAR_CITIZENS, PILLAR_EFFICIENCY } from './fixtures.js';

const total = (itemId: string, count: number, label = itemId): RoundTotal => ({
  itemId,
  kind: 'note',
  pillarId: PILLAR_CITIZENS,
  label,
  count,
});

function cluster(doc: Y.Doc, id: string, noteIds: string[], title = ''): void {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('title', new Y.Text(title));
    map.set('pillarId', PILLAR_CITIZENS);
    map.set('order', 'a0');
    boardRoots.clusters(doc).set(id, map);
    for (const noteId of noteIds) {
      const note = boardRoots.notes(doc).get(noteId) as Y.Map<unknown>;
      note.set('place', { ...(note.get('place') as NotePlace), clusterId: id });
    }
  });
}

const rows = (personId: string, dots: Record<string, number>): BallotRow[] =>
  Object.entries(dots).map(([itemId, n]) => ({ personId, itemId, dots: n }));

describe('rankTotals', () => {
  it('ranks by count with ties sharing a rank and the next rank skipping (1, 1, 3)', () => {
    const ranked = rankTotals([total('c', 1), total('a', 3), total('b', 3), total('d', 0)]);
    expect(ranked.map((r) => [r.itemId, r.rank, r.tied])).toEqual([
      ['a', 1, true],
      ['b', 1, true],
      ['c', 3, false],
      ['d', 4, false],
    ]);
  });

  it('lists tied items by label in Japanese order, then by id', () => {
    const ranked = rankTotals([total('x2', 2, 'い'), total('x1', 2, 'あ'), total('x0', 2, 'あ')]);
    expect(ranked.map((r) => r.itemId)).toEqual(['x0', 'x1', 'x2']);
  });
});

describe('tallyRound and ownBallot', () => {
  it('counts dots on clustered notes for their cluster, caps per person, and skips deleted notes', () => {
    const doc = newBoard();
    for (const id of ['n1', 'n2', 'n3', 'n4']) add(doc, { id, text: `本文 ${id}` });
    add(doc, { id: 'e1', text: '効率', pillarId: PILLAR_EFFICIENCY });
    cluster(doc, 'k1', ['n1', 'n2'], '窓口');
    deleteNote(doc, 'n4');
    const resolved = resolveItems(listItems(doc));
    const ballots = [
      ...rows('alice', { n1: 2, n2: 1, n4: 1 }),
      ...rows('bob', { k1: 1, e1: 1 }),
      ...rows('carol', { n4: 2 }),
    ];
    const { totals, voters } = tallyRound(ballots, resolved, 2);
    expect(totals.map((t) => [t.itemId, t.kind, t.pillarId, t.label, t.count])).toEqual([
      ['k1', 'cluster', PILLAR_CITIZENS, '窓口', 3],
      ['e1', 'note', PILLAR_EFFICIENCY, '効率', 1],
    ]);
    // Carol's only dots were on a deleted note: she counts as no voter.
    expect(voters).toBe(2);
    expect(ownBallot(rows('alice', { n1: 2, n2: 1, n4: 1 }), resolved, 2)).toEqual({
      dots: { k1: 2 },
      used: 2,
      returned: 2,
    });
  });

  it('prunes a ballot to what counts: rows on vanished ids go, dots over the cap come off', () => {
    const doc = newBoard();
    for (const id of ['n1', 'n2', 'n3']) add(doc, { id, text: id });
    cluster(doc, 'k1', ['n1', 'n2']);
    const resolved = resolveItems(listItems(doc));
    const changes = pruneBallot(rows('a', { gone: 1, n1: 1, n2: 2, n3: 1 }), resolved, 2);
    expect(changes).toEqual([
      { personId: 'a', itemId: 'gone', dots: 0 },
      { personId: 'a', itemId: 'n2', dots: 1 },
    ]);
    expect(pruneBallot(rows('a', { n1: 1, n3: 1 }), resolved, null)).toEqual([]);
  });
});

describe('readPrivateVotingState', () => {
  it('reads what the server sends and treats anything malformed as nothing known', () => {
    const state = { round: 2, canVote: true, dots: { a: 1, b: -1 }, used: 1, returned: 0, voters: null };
    expect(readPrivateVotingState(state)).toEqual({ ...state, dots: { a: 1 } });
    expect(readPrivateVotingState('x')).toEqual(NO_PRIVATE_VOTING_STATE);
  });
});
