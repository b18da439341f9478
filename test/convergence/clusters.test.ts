import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { listItems } from '../../shared/items.js';
import {
  addToCluster,
  dissolveCluster,
  groupNotes,
  leaveCluster,
  listClusterMembers,
  listPillarClusters,
  moveCluster,
  setClusterCollapsed,
} from '../../shared/ops/clusters.js';
import { renameCluster } from '../../shared/ops/clusterTitle.js';
import { deleteNote, moveNote, restoreNote } from '../../shared/ops/notes.js';
import { LANE_KINDS } from '../../shared/records/lane.js';
import { getNote, listNotes, readClusters } from '../../shared/selectors.js';
import { add, newBoard, newSettings, PILLAR_CITIZENS, PILLAR_EFFICIENCY, seededRandom } from '../unit/fixtures.js';
import {
  BOARD_ROOTS,
  deliver,
  exchangeAll,
  expectConverged,
  expectEveryNoteShownOnce,
  makePeers,
  type Peer,
  pillarsOf,
  syncPair,
} from './peers.js';

const pillars = pillarsOf(newSettings());
const reversed = <T>(items: T[]) => [...items].reverse();
const ORDERS = [(u: Uint8Array[]) => u, reversed];

function shuffler(random: () => number) {
  return <T>(items: T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
}

/** Peers of a board with notes n1..n4 (課題 of 市民サービス) every peer already has; `c0` = n1 + n2 if asked. */
function sharedBoard(count: number, withCluster = false): Peer[] {
  const start = newBoard();
  for (const [id, text] of [
    ['n1', '窓口の待ち時間が長い'],
    ['n2', '申請書が紙のみ'],
    ['n3', '何度も同じことを書く'],
    ['n4', '電話がつながらない'],
  ] as const) {
    add(start, { id, text });
  }
  if (withCluster) groupNotes(start, { noteId: 'n2', targetNoteId: 'n1', newClusterId: 'c0', createdBy: 'x' });
  return makePeers(count, start);
}

const members = (doc: Y.Doc, clusterId: string) => listClusterMembers(doc, clusterId).map((n) => n.id);

/** Converged, and the invariant holds on every replica. */
function expectConsistent(peers: Peer[]) {
  expectConverged(peers, BOARD_ROOTS);
  for (const peer of peers) expectEveryNoteShownOnce(peer.doc, pillars);
}

describe('concurrent clustering', () => {
  it('ends one note put into two different new clusters at once in exactly one of them', () => {
    for (const order of ORDERS) {
      const [a, b] = sharedBoard(2) as [Peer, Peer];
      groupNotes(a.doc, { noteId: 'n1', targetNoteId: 'n2', newClusterId: 'ca', createdBy: 'a' });
      groupNotes(b.doc, { noteId: 'n1', targetNoteId: 'n3', newClusterId: 'cb', createdBy: 'b' });
      deliver(a, b, order);
      deliver(b, a, order);
      expectConsistent([a, b]);
      const home = getNote(a.doc, 'n1')!.place!.clusterId;
      expect(['ca', 'cb']).toContain(home);
      // The other cluster keeps its own target note: nothing lost, nothing shown twice.
      expect(members(a.doc, 'ca').includes('n1')).toBe(home === 'ca');
      expect(members(a.doc, 'cb').includes('n1')).toBe(home === 'cb');
      expect(members(a.doc, 'ca')).toContain('n2');
      expect(members(a.doc, 'cb')).toContain('n3');
    }
  });

  it('ends one note dropped into two existing clusters at once in one of them, on three replicas', () => {
    for (const seed of [1, 2, 3, 4]) {
      const peers = sharedBoard(3, true);
      const [a, b, c] = peers as [Peer, Peer, Peer];
      groupNotes(a.doc, { noteId: 'n4', targetNoteId: 'n3', newClusterId: 'c1', createdBy: 'a' });
      syncPair(a, b);
      syncPair(a, c);
      addToCluster(b.doc, 'n3', 'c0');
      moveNote(c.doc, 'n3', { pillarId: PILLAR_EFFICIENCY, lane: 'goal', index: 0 });
      addToCluster(a.doc, 'n3', 'c1');
      exchangeAll(peers, shuffler(seededRandom(seed)));
      expectConsistent(peers);
    }
  });

  it('keeps a note added to a cluster while another person dissolves it: the cluster is shown with that note', () => {
    for (const order of ORDERS) {
      const [a, b] = sharedBoard(2, true) as [Peer, Peer];
      renameCluster(a.doc, 'c0', '窓口');
      syncPair(a, b);
      dissolveCluster(a.doc, 'c0');
      addToCluster(b.doc, 'n3', 'c0');
      deliver(a, b, order);
      deliver(b, a, order);
      expectConsistent([a, b]);
      expect(members(a.doc, 'c0')).toEqual(['n3']);
      expect(listPillarClusters(a.doc, PILLAR_CITIZENS).map((c) => c.cluster.title)).toEqual(['窓口']);
    }
  });

  it('keeps a note added to a cluster while another person takes its last notes out', () => {
    for (const order of ORDERS) {
      const [a, b] = sharedBoard(2, true) as [Peer, Peer];
      leaveCluster(a.doc, 'n1');
      deleteNote(a.doc, 'n2');
      addToCluster(b.doc, 'n4', 'c0');
      deliver(a, b, order);
      deliver(b, a, order);
      expectConsistent([a, b]);
      expect(members(b.doc, 'c0')).toEqual(['n4']);
    }
  });

  it('shows a note that joined a cluster while it moved to another pillar in that pillar, inside the cluster', () => {
    for (const order of ORDERS) {
      const [a, b] = sharedBoard(2, true) as [Peer, Peer];
      moveCluster(a.doc, 'c0', { pillarId: PILLAR_EFFICIENCY, index: 0 });
      addToCluster(b.doc, 'n3', 'c0');
      deliver(a, b, order);
      deliver(b, a, order);
      expectConsistent([a, b]);
      expect(members(a.doc, 'c0')).toEqual(['n1', 'n2', 'n3']);
      expect(listPillarClusters(a.doc, PILLAR_EFFICIENCY).map((c) => c.id)).toEqual(['c0']);
      // Its stored place still names the old pillar; a dissolve puts it in the cluster's pillar all the same.
      dissolveCluster(a.doc, 'c0');
      expect(getNote(a.doc, 'n3')?.place?.pillarId).toBe(PILLAR_EFFICIENCY);
    }
  });

  it('ends two concurrent moves of one cluster in one pillar, its notes with it', () => {
    for (const seed of [1, 2, 3]) {
      const peers = sharedBoard(3, true);
      const [a, b, c] = peers as [Peer, Peer, Peer];
      moveCluster(a.doc, 'c0', { pillarId: PILLAR_EFFICIENCY, index: 0 });
      moveCluster(b.doc, 'c0', { pillarId: pillars[2]!.id, index: 0 });
      setClusterCollapsed(c.doc, 'c0', true);
      exchangeAll(peers, shuffler(seededRandom(seed)));
      expectConsistent(peers);
      const shown = expectEveryNoteShownOnce(a.doc, pillars);
      expect(shown.get('n1')).toBe('cluster:c0');
      expect(readClusters(a.doc).get('c0')?.collapsed).toBe(true);
    }
  });

  it('keeps both a member deleted and the cluster renamed at once; restoring the member brings it back in', () => {
    for (const order of ORDERS) {
      const [a, b] = sharedBoard(2, true) as [Peer, Peer];
      deleteNote(a.doc, 'n1');
      renameCluster(b.doc, 'c0', '申請の手間');
      renameCluster(a.doc, 'c0', '窓口');
      deliver(a, b, order);
      deliver(b, a, order);
      expectConsistent([a, b]);
      const title = readClusters(a.doc).get('c0')!.title;
      // Both typed titles are kept (merged text), never one lost.
      expect(title).toContain('申請の手間');
      expect(title).toContain('窓口');
      expect(members(a.doc, 'c0')).toEqual(['n2']);
      restoreNote(b.doc, 'n1');
      syncPair(a, b);
      expect(members(a.doc, 'c0')).toEqual(['n1', 'n2']);
    }
  });

  it('ends a cluster dissolved by one person and moved by another with each note shown once', () => {
    for (const order of ORDERS) {
      const [a, b] = sharedBoard(2, true) as [Peer, Peer];
      dissolveCluster(a.doc, 'c0');
      moveCluster(b.doc, 'c0', { pillarId: PILLAR_EFFICIENCY, index: 0 });
      deliver(a, b, order);
      deliver(b, a, order);
      expectConsistent([a, b]);
    }
  });
});

const STEPS = 250;

/**
 * Three replicas group, join, leave, move, dissolve, delete and restore at random, syncing at random moments.
 * Invariant: every live note is shown exactly once (a lane, a shown cluster or the unplaced tray), and all
 * replicas end equal.
 */
function runRandomSession(seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const shuffle = shuffler(random);
  const peers = makePeers(3, newBoard());
  let next = 0;
  for (let step = 0; step < STEPS; step++) {
    const peer = pick(peers);
    const doc = peer.doc;
    const notes = listNotes(doc).map((n) => n.id);
    const clusters = [...readClusters(doc).keys()];
    const roll = random();
    if (roll < 0.15 || notes.length < 2) {
      const id = `s${seed}-n${next++}`;
      add(doc, { id, text: id, pillarId: pick(pillars).id, lane: pick(LANE_KINDS), index: 0 });
    } else if (roll < 0.33) {
      groupNotes(doc, {
        noteId: pick(notes),
        targetNoteId: pick(notes),
        newClusterId: `s${seed}-c${next++}`,
        createdBy: peer.name,
      });
    } else if (roll < 0.43 && clusters.length > 0) {
      addToCluster(doc, pick(notes), pick(clusters));
    } else if (roll < 0.5) {
      leaveCluster(doc, pick(notes));
    } else if (roll < 0.56) {
      moveNote(doc, pick(notes), { pillarId: pick(pillars).id, lane: pick(LANE_KINDS), index: 0 });
    } else if (roll < 0.62 && clusters.length > 0) {
      moveCluster(doc, pick(clusters), { pillarId: pick(pillars).id, index: Math.floor(random() * 3) });
    } else if (roll < 0.67 && clusters.length > 0) {
      dissolveCluster(doc, pick(clusters));
    } else if (roll < 0.71 && clusters.length > 0) {
      renameCluster(doc, pick(clusters), `t${step}`);
    } else if (roll < 0.74 && clusters.length > 0) {
      setClusterCollapsed(doc, pick(clusters), random() < 0.5);
    } else if (roll < 0.79) {
      deleteNote(doc, pick(notes), step);
    } else if (roll < 0.84) {
      restoreNote(doc, pick(notes));
    } else if (roll < 0.95) {
      deliver(peer, pick(peers.filter((p) => p !== peer)), random() < 0.5 ? shuffle : undefined);
    } else {
      syncPair(peer, pick(peers.filter((p) => p !== peer)));
    }
    if (step % 25 === 0) for (const p of peers) expectEveryNoteShownOnce(p.doc, pillars);
  }
  exchangeAll(peers, shuffle);
  return peers;
}

describe('random concurrent clustering on three documents', () => {
  it.each([1, 2, 3, 7, 42, 2024])('converges with every live note shown exactly once (seed %i)', (seed) => {
    const peers = runRandomSession(seed);
    expectConsistent(peers);
    const doc = peers[0]!.doc;
    // The random session really clustered: some clusters are shown at the end.
    expect(listItems(doc).some((item) => item.kind === 'cluster')).toBe(true);
  });
});
