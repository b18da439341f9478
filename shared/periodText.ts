import { eraFiscalYearRange, formatFiscalYearRangeEn, formatFiscalYears } from './fiscalYear.js';
import type { Lang, Translate } from './i18n/index.js';
import { type FiscalPeriod, periodYears } from './records/period.js';

/**
 * How the views and the exports name a board's period, in one place. Japanese writes the era alone in a
 * label (「令和9〜10年度」) and adds the Western years in documents; English always shows both.
 */

/** 「令和9〜10年度」, "FY2027–2028 (Reiwa 9–10)": the period in a label. */
export function periodName(period: FiscalPeriod, lang: Lang): string {
  return lang === 'ja'
    ? eraFiscalYearRange(period.first, period.last)
    : formatFiscalYearRangeEn(period.first, period.last);
}

/** 「令和9〜10年度 (2027〜2028年度)」: the period as a document writes it. */
export function periodInDocuments(period: FiscalPeriod, lang: Lang): string {
  return lang === 'ja' ? formatFiscalYears(periodYears(period)) : periodName(period, lang);
}

/** The shortlist's name: 「令和9〜10年度に取り組む」, "To do in FY2027–2028 (Reiwa 9–10)". */
export function shortlistName(period: FiscalPeriod, t: Translate, lang: Lang, inDocuments = false): string {
  return t('period.shortlist', { period: inDocuments ? periodInDocuments(period, lang) : periodName(period, lang) });
}
