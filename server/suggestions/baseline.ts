import { averageLinkageMerges, cutMerges } from './grouping.js';
import type { NoteTerms } from './tokenize.js';
import { inverseDocumentFrequency, similarityMatrix, tfidfVector, unseenIdf } from './vectors.js';

/**
 * The plain baseline the issue measures us against (for the quality test and the bench only): TF-IDF over
 * character 2- and 3-grams after NFKC, cosine, average linkage. No dictionary, no synonyms.
 */
export function characterNgrams(text: string): NoteTerms {
  const chars = [...text.normalize('NFKC').replace(/\s+/gu, ' ').trim()];
  const counts = new Map<string, number>();
  for (const n of [2, 3]) {
    for (let i = 0; i + n <= chars.length; i++) {
      const gram = chars.slice(i, i + n).join('');
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return { counts, shown: new Map() };
}

/** The baseline's groups (indices into `texts`) at one similarity threshold. */
export function baselineGroups(texts: readonly string[], threshold: number): number[][] {
  const terms = texts.map(characterNgrams);
  const idf = inverseDocumentFrequency(terms);
  const vectors = terms.map((note) => tfidfVector(note, idf, unseenIdf(texts.length)));
  const merges = averageLinkageMerges(similarityMatrix(vectors), texts.length);
  return cutMerges(merges, texts.length, threshold).map((group) => group.members);
}
