import type { NoteTerms } from './tokenize.js';
import { inverseDocumentFrequency, tfidfVector, unseenIdf, type Vector } from './vectors.js';

/** A note as the suggestions see it: its place and its analysed terms. */
export interface AnalysedNote {
  id: string;
  pillarId: string;
  lane: string;
  terms: NoteTerms;
  /** Shown in a cluster: weighs in the board's statistics, never proposed to move. */
  clustered?: boolean;
}

/**
 * A board's word weights (idf over all its notes) and its notes' TF-IDF vectors, each computed once: the
 * analysis worker keeps the index while the board's notes do not change, so the similar-notes lookups while
 * someone types (the note being typed is left out of the board) cost one pass of dot products.
 */
export class BoardIndex {
  private readonly idf: Map<string, number>;
  private readonly unseen: number;
  private readonly vectors = new Map<string, Vector>();

  constructor(readonly notes: readonly AnalysedNote[]) {
    this.idf = inverseDocumentFrequency(notes.map((note) => note.terms));
    this.unseen = unseenIdf(notes.length);
  }

  /** The vector of one of the board's notes (by id, computed at the first ask). */
  vectorOf(note: AnalysedNote): Vector {
    let vector = this.vectors.get(note.id);
    if (!vector) {
      vector = this.weigh(note.terms);
      this.vectors.set(note.id, vector);
    }
    return vector;
  }

  /** Any terms (a text being typed) weighted by the board's idf. */
  weigh(terms: NoteTerms): Vector {
    return tfidfVector(terms, this.idf, this.unseen);
  }
}
