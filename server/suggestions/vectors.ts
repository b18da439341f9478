import { NGRAM_MARK, type NoteTerms } from './tokenize.js';

/** A note's TF-IDF vector: term keys and their weights, of length 1 (so a dot product is the cosine). */
export interface Vector {
  keys: string[];
  weights: Float64Array;
}

/**
 * A character bigram says less than a word (it may be half of anything): it counts for half, so an unknown
 * word's pieces can tie two notes only when nothing better does.
 */
const NGRAM_WEIGHT = 0.5;

/**
 * Smoothed inverse document frequency over the board's notes (as scikit-learn's): a word in every note still
 * counts a little, a word in one note most. Computed over the whole board, so 窓口 on a board about counters
 * says less than on a board about meetings.
 */
export function inverseDocumentFrequency(notes: readonly NoteTerms[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const note of notes) for (const key of note.counts.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [key, count] of df) idf.set(key, Math.log((1 + notes.length) / (1 + count)) + 1);
  return idf;
}

/** Sublinear term frequency (a word written twice is not twice the topic) times idf, normalised to length 1. */
export function tfidfVector(terms: NoteTerms, idf: ReadonlyMap<string, number>, unseenIdf: number): Vector {
  const keys: string[] = [];
  const raw: number[] = [];
  let norm = 0;
  for (const [key, count] of terms.counts) {
    const weight =
      (1 + Math.log(count)) * (idf.get(key) ?? unseenIdf) * (key.startsWith(NGRAM_MARK) ? NGRAM_WEIGHT : 1);
    keys.push(key);
    raw.push(weight);
    norm += weight * weight;
  }
  const length = Math.sqrt(norm) || 1;
  return { keys, weights: Float64Array.from(raw, (weight) => weight / length) };
}

/** The idf of a word no note of the board has (a query's new word): the highest, as for a word in one note. */
export function unseenIdf(noteCount: number): number {
  return Math.log(1 + noteCount) + 1;
}

/** A vector as a map, for repeated dot products against one query. */
export function asMap(vector: Vector): Map<string, number> {
  const map = new Map<string, number>();
  vector.keys.forEach((key, i) => {
    map.set(key, vector.weights[i]!);
  });
  return map;
}

/** Cosine of two length-1 vectors: their dot product. */
export function cosine(query: ReadonlyMap<string, number>, other: Vector): number {
  let sum = 0;
  for (let i = 0; i < other.keys.length; i++) {
    const weight = query.get(other.keys[i]!);
    if (weight !== undefined) sum += weight * other.weights[i]!;
  }
  return sum;
}

/**
 * Every pair's cosine as a dense n×n matrix, through an inverted index (only pairs sharing a term cost
 * anything): for 3,000 notes, 36 MB and a few tens of milliseconds.
 */
export function similarityMatrix(vectors: readonly Vector[]): Float32Array {
  const n = vectors.length;
  const matrix = new Float32Array(n * n);
  const postings = new Map<string, Array<{ note: number; weight: number }>>();
  vectors.forEach((vector, note) => {
    vector.keys.forEach((key, i) => {
      const list = postings.get(key);
      const entry = { note, weight: vector.weights[i]! };
      if (list) list.push(entry);
      else postings.set(key, [entry]);
    });
  });
  for (const list of postings.values()) {
    for (let a = 0; a < list.length; a++) {
      const first = list[a]!;
      for (let b = a + 1; b < list.length; b++) {
        const second = list[b]!;
        const product = first.weight * second.weight;
        matrix[first.note * n + second.note]! += product;
        matrix[second.note * n + first.note]! += product;
      }
    }
  }
  return matrix;
}
