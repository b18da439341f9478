import { describe, expect, it } from 'vitest';
import { archivePillar, movePillar, renamePillar, restorePillar, setLaneLabel } from '../../shared/ops/pillars.js';
import { activePillars, allPillars, listLaneNotes, listUnplacedNotes } from '../../shared/selectors.js';
import { add, newBoard, newSettings, PILLAR_CITIZENS, PILLAR_EFFICIENCY, PILLAR_PEOPLE } from '../unit/fixtures.js';
import {
  BOARD_ROOTS,
  deliver,
  exchangeAll,
  expectConverged,
  expectEveryNoteShownOnce,
  makePeers,
  type Peer,
  SETTINGS_ROOTS,
  syncPair,
} from './peers.js';

const settingsPair = () => makePeers(2, newSettings()) as [Peer, Peer];
const ids = (peer: Peer) => activePillars(peer.doc).map((p) => p.id);

describe('concurrent pillar changes', () => {
  it('keeps a note added to a pillar while it was being archived, and shows it again on restore', () => {
    const [facilitator, otherFacilitator] = settingsPair();
    const [participant, observer] = makePeers(2, newBoard()) as [Peer, Peer];
    // The participant has not yet seen the archive when adding.
    archivePillar(facilitator.doc, PILLAR_PEOPLE);
    add(participant.doc, { id: 'late', text: '研修の予算', pillarId: PILLAR_PEOPLE, lane: 'goal' });
    syncPair(facilitator, otherFacilitator);
    syncPair(participant, observer);
    expectConverged([facilitator, otherFacilitator], SETTINGS_ROOTS);
    expectConverged([participant, observer], BOARD_ROOTS);

    // Hidden with its pillar, neither lost nor shown as unplaced, and still in exactly one place.
    expect(ids(facilitator)).not.toContain(PILLAR_PEOPLE);
    const pillars = allPillars(facilitator.doc);
    expect(listUnplacedNotes(observer.doc, pillars)).toEqual([]);
    expect(expectEveryNoteShownOnce(observer.doc, pillars).get('late')).toBe(`${PILLAR_PEOPLE}/goal`);

    restorePillar(otherFacilitator.doc, PILLAR_PEOPLE);
    syncPair(facilitator, otherFacilitator);
    expect(ids(facilitator)).toContain(PILLAR_PEOPLE);
    const visible = activePillars(facilitator.doc).flatMap((p) => listLaneNotes(observer.doc, p.id, 'goal'));
    expect(visible.map((n) => n.text)).toEqual(['研修の予算']);
  });

  it('converges concurrent reorders of pillars to one order on every document', () => {
    for (const deliverReversed of [false, true]) {
      const peers = makePeers(3, newSettings());
      const [a, b, c] = peers as [Peer, Peer, Peer];
      movePillar(a.doc, PILLAR_PEOPLE, 0);
      movePillar(b.doc, PILLAR_CITIZENS, 2);
      movePillar(c.doc, PILLAR_EFFICIENCY, 0);
      movePillar(c.doc, PILLAR_PEOPLE, 1);
      exchangeAll(peers, deliverReversed ? (items) => [...items].reverse() : undefined);
      expectConverged(peers, SETTINGS_ROOTS);
      const order = ids(a);
      expect([...order].sort()).toEqual([PILLAR_CITIZENS, PILLAR_EFFICIENCY, PILLAR_PEOPLE]);
      expect(ids(b)).toEqual(order);
      expect(ids(c)).toEqual(order);
    }
  });

  it('converges concurrent rename, reorder and archive of the same pillar, keeping all three changes', () => {
    const peers = makePeers(3, newSettings());
    const [a, b, c] = peers as [Peer, Peer, Peer];
    renamePillar(a.doc, PILLAR_EFFICIENCY, '業務改革');
    movePillar(b.doc, PILLAR_EFFICIENCY, 0);
    archivePillar(c.doc, PILLAR_EFFICIENCY, 42);
    exchangeAll(peers);
    expectConverged(peers, SETTINGS_ROOTS);
    const pillar = allPillars(b.doc).find((p) => p.id === PILLAR_EFFICIENCY);
    expect(pillar).toMatchObject({ title: '業務改革', archivedAt: 42 });
    restorePillar(a.doc, PILLAR_EFFICIENCY);
    exchangeAll(peers);
    expect(ids(c)[0]).toBe(PILLAR_EFFICIENCY);
  });

  it('converges concurrent lane label edits to one of them', () => {
    const [a, b] = settingsPair();
    setLaneLabel(a.doc, 'goal', '目指す姿');
    setLaneLabel(b.doc, 'goal', 'ゴール');
    deliver(a, b);
    deliver(b, a);
    expectConverged([a, b], SETTINGS_ROOTS);
    expect(['目指す姿', 'ゴール']).toContain(a.doc.getMap('laneLabels').get('goal'));
  });
});
