/** The items marked for the target period. Placeholder until the shortlist lands. */
export function ShortlistView() {
  return null;
}
