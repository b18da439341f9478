/** Voting rounds and their revealed results. Placeholder until voting lands. */
export function ResultsView() {
  return null;
}
