/** Latency histograms that worker processes can merge, percentiles, and the printed table. */

/** Counts by bucket: 0.1 ms wide below 100 ms, 1 ms wide above. Serialisable as JSON. */
export type Histogram = Record<string, number>;

export function bucketOf(ms: number): number {
  const value = Math.max(0, ms);
  return value < 100 ? Math.round(value * 10) / 10 : Math.round(value);
}

export function record(histogram: Histogram, ms: number): void {
  const key = String(bucketOf(ms));
  histogram[key] = (histogram[key] ?? 0) + 1;
}

export function merge(into: Histogram, from: Histogram): Histogram {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
  return into;
}

export function count(histogram: Histogram): number {
  return Object.values(histogram).reduce((sum, n) => sum + n, 0);
}

/** The value at quantile `q` (0–1) of a histogram. */
export function quantile(histogram: Histogram, q: number): number {
  const entries = Object.entries(histogram)
    .map(([key, n]) => [Number(key), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return Number.NaN;
  let seen = 0;
  for (const [value, n] of entries) {
    seen += n;
    if (seen >= q * total) return value;
  }
  return entries.at(-1)?.[0] ?? Number.NaN;
}

export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

export function median(values: number[]): number {
  return percentile(values, 0.5);
}

/** One line of the table: a figure for ours and, where the reference server does the same work, for it. */
export interface Row {
  scenario: string;
  figure: string;
  unit: string;
  ours: number;
  reference?: number;
  /** The target, as text (e.g. "≤ 0.8× ref", "≤ 50 ms"). */
  target?: string;
  /** Whether the target is met (undefined: no target). */
  met?: boolean;
  note?: string;
}

export function ratio(row: Row): number | undefined {
  return row.reference === undefined || row.reference === 0 ? undefined : row.ours / row.reference;
}

function show(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function printTable(rows: Row[]): void {
  const cells = rows.map((row) => {
    const r = ratio(row);
    return [
      row.scenario,
      row.figure,
      row.unit,
      show(row.ours),
      show(row.reference),
      r === undefined ? '–' : `${r.toFixed(2)}×`,
      row.target ?? '',
      row.met === undefined ? '' : row.met ? 'met' : 'NOT met',
    ];
  });
  const header = ['scenario', 'figure', 'unit', 'ours', 'reference', 'ours/ref', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c.map((cell, i) => (i >= 3 && i <= 5 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
  const notes = rows.filter((row) => row.note);
  if (notes.length > 0) {
    console.log('');
    for (const row of notes) console.log(`  ${row.scenario} / ${row.figure}: ${row.note}`);
  }
}
