import { expect } from 'vitest';
import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs.js';
import { listItems } from '../../shared/items.js';
import { LANE_KINDS } from '../../shared/records/lane.js';
import type { Pillar } from '../../shared/records/pillar.js';
import { allPillars, listLaneNotes, listNotes, listUnplacedNotes } from '../../shared/selectors.js';

/**
 * Replicas of one document. Each replica records the updates it makes (its `update` events) in an outbox;
 * `deliver` hands them to another replica in any order the test chooses, as a relaying server would.
 */
export interface Peer {
  name: string;
  doc: Y.Doc;
  outbox: Uint8Array[];
}

const REMOTE = Symbol('remote');

export function makePeers(count: number, start?: Y.Doc): Peer[] {
  const initial = start ? Y.encodeStateAsUpdate(start) : null;
  return Array.from({ length: count }, (_, i) => {
    const doc = new Y.Doc();
    if (initial) Y.applyUpdate(doc, initial, REMOTE);
    const peer: Peer = { name: `peer${i}`, doc, outbox: [] };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) peer.outbox.push(update);
    });
    return peer;
  });
}

/** Every update `from` made so far, applied to `to` in the given order (default: as made). */
export function deliver(from: Peer, to: Peer, order: (updates: Uint8Array[]) => Uint8Array[] = (u) => u): void {
  for (const update of order([...from.outbox])) Y.applyUpdate(to.doc, update, REMOTE);
}

/** Full state exchange, the way a reconnecting client syncs: state vector, then the missing part. */
export function syncPair(a: Peer, b: Peer): void {
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), REMOTE);
  Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)), REMOTE);
}

/** Cross-applies everyone's updates to everyone, each receiver taking the senders in a different order. */
export function exchangeAll(peers: Peer[], shuffle: <T>(items: T[]) => T[] = (items) => items): void {
  for (const to of peers) {
    const senders = shuffle(peers.filter((p) => p !== to));
    for (const from of senders) deliver(from, to, shuffle);
  }
}

/** The docs are equal: same roots (checked explicitly) and same state vectors. */
export function expectConverged(peers: Peer[], roots: readonly string[]): void {
  const [first, ...rest] = peers;
  for (const peer of rest) {
    for (const root of roots) {
      expect(peer.doc.getMap(root).toJSON(), `${peer.name} ${root}`).toEqual(first!.doc.getMap(root).toJSON());
    }
    expect(Y.encodeStateVector(peer.doc), `${peer.name} state vector`).toEqual(Y.encodeStateVector(first!.doc));
  }
}

export const BOARD_ROOTS = ['meta', 'notes', 'clusters'] as const;
export const SETTINGS_ROOTS = ['meta', 'pillars', 'laneLabels'] as const;

/**
 * Every live note is in exactly one place: one lane of one known pillar (archived pillars included, their
 * notes come back with them), one shown cluster of a known pillar, or the unplaced list. Returns where each
 * note is shown (`pillar/lane`, `cluster:<id>` or `unplaced`).
 */
export function expectEveryNoteShownOnce(board: Y.Doc, pillars: readonly Pillar[]): Map<string, string> {
  const shown = new Map<string, string>();
  const show = (id: string, where: string) => {
    expect(shown.has(id), `${id} shown in ${shown.get(id)} and ${where}`).toBe(false);
    shown.set(id, where);
  };
  for (const pillar of pillars) {
    for (const lane of LANE_KINDS) {
      for (const note of listLaneNotes(board, pillar.id, lane)) show(note.id, `${pillar.id}/${lane}`);
    }
  }
  const known = new Set(pillars.map((p) => p.id));
  for (const item of listItems(board)) {
    if (item.kind !== 'cluster' || !known.has(item.pillarId)) continue;
    for (const note of item.notes) show(note.id, `cluster:${item.id}`);
  }
  for (const note of listUnplacedNotes(board, pillars)) show(note.id, 'unplaced');
  const live = listNotes(board).filter((n) => n.deletedAt === null);
  expect([...shown.keys()].sort()).toEqual(live.map((n) => n.id).sort());
  return shown;
}

export function expectNotesKept(board: Y.Doc, ids: Iterable<string>): void {
  const notes = boardRoots.notes(board);
  for (const id of ids) expect(notes.has(id), `note ${id} kept`).toBe(true);
}

export function pillarsOf(settings: Y.Doc): Pillar[] {
  return allPillars(settings);
}
