import * as Y from 'yjs';
import { boardRoots, settingsRoots } from '../../shared/docs.js';
import { addNote, type NewNote } from '../../shared/ops/notes.js';
import { initialiseBoardDoc, initialiseSettingsDoc, SEED_PILLAR_TITLES } from '../../shared/template.js';

/** A seeded PRNG (mulberry32) so random tests replay exactly: the seed is in the test name. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 1 June 2021 (令和3年度): boards of the fixtures plan for 令和4〜5年度, the kickoff deck's period. */
export const FIXTURE_NOW = Date.UTC(2021, 5, 1);

/** The seed pillars get the ids p1, p2, p3 so tests can name them; the period is 令和4〜5年度 (FIXTURE_NOW). */
export function newSettings(title = '庁内部会'): Y.Doc {
  const doc = new Y.Doc();
  let n = 0;
  initialiseSettingsDoc(doc, title, () => `p${++n}`, FIXTURE_NOW);
  return doc;
}

export function newBoard(): Y.Doc {
  const doc = new Y.Doc();
  initialiseBoardDoc(doc);
  return doc;
}

export const [PILLAR_CITIZENS, PILLAR_EFFICIENCY, PILLAR_PEOPLE] = ['p1', 'p2', 'p3'] as const;
export const SEED_TITLES = SEED_PILLAR_TITLES;

/** Adds a note and fails the test at once if the operation refused it. */
export function add(doc: Y.Doc, note: Partial<NewNote> & { id: string; text: string }): string {
  const result = addNote(doc, { pillarId: PILLAR_CITIZENS, lane: 'problem', author: 'tanaka', now: 1000, ...note });
  if (!result.ok) throw new Error(`addNote refused ${note.id}: ${result.error}`);
  return result.value;
}

/** The stored map of a note, to look at what is really in the document. */
export function storedNote(doc: Y.Doc, id: string): Y.Map<unknown> {
  const value = boardRoots.notes(doc).get(id);
  if (!(value instanceof Y.Map)) throw new Error(`no note ${id}`);
  return value as Y.Map<unknown>;
}

export function storedPillar(doc: Y.Doc, id: string): Y.Map<unknown> {
  const value = settingsRoots.pillars(doc).get(id);
  if (!(value instanceof Y.Map)) throw new Error(`no pillar ${id}`);
  return value as Y.Map<unknown>;
}

/** A snapshot of a whole document's content, to show that a refused operation changed nothing. */
export function contentOf(doc: Y.Doc): string {
  return JSON.stringify({
    meta: doc.getMap('meta').toJSON(),
    notes: doc.getMap('notes').toJSON(),
    pillars: doc.getMap('pillars').toJSON(),
    laneLabels: doc.getMap('laneLabels').toJSON(),
    stateVector: Array.from(Y.encodeStateVector(doc)),
  });
}
