import type { GroupSuggestion, SimilarNote } from '../../shared/suggestions.js';
import type { AnalysedNote, BoardIndex } from './boardIndex.js';
import { averageLinkageMerges, cutMerges } from './grouping.js';
import { NGRAM_MARK, type NoteTerms } from './tokenize.js';
import { asMap, cosine, similarityMatrix, type Vector } from './vectors.js';

export type { GroupSuggestion, SimilarNote } from '../../shared/suggestions.js';
export type { AnalysedNote } from './boardIndex.js';

/** The granularity the panel starts at, and the quality test measures (test/unit/suggestionQuality.test.ts). */
export const DEFAULT_GRANULARITY = 0.5;

/**
 * まとめ方 (granularity, 0 細かく … 1 大きく) → the lowest average similarity at which groups still merge, piecewise
 * linear: 0 → 0.3 (near-identical wording only), 0.5 → 0.1, 1 → 0.02 (one shared characteristic word is
 * enough; never 0, which would join notes that share nothing). The middle was chosen on the tuning half of the
 * labelled fixture, where 0.1 gives the best pairwise F1 (test/fixtures/suggestions/README.md).
 */
export function groupingThreshold(granularity: number): number {
  const g = Math.min(1, Math.max(0, granularity));
  return g <= 0.5 ? 0.3 - 0.4 * g : 0.1 - 0.16 * (g - 0.5);
}

/** Similar notes below this score are not worth a person's attention while typing. */
export const SIMILAR_MIN_SCORE = 0.1;
const TITLE_WORDS = 2;
const MAX_TERMS = 5;

/**
 * Words (never n-grams) in at least `minNotes` of the notes, by their summed weight over the notes' vectors;
 * nouns before verbs and adjectives (a title 紙・進む says less than 紙・ペーパーレス).
 */
function characteristicWords(
  vectors: readonly Vector[],
  notes: readonly AnalysedNote[],
  minNotes: number,
  nounsOnly = false,
): string[] {
  const isPredicate = (key: string) => notes.some((note) => note.terms.predicates?.has(key));
  const weight = new Map<string, number>();
  const noteCount = new Map<string, number>();
  for (const vector of vectors) {
    vector.keys.forEach((key, i) => {
      if (key.startsWith(NGRAM_MARK)) return;
      weight.set(key, (weight.get(key) ?? 0) + vector.weights[i]!);
      noteCount.set(key, (noteCount.get(key) ?? 0) + 1);
    });
  }
  return [...weight.entries()]
    .filter(([key]) => (noteCount.get(key) ?? 0) >= minNotes && !(nounsOnly && isPredicate(key)))
    .map(([key, sum]) => [key, isPredicate(key) ? sum - notes.length : sum] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([key]) => key);
}

/** The spellings of `keys` in one note, each once. */
function spellingsIn(note: AnalysedNote, keys: readonly string[]): string[] {
  return [...new Set(keys.flatMap((key) => note.terms.spellings?.get(key) ?? []))];
}

function shownWord(key: string, notes: readonly AnalysedNote[]): string {
  for (const note of notes) {
    const word = note.terms.shown.get(key);
    if (word !== undefined) return word;
  }
  return key;
}

/**
 * Suggested groups among `candidates` (the notes of one pillar and lane, or all lanes, not already in a
 * cluster), weighted over the whole board (`index`). Notes that fit no group are left out; the best groups first.
 */
export function suggestGroups(
  index: BoardIndex,
  candidates: readonly AnalysedNote[],
  granularity: number,
): GroupSuggestion[] {
  if (candidates.length < 2) return [];
  const vectors = candidates.map((note) => index.vectorOf(note));
  const merges = averageLinkageMerges(similarityMatrix(vectors), candidates.length);
  const groups = cutMerges(merges, candidates.length, groupingThreshold(granularity));
  return groups
    .map(({ members, similarity }): GroupSuggestion => {
      const notes = members.map((i) => candidates[i]!);
      const memberVectors = members.map((i) => vectors[i]!);
      const shared = characteristicWords(memberVectors, notes, 2);
      const sharedNouns = characteristicWords(memberVectors, notes, 2, true);
      const title = (sharedNouns.length > 0 ? sharedNouns : characteristicWords(memberVectors, notes, 1, true)).slice(
        0,
        TITLE_WORDS,
      );
      const terms = shared.slice(0, MAX_TERMS);
      return {
        noteIds: notes.map((note) => note.id),
        title: title.map((key) => shownWord(key, notes)).join('・'),
        terms: terms.map((key) => shownWord(key, notes)),
        highlights: Object.fromEntries(notes.map((note) => [note.id, spellingsIn(note, terms)])),
        score: Math.min(1, Math.max(0, Math.round(similarity * 1000) / 1000)),
      };
    })
    .sort((a, b) => b.noteIds.length * b.score - a.noteIds.length * a.score);
}

/** Up to `limit` notes among `candidates` most like `query` (a text being typed), with the words they share. */
export function findSimilar(
  index: BoardIndex,
  candidates: readonly AnalysedNote[],
  query: NoteTerms,
  limit = 3,
): SimilarNote[] {
  if (query.counts.size === 0) return [];
  const queryMap = asMap(index.weigh(query));
  const scored: Array<{ note: AnalysedNote; vector: Vector; score: number }> = [];
  for (const note of candidates) {
    const vector = index.vectorOf(note);
    const score = cosine(queryMap, vector);
    if (score >= SIMILAR_MIN_SCORE) scored.push({ note, vector, score });
  }
  scored.sort((a, b) => b.score - a.score || (a.note.id < b.note.id ? -1 : 1));
  return scored.slice(0, limit).map(({ note, vector, score }) => {
    // The shared words, those that weigh most in the score first.
    const shared = vector.keys
      .map((key, i) => ({ key, weight: vector.weights[i]! * (queryMap.get(key) ?? 0) }))
      .filter(({ key, weight }) => weight > 0 && !key.startsWith(NGRAM_MARK))
      .sort((a, b) => b.weight - a.weight)
      .slice(0, MAX_TERMS)
      .map(({ key }) => key);
    return {
      id: note.id,
      score: Math.min(1, Math.round(score * 1000) / 1000),
      terms: shared.map((key) => note.terms.shown.get(key) ?? key),
      highlights: spellingsIn(note, shared),
    };
  });
}
