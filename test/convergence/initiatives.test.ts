import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { initiativesByPillar, listInitiatives } from '../../shared/initiatives.js';
import {
  applyInitiativeTextChanges,
  createInitiativeFromItem,
  deleteInitiative,
  moveInitiative,
  restoreInitiative,
  setInitiativeText,
} from '../../shared/ops/initiatives.js';
import { PRIORITIES, readInitiatives } from '../../shared/records/initiative.js';
import { add, newBoard, newSettings, PILLAR_CITIZENS, PILLAR_EFFICIENCY, seededRandom } from '../unit/fixtures.js';
import { exchangeAll, expectConverged, makePeers, type Peer } from './peers.js';

const ROOTS = ['notes', 'initiatives'] as const;
const settings = newSettings();

/** Peers sharing a board with three initiatives a, b, c in 柱1 / 中. */
function shared(count: number): Peer[] {
  const start = newBoard();
  for (const id of ['a', 'b', 'c']) {
    add(start, { id: `n-${id}`, text: `付箋${id}` });
    createInitiativeFromItem(start, settings, { id, itemId: `n-${id}`, personId: 'p', roundNumber: null, now: 1 });
  }
  return makePeers(count, start);
}

const reversed = <T>(items: T[]) => [...items].reverse();
const field = (doc: Y.Doc, id: string, name: 'title' | 'content') =>
  readInitiatives(doc).find((i) => i.id === id)?.fields[name];
/** Where each initiative is listed, as "pillar/priority/index". */
function listed(doc: Y.Doc): string[] {
  return initiativesByPillar(doc, settings).flatMap((group) =>
    group.priorities.flatMap((p) =>
      p.initiatives.map((i, index) => `${i.id}@${group.pillar?.id}/${p.priority}/${index}`),
    ),
  );
}

describe('concurrent edits of initiatives', () => {
  it('ends two concurrent moves of one initiative in one place, listed once', () => {
    for (const order of [<T>(u: T[]) => u, reversed]) {
      const [x, y] = shared(2) as [Peer, Peer];
      moveInitiative(x.doc, settings, 'a', { pillarId: PILLAR_EFFICIENCY, priority: 'high', beforeId: null });
      moveInitiative(y.doc, settings, 'a', { pillarId: PILLAR_CITIZENS, priority: 'low', beforeId: null });
      exchangeAll([x, y], order);
      expectConverged([x, y], ROOTS);
      const places = listed(x.doc).filter((entry) => entry.startsWith('a@'));
      expect(places).toHaveLength(1);
      expect(['a@p2/high/0', 'a@p1/low/0']).toContain(places[0]);
    }
  });

  it('keeps every initiative listed exactly once after many random moves by three people (seeded)', () => {
    for (let seed = 1; seed <= 15; seed++) {
      const random = seededRandom(seed);
      const peers = shared(3);
      const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
      for (const peer of peers) {
        for (let i = 0; i < 5; i++) {
          const pillarId = pick([PILLAR_CITIZENS, PILLAR_EFFICIENCY]);
          const priority = pick(PRIORITIES);
          const before = random() < 0.5 ? null : pick(['a', 'b', 'c']);
          const id = pick(['a', 'b', 'c']);
          const beforeId =
            before && before !== id && listed(peer.doc).some((e) => e.startsWith(`${before}@${pillarId}/${priority}/`))
              ? before
              : null;
          expect(moveInitiative(peer.doc, settings, id, { pillarId, priority, beforeId }).ok).toBe(true);
        }
      }
      const shuffle = <T>(items: T[]) => [...items].sort(() => random() - 0.5);
      exchangeAll(peers, shuffle);
      exchangeAll(peers, shuffle);
      expectConverged(peers, ROOTS);
      const ids = listed(peers[0]!.doc).map((entry) => entry.split('@')[0]);
      expect(ids.sort(), `seed ${seed}`).toEqual(['a', 'b', 'c']);
      for (const peer of peers) expect(listed(peer.doc)).toEqual(listed(peers[0]!.doc));
    }
  });

  it('merges two people typing in the same field, keeping both words', () => {
    const [x, y] = shared(2) as [Peer, Peer];
    setInitiativeText(x.doc, 'a', 'content', '窓口で');
    exchangeAll([x, y]);
    applyInitiativeTextChanges(x.doc, 'a', 'content', [{ index: 3, deleteCount: 0, insert: '予約を受ける' }]);
    applyInitiativeTextChanges(y.doc, 'a', 'content', [{ index: 0, deleteCount: 0, insert: '全庁の' }]);
    setInitiativeText(y.doc, 'a', 'title', '予約システム');
    exchangeAll([x, y], reversed);
    expectConverged([x, y], ROOTS);
    expect(field(x.doc, 'a', 'content')).toBe('全庁の窓口で予約を受ける');
    expect(field(x.doc, 'a', 'title')).toBe('予約システム');
  });

  it('keeps an edit made while another person deleted the initiative, and restoring shows it', () => {
    const [x, y] = shared(2) as [Peer, Peer];
    deleteInitiative(x.doc, 'b', 5);
    setInitiativeText(y.doc, 'b', 'content', '内容を追記');
    exchangeAll([x, y]);
    expectConverged([x, y], ROOTS);
    expect(listInitiatives(y.doc).map((i) => i.id)).toEqual(['a', 'c']);
    restoreInitiative(y.doc, 'b');
    exchangeAll([x, y]);
    expect(listInitiatives(x.doc).map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(field(x.doc, 'b', 'content')).toBe('内容を追記');
  });

  it('keeps two initiatives made at once from one note, both listed', () => {
    const [x, y] = shared(2) as [Peer, Peer];
    createInitiativeFromItem(x.doc, settings, { id: 'x1', itemId: 'n-a', personId: 'x', roundNumber: null, now: 9 });
    createInitiativeFromItem(y.doc, settings, { id: 'y1', itemId: 'n-a', personId: 'y', roundNumber: null, now: 9 });
    exchangeAll([x, y]);
    expectConverged([x, y], ROOTS);
    expect(listed(x.doc).filter((e) => e.includes('/medium/'))).toHaveLength(5);
  });
});
