import { describe, expect, it } from 'vitest';
import {
  eraFiscalYear,
  eraFiscalYearRange,
  fiscalYearOf,
  formatFiscalYear,
  formatFiscalYearEn,
  formatFiscalYearRangeEn,
  formatFiscalYears,
  formatJapaneseDate,
  parseFiscalYearRange,
} from '../../shared/fiscalYear.js';

describe('fiscal years', () => {
  it('names fiscal years in the era written by the government', () => {
    expect(eraFiscalYear(2022)).toBe('令和4年度');
    expect(eraFiscalYear(2019)).toBe('令和元年度');
    expect(eraFiscalYear(2020)).toBe('令和2年度');
    expect(eraFiscalYear(2018)).toBe('平成30年度');
    expect(eraFiscalYear(1989)).toBe('平成元年度');
    expect(eraFiscalYear(1988)).toBe('昭和63年度');
  });

  it('writes both forms, in Japanese and in English', () => {
    expect(formatFiscalYear(2022)).toBe('令和4年度 (2022年度)');
    expect(formatFiscalYearEn(2022)).toBe('FY2022 (Reiwa 4)');
    expect(formatFiscalYearEn(2019)).toBe('FY2019 (Reiwa 1)');
    expect(formatFiscalYearEn(2018)).toBe('FY2018 (Heisei 30)');
  });

  it('starts the fiscal year on 1 April in Japan’s time zone, wherever the code runs', () => {
    // 31 March 2022 23:59 JST is 14:59 UTC: still 2021年度.
    expect(fiscalYearOf(Date.UTC(2022, 2, 31, 14, 59))).toBe(2021);
    // 1 April 2022 00:00 JST is 31 March 15:00 UTC: already 2022年度.
    expect(fiscalYearOf(Date.UTC(2022, 2, 31, 15, 0))).toBe(2022);
    expect(fiscalYearOf(new Date(Date.UTC(2023, 0, 15)))).toBe(2022);
  });

  it('writes a run of consecutive years as a range, other sets year by year', () => {
    expect(formatFiscalYears([2023, 2022])).toBe('令和4〜5年度 (2022〜2023年度)');
    expect(formatFiscalYears([2022, 2024])).toBe('令和4年度 (2022年度)・令和6年度 (2024年度)');
    expect(formatFiscalYears([2018, 2019])).toBe('平成30〜令和元年度 (2018〜2019年度)');
    expect(formatFiscalYears([2019, 2020])).toBe('令和元〜2年度 (2019〜2020年度)');
    expect(formatFiscalYears([2022, 2022])).toBe('令和4年度 (2022年度)');
    expect(formatFiscalYears([])).toBe('');
  });

  it('writes a date in both forms, in Japan’s time zone', () => {
    expect(formatJapaneseDate(Date.UTC(2022, 4, 9, 15, 30))).toBe('令和4年5月10日 (2022年5月10日)');
    expect(formatJapaneseDate(Date.UTC(2019, 3, 30, 12))).toBe('平成31年4月30日 (2019年4月30日)');
    expect(formatJapaneseDate(Date.UTC(2019, 4, 1, 12))).toBe('令和元年5月1日 (2019年5月1日)');
  });

  it('names a period by its eras, across an era change as the government writes it', () => {
    expect(eraFiscalYearRange(2027, 2028)).toBe('令和9〜10年度');
    expect(eraFiscalYearRange(2018, 2019)).toBe('平成30〜令和元年度');
    expect(eraFiscalYearRange(2019, 2020)).toBe('令和元〜2年度');
    expect(eraFiscalYearRange(1988, 1989)).toBe('昭和63〜平成元年度');
    expect(eraFiscalYearRange(2027, 2027)).toBe('令和9年度');
    expect(formatFiscalYearRangeEn(2027, 2028)).toBe('FY2027–2028 (Reiwa 9–10)');
    expect(formatFiscalYearRangeEn(2018, 2019)).toBe('FY2018–2019 (Heisei 30–Reiwa 1)');
    expect(formatFiscalYearRangeEn(2027, 2027)).toBe('FY2027 (Reiwa 9)');
  });

  it('reads the fiscal years a typed period names, in era or Western years', () => {
    expect(parseFiscalYearRange('令和4〜5年度に取り組む')).toEqual({ first: 2022, last: 2023 });
    expect(parseFiscalYearRange('令和6年度に取り組む')).toEqual({ first: 2024, last: 2024 });
    expect(parseFiscalYearRange('令和元年度')).toEqual({ first: 2019, last: 2019 });
    expect(parseFiscalYearRange('令和７～８年度')).toEqual({ first: 2025, last: 2026 });
    expect(parseFiscalYearRange('令和4年度〜令和6年度')).toEqual({ first: 2022, last: 2024 });
    expect(parseFiscalYearRange('平成30〜令和2年度')).toEqual({ first: 2018, last: 2020 });
    expect(parseFiscalYearRange('2027〜2028年度に取り組む')).toEqual({ first: 2027, last: 2028 });
    expect(parseFiscalYearRange('令和4〜5年度 (2022〜2023年度)に取り組む')).toEqual({ first: 2022, last: 2023 });
    for (const label of ['来年度に取り組む', '令和5年4月から', '', '令和5〜4年度', '2028〜2027年度']) {
      expect(parseFiscalYearRange(label)).toBeNull();
    }
  });
});
