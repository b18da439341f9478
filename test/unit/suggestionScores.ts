import { readFileSync } from 'node:fs';
import { baselineGroups } from '../../server/suggestions/baseline';
import { BoardIndex } from '../../server/suggestions/boardIndex';
import { type AnalysedNote, findSimilar, suggestGroups } from '../../server/suggestions/suggest';
import { noteTerms, type Tokenize } from '../../server/suggestions/tokenize';

/** The labelled fixture (test/fixtures/suggestions/README.md) and its scores: pairwise P/R/F1, precision@3. */
export interface FixtureNote {
  id: string;
  pillar: string;
  lane: string;
  text: string;
  label: string;
}

export function loadFixture(): FixtureNote[] {
  const url = new URL('../fixtures/suggestions/notes.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { notes: FixtureNote[] }).notes;
}

/** The tuning half (even ids) or the held-out half (odd ids). */
export function half(notes: readonly FixtureNote[], which: 'tuning' | 'held-out'): FixtureNote[] {
  return notes.filter((note) => (Number(note.id.slice(1)) % 2 === 0) === (which === 'tuning'));
}

export interface PairScores {
  precision: number;
  recall: number;
  f1: number;
}

/** The (pillar, lane) sets a grouping runs on, as the panel does. */
function lanes(notes: readonly FixtureNote[]): FixtureNote[][] {
  const byLane = new Map<string, FixtureNote[]>();
  for (const note of notes) {
    const key = `${note.pillar}/${note.lane}`;
    byLane.set(key, [...(byLane.get(key) ?? []), note]);
  }
  return [...byLane.values()];
}

/** Pairwise scores of groupings (each a list of groups of ids), counted over pairs within each lane. */
export function pairScores(notes: readonly FixtureNote[], groupsPerLane: ReadonlyArray<string[][]>): PairScores {
  const groupOf = new Map<string, number>();
  let next = 0;
  for (const groups of groupsPerLane) {
    for (const group of groups) {
      for (const id of group) groupOf.set(id, next);
      next++;
    }
  }
  let truePositive = 0;
  let predicted = 0;
  let actual = 0;
  for (const lane of lanes(notes)) {
    for (let i = 0; i < lane.length; i++) {
      for (let j = i + 1; j < lane.length; j++) {
        const same = lane[i]!.label === lane[j]!.label;
        const a = groupOf.get(lane[i]!.id);
        const grouped = a !== undefined && a === groupOf.get(lane[j]!.id);
        if (same) actual++;
        if (grouped) predicted++;
        if (same && grouped) truePositive++;
      }
    }
  }
  const precision = predicted === 0 ? 0 : truePositive / predicted;
  const recall = actual === 0 ? 0 : truePositive / actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function analyse(tokenize: Tokenize, notes: readonly FixtureNote[]): AnalysedNote[] {
  return notes.map((note) => ({
    id: note.id,
    pillarId: note.pillar,
    lane: note.lane,
    terms: noteTerms(tokenize, note.text),
  }));
}

/** Our grouping of each lane of `notes` (the notes are the board). */
export function ourScores(tokenize: Tokenize, notes: readonly FixtureNote[], granularity: number): PairScores {
  const board = analyse(tokenize, notes);
  const perLane = lanes(notes).map((lane) => {
    const ids = new Set(lane.map((note) => note.id));
    return suggestGroups(
      new BoardIndex(board),
      board.filter((note) => ids.has(note.id)),
      granularity,
    ).map((group) => group.noteIds);
  });
  return pairScores(notes, perLane);
}

/** The baseline at one threshold. */
export function baselineScores(notes: readonly FixtureNote[], threshold: number): PairScores {
  const perLane = lanes(notes).map((lane) =>
    baselineGroups(
      lane.map((note) => note.text),
      threshold,
    ).map((group) => group.map((i) => lane[i]!.id)),
  );
  return pairScores(notes, perLane);
}

/** The baseline at its best threshold on these notes (0.01 … 0.95): the most generous comparison. */
export function bestBaseline(notes: readonly FixtureNote[]): PairScores & { threshold: number } {
  let best = { precision: 0, recall: 0, f1: -1, threshold: 0 };
  const thresholds = [0.01, 0.02, 0.03, 0.04, ...Array.from({ length: 19 }, (_, i) => (i + 1) / 20)];
  for (const threshold of thresholds) {
    const scores = baselineScores(notes, threshold);
    if (scores.f1 > best.f1) best = { ...scores, threshold };
  }
  return best;
}

/**
 * Duplicate precision@3: each note with a partner in its pillar searches the other notes of its pillar; the
 * share of its answers (top three) with its label, over three (or over its partners when fewer).
 */
export function precisionAt3(
  tokenize: Tokenize,
  notes: readonly FixtureNote[],
  queried: (note: FixtureNote) => boolean = () => true,
): number {
  const board = analyse(tokenize, notes);
  const index = new BoardIndex(board);
  let sum = 0;
  let queries = 0;
  for (const note of notes) {
    if (!queried(note)) continue;
    const partners = notes.filter((o) => o.id !== note.id && o.pillar === note.pillar && o.label === note.label);
    if (partners.length === 0) continue;
    const candidates = board.filter((o) => o.id !== note.id && o.pillarId === note.pillar);
    const found = findSimilar(index, candidates, noteTerms(tokenize, note.text), 3);
    const hits = found.filter((f) => partners.some((p) => p.id === f.id)).length;
    sum += hits / Math.min(3, partners.length);
    queries++;
  }
  return queries === 0 ? 0 : sum / queries;
}
