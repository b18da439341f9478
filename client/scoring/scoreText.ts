/** A median or quartile as shown: whole numbers without decimals, others with up to two (3, 3.5, 1.75). */
export function formatScore(value: number): string {
  return String(Math.round(value * 100) / 100);
}
