/**
 * Japanese fiscal years (年度) and era names. A fiscal year runs from April to March and is named by the
 * calendar year it starts in: 2022年度 is April 2022 – March 2023, 令和4年度. Every export shows both forms,
 * 「令和4年度 (2022年度)」, because the city hall writes eras and most tools sort by Western years.
 */

interface Era {
  name: string;
  /** How English writes it. */
  romaji: string;
  /** The first day of the era, as [year, month (1–12), day]. */
  start: readonly [number, number, number];
}

/** Newest first. Reiwa began on 1 May 2019, Heisei on 8 January 1989. */
const ERAS: readonly Era[] = [
  { name: '令和', romaji: 'Reiwa', start: [2019, 5, 1] },
  { name: '平成', romaji: 'Heisei', start: [1989, 1, 8] },
  { name: '昭和', romaji: 'Showa', start: [1926, 12, 25] },
];

const startsBefore = (era: Era, year: number, month: number, day: number) =>
  era.start[0] < year ||
  (era.start[0] === year && (era.start[1] < month || (era.start[1] === month && era.start[2] <= day)));

/** 「元」 for the first year of an era, as it is written. */
const eraYear = (era: Era, year: number) => {
  const n = year - era.start[0] + 1;
  return n === 1 ? '元' : String(n);
};

/**
 * The fiscal year a date belongs to (its Western starting year), read in Japan's time zone (UTC+9, no
 * daylight saving), so a meeting at 8:00 on 1 April counts for the new year wherever the server runs.
 */
export function fiscalYearOf(time: number | Date): number {
  const jst = new Date((time instanceof Date ? time.getTime() : time) + 9 * 3600_000);
  const year = jst.getUTCFullYear();
  return jst.getUTCMonth() >= 3 ? year : year - 1;
}

/**
 * The era a fiscal year is named in: the one in force on its first day (1 April), except 2019年度, which began
 * still in Heisei but is written 令和元年度 by the government, as the era changed within it.
 */
function eraOfFiscalYear(year: number): Era {
  return year === 2019 ? ERAS[0]! : (ERAS.find((e) => startsBefore(e, year, 4, 1)) ?? ERAS[ERAS.length - 1]!);
}

/** 「令和4年度」 for 2022. */
export function eraFiscalYear(year: number): string {
  const era = eraOfFiscalYear(year);
  return `${era.name}${eraYear(era, year)}年度`;
}

/** 「令和4年度 (2022年度)」: both forms, as every export writes a fiscal year. */
export function formatFiscalYear(year: number): string {
  return `${eraFiscalYear(year)} (${year}年度)`;
}

/** English: "FY2022 (Reiwa 4)". */
export function formatFiscalYearEn(year: number): string {
  const era = eraOfFiscalYear(year);
  return `FY${year} (${era.romaji} ${year - era.start[0] + 1})`;
}

/**
 * A run of fiscal years, as the plan writes a period: 「令和4〜5年度 (2022〜2023年度)」 for consecutive years,
 * else each one joined with 「・」. Empty for no years.
 */
export function formatFiscalYears(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  if (sorted.length === 0) return '';
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const consecutive = sorted.length > 1 && last - first === sorted.length - 1;
  if (consecutive) return `${eraFiscalYearRange(first, last)} (${first}〜${last}年度)`;
  return sorted.map(formatFiscalYear).join('・');
}

/**
 * 「令和9〜10年度」 for 2027–2028, 「平成30〜令和元年度」 across an era change (as the government writes it), or
 * 「令和9年度」 for one year: the era form alone, as a label names a period.
 */
export function eraFiscalYearRange(first: number, last: number): string {
  if (last <= first) return eraFiscalYear(first);
  const firstEra = eraOfFiscalYear(first);
  const lastEra = eraOfFiscalYear(last);
  const to = lastEra === firstEra ? eraYear(lastEra, last) : `${lastEra.name}${eraYear(lastEra, last)}`;
  return `${firstEra.name}${eraYear(firstEra, first)}〜${to}年度`;
}

/** English: "FY2027–2028 (Reiwa 9–10)", "FY2027 (Reiwa 9)". */
export function formatFiscalYearRangeEn(first: number, last: number): string {
  if (last <= first) return formatFiscalYearEn(first);
  const firstEra = eraOfFiscalYear(first);
  const lastEra = eraOfFiscalYear(last);
  const from = first - firstEra.start[0] + 1;
  const to = last - lastEra.start[0] + 1;
  const eras =
    lastEra === firstEra ? `${firstEra.romaji} ${from}–${to}` : `${firstEra.romaji} ${from}–${lastEra.romaji} ${to}`;
  return `FY${first}–${last} (${eras})`;
}

/** The Western year before each era's first year: 令和N年度 is fiscal year 2018 + N. */
const ERA_BASE: Record<string, number> = Object.fromEntries(ERAS.map((era) => [era.name, era.start[0] - 1]));

const toHalfWidth = (text: string) => text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const eraNumber = (n: string) => (n === '元' ? 1 : Number(n));

/**
 * 令和N年度 or 令和N〜M年度 (also 令和N年度〜令和M年度, ～ or ~, full-width digits, 元), as people type a period.
 * The second era may be omitted (the same era) or named (平成30〜令和2年度).
 */
const ERA_FISCAL_YEARS =
  /(令和|平成|昭和)\s*(元|[0-9０-９]{1,2})\s*(?:年度)?(?:\s*[〜～~\-－]\s*(令和|平成|昭和)?\s*(元|[0-9０-９]{1,2}))?\s*年度/;

/**
 * The first and last fiscal year of a period named in a label people typed: 「令和4〜5年度に取り組む」 → 2022–2023,
 * 「平成30〜令和2年度」 → 2018–2020, 「2027〜2028年度」 → 2027–2028. Null when the label names no fiscal year.
 */
export function parseFiscalYearRange(label: string): { first: number; last: number } | null {
  const text = toHalfWidth(label);
  const western = /((?:19|20)\d\d)\s*(?:年度)?(?:\s*[〜～~\-－]\s*((?:19|20)\d\d))?\s*年度/.exec(text);
  if (western) {
    const first = Number(western[1]);
    const last = western[2] === undefined ? first : Number(western[2]);
    return last >= first ? { first, last } : null;
  }
  const era = ERA_FISCAL_YEARS.exec(text);
  if (!era) return null;
  const [, firstEra = '', from = '', toEra, to] = era;
  const first = ERA_BASE[firstEra]! + eraNumber(from);
  const last = to === undefined ? first : ERA_BASE[toEra ?? firstEra]! + eraNumber(to);
  return last >= first ? { first, last } : null;
}

/** A date in both forms: 「令和4年5月10日 (2022年5月10日)」, read in Japan's time zone. */
export function formatJapaneseDate(time: number | Date): string {
  const jst = new Date((time instanceof Date ? time.getTime() : time) + 9 * 3600_000);
  const year = jst.getUTCFullYear();
  const month = jst.getUTCMonth() + 1;
  const day = jst.getUTCDate();
  const era = ERAS.find((e) => startsBefore(e, year, month, day)) ?? ERAS[ERAS.length - 1]!;
  return `${era.name}${eraYear(era, year)}年${month}月${day}日 (${year}年${month}月${day}日)`;
}
