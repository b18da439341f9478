import { describe, expect, it } from 'vitest';
import { boardRoots } from '../../shared/docs.js';
import { placeOnMatrix, returnToTray } from '../../shared/ops/matrix.js';
import { markShortlisted, unmarkShortlisted } from '../../shared/ops/shortlist.js';
import { readMatrixPositions } from '../../shared/records/matrix.js';
import { readShortlist } from '../../shared/records/shortlist.js';
import { add, newBoard, seededRandom } from '../unit/fixtures.js';
import { exchangeAll, expectConverged, makePeers, type Peer } from './peers.js';

const ROOTS = ['notes', 'matrix', 'shortlist'] as const;

function shared(count: number): Peer[] {
  const start = newBoard();
  add(start, { id: 'n1', text: '窓口の待ち時間が長い' });
  add(start, { id: 'n2', text: '申請書が紙のみ' });
  return makePeers(count, start);
}

const reversed = <T>(items: T[]) => [...items].reverse();

describe('concurrent moves on the matrix', () => {
  it('ends at one of the two positions, never one person’s x with the other’s y', () => {
    for (const order of [<T>(u: T[]) => u, reversed]) {
      const [a, b] = shared(2) as [Peer, Peer];
      placeOnMatrix(a.doc, 'n1', { x: 0.1, y: 0.9 });
      placeOnMatrix(b.doc, 'n1', { x: 0.8, y: 0.2 });
      exchangeAll([a, b], order);
      expectConverged([a, b], ROOTS);
      expect([
        { x: 0.1, y: 0.9 },
        { x: 0.8, y: 0.2 },
      ]).toContainEqual(readMatrixPositions(a.doc).get('n1'));
    }
  });

  it('keeps three people’s many moves whole, whatever the delivery order (seeded)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = seededRandom(seed);
      const peers = shared(3);
      const written: { x: number; y: number }[] = [];
      for (const peer of peers) {
        for (let i = 0; i < 4; i++) {
          const position = { x: Math.round(random() * 1000) / 1000, y: Math.round(random() * 1000) / 1000 };
          written.push(position);
          if (random() < 0.2) returnToTray(peer.doc, 'n1');
          else placeOnMatrix(peer.doc, 'n1', position);
        }
      }
      const shuffle = <T>(items: T[]) => [...items].sort(() => random() - 0.5);
      exchangeAll(peers, shuffle);
      exchangeAll(peers, shuffle);
      expectConverged(peers, ROOTS);
      const final = readMatrixPositions(peers[0]!.doc).get('n1');
      if (final) expect(written, `seed ${seed}`).toContainEqual(final);
    }
  });

  it('keeps a move of one item and a move of another, made at once', () => {
    const [a, b] = shared(2) as [Peer, Peer];
    placeOnMatrix(a.doc, 'n1', { x: 0.3, y: 0.3 });
    placeOnMatrix(b.doc, 'n2', { x: 0.6, y: 0.6 });
    exchangeAll([a, b]);
    expectConverged([a, b], ROOTS);
    expect(Object.fromEntries(readMatrixPositions(b.doc))).toEqual({ n1: { x: 0.3, y: 0.3 }, n2: { x: 0.6, y: 0.6 } });
  });
});

describe('concurrent shortlist marks', () => {
  it('keeps one mark when two people mark the same item at once', () => {
    const [a, b] = shared(2) as [Peer, Peer];
    markShortlisted(a.doc, 'n1', 'sato', 10);
    markShortlisted(b.doc, 'n1', 'suzuki', 20);
    exchangeAll([a, b]);
    expectConverged([a, b], ROOTS);
    expect(['sato', 'suzuki']).toContain(readShortlist(a.doc).get('n1')?.markedBy);
    expect(boardRoots.shortlist(a.doc).size).toBe(1);
  });

  it('ends in one of the two when one marks and the other unmarks at once, the same on every replica', () => {
    for (const order of [<T>(u: T[]) => u, reversed]) {
      const [a, b, c] = shared(3) as [Peer, Peer, Peer];
      markShortlisted(a.doc, 'n1', 'sato', 10);
      exchangeAll([a, b, c]);
      unmarkShortlisted(a.doc, 'n1');
      markShortlisted(b.doc, 'n2', 'suzuki', 30);
      unmarkShortlisted(c.doc, 'n1');
      exchangeAll([a, b, c], order);
      expectConverged([a, b, c], ROOTS);
      expect([...readShortlist(c.doc).keys()]).toEqual(['n2']);
    }
  });
});
