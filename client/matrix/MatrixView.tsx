/** The priority matrix (効果 × 実現しやすさ). Placeholder until the matrix lands. */
export function MatrixView() {
  return null;
}
