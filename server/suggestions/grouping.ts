/**
 * Average-linkage (UPGMA) agglomerative grouping over a similarity matrix. The nearest-neighbour chain finds
 * the same merges as the textbook algorithm in O(n²) time instead of O(n³) (average linkage is reducible), so
 * 3,000 notes group in well under a second; the merges are then cut at the threshold.
 */

export interface Merge {
  a: number;
  b: number;
  /** The average similarity between the two merged groups' notes. */
  similarity: number;
}

/** Every merge of the full hierarchy. `matrix` (n×n, symmetric) is used as working memory and changed. */
export function averageLinkageMerges(matrix: Float32Array, n: number): Merge[] {
  const size = new Int32Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const merges: Merge[] = [];
  const chain: number[] = [];
  let remaining = n;
  while (remaining > 1) {
    if (chain.length === 0) chain.push(active.indexOf(1));
    const top = chain[chain.length - 1]!;
    const previous = chain.length > 1 ? chain[chain.length - 2]! : -1;
    // The nearest active neighbour of the chain's top; the previous link wins ties, so the chain ends.
    let best = previous;
    let bestSimilarity = previous >= 0 ? matrix[top * n + previous]! : -Infinity;
    for (let other = 0; other < n; other++) {
      if (!active[other] || other === top) continue;
      const similarity = matrix[top * n + other]!;
      if (similarity > bestSimilarity) {
        best = other;
        bestSimilarity = similarity;
      }
    }
    if (best !== previous) {
      chain.push(best);
      continue;
    }
    // Reciprocal nearest neighbours: merge `top` into `previous` (Lance–Williams update for average linkage).
    chain.length -= 2;
    merges.push({ a: previous, b: top, similarity: bestSimilarity });
    const sizeA = size[previous]!;
    const sizeB = size[top]!;
    for (let other = 0; other < n; other++) {
      if (!active[other] || other === previous || other === top) continue;
      const merged = (sizeA * matrix[previous * n + other]! + sizeB * matrix[top * n + other]!) / (sizeA + sizeB);
      matrix[previous * n + other] = merged;
      matrix[other * n + previous] = merged;
    }
    size[previous] = sizeA + sizeB;
    active[top] = 0;
    remaining--;
  }
  return merges;
}

/** The groups of two or more notes formed by every merge at or above `threshold`, with their last merge's similarity. */
export function cutMerges(
  merges: readonly Merge[],
  n: number,
  threshold: number,
): Array<{ members: number[]; similarity: number }> {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const lowest = new Map<number, number>();
  // Average linkage never merges above an earlier merge's similarity once sorted: cutting is a prefix.
  for (const merge of [...merges].sort((x, y) => y.similarity - x.similarity)) {
    if (merge.similarity < threshold) break;
    const rootA = find(merge.a);
    const rootB = find(merge.b);
    parent[rootB] = rootA;
    lowest.set(rootA, Math.min(merge.similarity, lowest.get(rootA) ?? 1, lowest.get(rootB) ?? 1));
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const list = groups.get(root);
    if (list) list.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.entries()]
    .filter(([, members]) => members.length > 1)
    .map(([root, members]) => ({ members, similarity: lowest.get(root) ?? 1 }));
}
