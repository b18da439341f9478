import { describe, expect, it } from 'vitest';
import { groupNotes, listClusterMembers } from '../../shared/ops/clusters.js';
import { acceptSuggestedGroup } from '../../shared/ops/suggestedGroup.js';
import { getNote } from '../../shared/selectors.js';
import { add, newBoard, newSettings, PILLAR_CITIZENS } from '../unit/fixtures.js';
import { BOARD_ROOTS, exchangeAll, expectConverged, expectEveryNoteShownOnce, makePeers, pillarsOf } from './peers.js';

const pillars = pillarsOf(newSettings());
const reversed = <T>(items: T[]) => [...items].reverse();

/** Peers of a board with loose notes n1..n4 (課題 of 市民サービス). */
function sharedBoard(count: number) {
  const start = newBoard();
  for (const id of ['n1', 'n2', 'n3', 'n4']) add(start, { id, text: `付箋 ${id}` });
  return makePeers(count, start);
}

const accept = (doc: Parameters<typeof acceptSuggestedGroup>[0], noteIds: string[], clusterId: string) =>
  acceptSuggestedGroup(doc, {
    pillarId: PILLAR_CITIZENS,
    noteIds,
    title: clusterId,
    newClusterId: clusterId,
    createdBy: clusterId,
  });

describe('accepting suggested groups concurrently', () => {
  const orders = [
    ['in order', <T>(items: T[]) => items],
    ['reversed', reversed],
  ] as const;
  for (const [name, order] of orders) {
    it(`leaves every note in exactly one group when two people accept overlapping suggestions (${name})`, () => {
      const [a, b] = sharedBoard(2);
      expect(accept(a!.doc, ['n1', 'n2', 'n3'], 'ca').ok).toBe(true);
      expect(accept(b!.doc, ['n2', 'n3', 'n4'], 'cb').ok).toBe(true);
      exchangeAll([a!, b!], order);
      expectConverged([a!, b!], BOARD_ROOTS);
      const shown = expectEveryNoteShownOnce(a!.doc, pillars);
      expect(shown.size).toBe(4);
      const members = [...listClusterMembers(a!.doc, 'ca'), ...listClusterMembers(a!.doc, 'cb')].map((n) => n.id);
      expect(members.sort()).toEqual(['n1', 'n2', 'n3', 'n4']);
    });
  }

  it('never takes a note out of the group a colleague put it in before the acceptance arrived', () => {
    const [a, b] = sharedBoard(2);
    groupNotes(a!.doc, { noteId: 'n2', targetNoteId: 'n1', newClusterId: 'hand', createdBy: 'a' });
    exchangeAll([a!, b!]);
    // b's panel still shows the older suggestion n1..n3: n1 and n2 are skipped, only n3 and n4 are grouped.
    const result = accept(b!.doc, ['n1', 'n2', 'n3', 'n4'], 'cb');
    expect(result.ok && result.value.skipped).toEqual(['n1', 'n2']);
    exchangeAll([a!, b!]);
    expectConverged([a!, b!], BOARD_ROOTS);
    expect(getNote(a!.doc, 'n1')?.place?.clusterId).toBe('hand');
    expect(listClusterMembers(a!.doc, 'cb').map((n) => n.id)).toEqual(['n3', 'n4']);
  });
});
