import { describe, expect, it } from 'vitest';
import { deleteNote, editNoteText, moveNote, restoreNote, setNoteColor } from '../../shared/ops/notes.js';
import { LANE_KINDS } from '../../shared/records/lane.js';
import { NOTE_COLORS } from '../../shared/records/note.js';
import { getNote, listNotes } from '../../shared/selectors.js';
import { add, newBoard, newSettings, seededRandom } from '../unit/fixtures.js';
import {
  BOARD_ROOTS,
  deliver,
  exchangeAll,
  expectConverged,
  expectEveryNoteShownOnce,
  makePeers,
  pillarsOf,
  syncPair,
} from './peers.js';

const STEPS = 200;
const pillars = pillarsOf(newSettings());

/**
 * Three replicas make random operations and sync at random moments: a peer's outbox delivered (possibly
 * shuffled) to another, or a full state exchange. Only insertions of unique tokens are made to texts, so
 * every token must be in its note at the end.
 */
function runRandomSession(seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const shuffle = <T>(items: T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  const peers = makePeers(3, newBoard());
  const created = new Set<string>();
  const tokens = new Map<string, string[]>();
  const places = new Map<string, string[]>();
  const recordPlace = (id: string, peerDoc: (typeof peers)[number]['doc']) => {
    const place = getNote(peerDoc, id)?.place;
    places.set(id, [...(places.get(id) ?? []), JSON.stringify(place)]);
  };
  let nextId = 0;

  for (let step = 0; step < STEPS; step++) {
    const peer = pick(peers);
    const known = listNotes(peer.doc).map((n) => n.id);
    const roll = random();
    if (roll < 0.25 || known.length === 0) {
      const id = `s${seed}-n${nextId++}`;
      add(peer.doc, {
        id,
        text: `note ${id}`,
        pillarId: pick(pillars).id,
        lane: pick(LANE_KINDS),
        index: Math.floor(random() * 4),
      });
      created.add(id);
      recordPlace(id, peer.doc);
    } else if (roll < 0.45) {
      const id = pick(known);
      const token = `<${step}>`;
      const text = getNote(peer.doc, id)!.text;
      // Insert anywhere except inside an earlier token, so each token stays whole.
      const outsideTokens = Array.from({ length: text.length + 1 }, (_, i) => i).filter(
        (i) => text.lastIndexOf('<', i - 1) <= text.lastIndexOf('>', i - 1),
      );
      const cut = pick(outsideTokens);
      expect(editNoteText(peer.doc, id, text.slice(0, cut) + token + text.slice(cut)).ok).toBe(true);
      tokens.set(id, [...(tokens.get(id) ?? []), token]);
    } else if (roll < 0.65) {
      const id = pick(known);
      moveNote(peer.doc, id, { pillarId: pick(pillars).id, lane: pick(LANE_KINDS), index: Math.floor(random() * 4) });
      recordPlace(id, peer.doc);
    } else if (roll < 0.72) {
      deleteNote(peer.doc, pick(known), step);
    } else if (roll < 0.78) {
      restoreNote(peer.doc, pick(known));
    } else if (roll < 0.82) {
      setNoteColor(peer.doc, pick(known), pick(NOTE_COLORS));
    } else if (roll < 0.95) {
      deliver(peer, pick(peers.filter((p) => p !== peer)), random() < 0.5 ? shuffle : undefined);
    } else {
      syncPair(peer, pick(peers.filter((p) => p !== peer)));
    }
    if (step % 20 === 0) for (const p of peers) expectEveryNoteShownOnce(p.doc, pillars);
  }

  exchangeAll(peers, shuffle);
  return { peers, created, tokens, places };
}

describe('random concurrent sessions on three documents', () => {
  it.each([1, 2, 3, 42, 2024])('converges with no note lost, shown twice or mixed (seed %i)', (seed) => {
    const { peers, created, tokens, places } = runRandomSession(seed);
    expectConverged(peers, BOARD_ROOTS);
    const doc = peers[0]!.doc;
    expect(
      listNotes(doc)
        .map((n) => n.id)
        .sort(),
    ).toEqual([...created].sort());
    for (const peer of peers) expectEveryNoteShownOnce(peer.doc, pillars);
    for (const [id, inserted] of tokens) {
      const text = getNote(doc, id)!.text;
      for (const token of inserted) expect(text, `${id} keeps ${token}`).toContain(token);
    }
    for (const [id, candidates] of places) {
      expect(candidates, `${id} ends in one of its moves`).toContain(JSON.stringify(getNote(doc, id)!.place));
    }
  });
});
