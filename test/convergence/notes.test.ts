import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteNote, editNoteText, moveNote, restoreNote, setNoteColor } from '../../shared/ops/notes.js';
import { getNote, listLaneNotes, listTrash } from '../../shared/selectors.js';
import {
  add,
  newBoard,
  newSettings,
  PILLAR_CITIZENS,
  PILLAR_EFFICIENCY,
  PILLAR_PEOPLE,
  seededRandom,
} from '../unit/fixtures.js';
import {
  BOARD_ROOTS,
  deliver,
  exchangeAll,
  expectConverged,
  expectEveryNoteShownOnce,
  expectNotesKept,
  makePeers,
  type Peer,
  pillarsOf,
  syncPair,
} from './peers.js';

function shuffler(seed: number) {
  const random = seededRandom(seed);
  return <T>(items: T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
}

const reversed = <T>(items: T[]) => [...items].reverse();
const pillars = pillarsOf(newSettings());

/** Peers of a board with two notes every peer already has. */
function sharedBoard(count: number): Peer[] {
  const start = newBoard();
  add(start, { id: 'n1', text: '窓口の待ち時間が長い' });
  add(start, { id: 'n2', text: '申請書が紙のみ' });
  return makePeers(count, start);
}

const pair = () => sharedBoard(2) as [Peer, Peer];
const trio = () => sharedBoard(3) as [Peer, Peer, Peer];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('concurrent notes on two and three documents', () => {
  it('keeps every note added concurrently, whichever order the updates arrive in', () => {
    for (const order of [(u: Uint8Array[]) => u, reversed]) {
      const [a, b] = pair();
      add(a.doc, { id: 'a1', text: 'A1' });
      add(a.doc, { id: 'a2', text: 'A2', lane: 'goal' });
      add(b.doc, { id: 'b1', text: 'B1' });
      add(b.doc, { id: 'b2', text: 'B2', pillarId: PILLAR_PEOPLE, lane: 'idea' });
      deliver(a, b, order);
      deliver(b, a, order);
      expectConverged([a, b], BOARD_ROOTS);
      expectNotesKept(a.doc, ['n1', 'n2', 'a1', 'a2', 'b1', 'b2']);
      expectEveryNoteShownOnce(a.doc, pillars);
    }
  });

  it('converges three documents whose updates cross in shuffled orders', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const peers = trio();
      const [a, b, c] = peers;
      add(a.doc, { id: 'a1', text: 'A1', index: 0 });
      editNoteText(b.doc, 'n1', '窓口の待ち時間がとても長い');
      moveNote(c.doc, 'n2', { pillarId: PILLAR_EFFICIENCY, lane: 'goal', index: 0 });
      add(c.doc, { id: 'c1', text: 'C1', index: 1 });
      deleteNote(a.doc, 'n2');
      setNoteColor(b.doc, 'n2', '#cdeffd');
      exchangeAll(peers, shuffler(seed));
      expectConverged(peers, BOARD_ROOTS);
      expectNotesKept(a.doc, ['n1', 'n2', 'a1', 'c1']);
      expectEveryNoteShownOnce(b.doc, pillars);
      expect(getNote(c.doc, 'n1')?.text).toBe('窓口の待ち時間がとても長い');
      expect(getNote(c.doc, 'n2')).toMatchObject({
        place: { pillarId: PILLAR_EFFICIENCY, lane: 'goal' },
        color: '#cdeffd',
      });
      expect(getNote(c.doc, 'n2')?.deletedAt).not.toBeNull();
    }
  });

  it('ends concurrent moves of one note in exactly one of the moves, never a mix', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const peers = trio();
      const [a, b, c] = peers;
      moveNote(a.doc, 'n1', { pillarId: PILLAR_EFFICIENCY, lane: 'goal', index: 0 });
      moveNote(b.doc, 'n1', { pillarId: PILLAR_PEOPLE, lane: 'idea', index: 0 });
      moveNote(c.doc, 'n1', { pillarId: PILLAR_CITIZENS, lane: 'problem', index: 1 });
      const candidates = [a, b, c].map((p) => getNote(p.doc, 'n1')!.place);
      exchangeAll(peers, shuffler(seed));
      expectConverged(peers, BOARD_ROOTS);
      const place = getNote(a.doc, 'n1')!.place;
      expect(candidates).toContainEqual(place);
      const shown = expectEveryNoteShownOnce(a.doc, pillars);
      expect(shown.get('n1')).toBe(`${place!.pillarId}/${place!.lane}`);
    }
  });

  it('keeps both of two concurrent edits to one note’s text', () => {
    const [a, b] = pair();
    editNoteText(a.doc, 'n1', '【至急】窓口の待ち時間が長い');
    editNoteText(b.doc, 'n1', '窓口の待ち時間が長い（平日午前）');
    deliver(b, a, reversed);
    deliver(a, b);
    expectConverged([a, b], BOARD_ROOTS);
    expect(getNote(a.doc, 'n1')?.text).toBe('【至急】窓口の待ち時間が長い（平日午前）');
  });

  it('keeps an edit made concurrently with a delete in the trashed note, and restores it', () => {
    const [a, b] = pair();
    deleteNote(a.doc, 'n1', 5000);
    editNoteText(b.doc, 'n1', '窓口の待ち時間が長い。予約制にする？');
    syncPair(a, b);
    expectConverged([a, b], BOARD_ROOTS);
    expect(listTrash(b.doc).map((n) => [n.id, n.text])).toEqual([['n1', '窓口の待ち時間が長い。予約制にする？']]);
    expectEveryNoteShownOnce(b.doc, pillars);
    restoreNote(b.doc, 'n1');
    syncPair(a, b);
    expect(listLaneNotes(a.doc, PILLAR_CITIZENS, 'problem').map((n) => n.text)).toContain(
      '窓口の待ち時間が長い。予約制にする？',
    );
  });

  it('shows two notes added at the same place of a lane in the same order on every document', () => {
    for (const seed of [1, 2, 3]) {
      const peers = trio();
      const [a, b, c] = peers;
      add(a.doc, { id: 'fromA', text: 'A', index: 1 });
      add(b.doc, { id: 'fromB', text: 'B', index: 1 });
      add(c.doc, { id: 'fromC', text: 'C', index: 1 });
      exchangeAll(peers, shuffler(seed));
      expectConverged(peers, BOARD_ROOTS);
      const orders = peers.map((p) => listLaneNotes(p.doc, PILLAR_CITIZENS, 'problem').map((n) => n.id));
      expect(orders[0]).toHaveLength(5);
      expect(orders[0]![0]).toBe('n1');
      expect(orders[0]![4]).toBe('n2');
      expect(orders[1]).toEqual(orders[0]);
      expect(orders[2]).toEqual(orders[0]);
    }
  });

  it('orders two notes that got the very same order key by id on every document', () => {
    // Both clients draw the same random suffix: the keys collide exactly and only the id can decide.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const [a, b] = pair();
    add(a.doc, { id: 'zz-from-a', text: 'A', index: 1 });
    add(b.doc, { id: 'aa-from-b', text: 'B', index: 1 });
    expect(getNote(a.doc, 'zz-from-a')?.place?.order).toBe(getNote(b.doc, 'aa-from-b')?.place?.order);
    syncPair(b, a);
    expectConverged([a, b], BOARD_ROOTS);
    for (const peer of [a, b]) {
      expect(listLaneNotes(peer.doc, PILLAR_CITIZENS, 'problem').map((n) => n.id)).toEqual([
        'n1',
        'aa-from-b',
        'zz-from-a',
        'n2',
      ]);
    }
  });

  it('converges when a note is moved on one document and edited, recoloured and deleted on others', () => {
    const peers = trio();
    const [a, b, c] = peers;
    moveNote(a.doc, 'n2', { pillarId: PILLAR_PEOPLE, lane: 'goal', index: 0 });
    editNoteText(b.doc, 'n2', '申請書が紙のみ→電子化');
    deleteNote(c.doc, 'n2');
    exchangeAll(peers, reversed);
    expectConverged(peers, BOARD_ROOTS);
    expect(getNote(b.doc, 'n2')).toMatchObject({
      text: '申請書が紙のみ→電子化',
      place: { pillarId: PILLAR_PEOPLE, lane: 'goal' },
    });
    restoreNote(a.doc, 'n2');
    exchangeAll(peers);
    expectConverged(peers, BOARD_ROOTS);
    expect(listLaneNotes(c.doc, PILLAR_PEOPLE, 'goal').map((n) => n.id)).toEqual(['n2']);
  });
});
