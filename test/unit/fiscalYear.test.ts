import { describe, expect, it } from 'vitest';
import {
  eraFiscalYear,
  fiscalYearOf,
  formatFiscalYear,
  formatFiscalYearEn,
  formatFiscalYears,
  formatJapaneseDate,
  offeredFiscalYears,
  planBaseYear,
  withWesternFiscalYears,
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
    expect(formatFiscalYears([2018, 2019])).toBe('平成30年度 (2018年度)・令和元年度 (2019年度)');
    expect(formatFiscalYears([2019, 2020])).toBe('令和元〜2年度 (2019〜2020年度)');
    expect(formatFiscalYears([2022, 2022])).toBe('令和4年度 (2022年度)');
    expect(formatFiscalYears([])).toBe('');
  });

  it('writes a date in both forms, in Japan’s time zone', () => {
    expect(formatJapaneseDate(Date.UTC(2022, 4, 9, 15, 30))).toBe('令和4年5月10日 (2022年5月10日)');
    expect(formatJapaneseDate(Date.UTC(2019, 3, 30, 12))).toBe('平成31年4月30日 (2019年4月30日)');
    expect(formatJapaneseDate(Date.UTC(2019, 4, 1, 12))).toBe('令和元年5月1日 (2019年5月1日)');
  });

  it('offers the year before the base and the four after it, plus the years already chosen', () => {
    expect(offeredFiscalYears(2022)).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    expect(offeredFiscalYears(2022, [2030, 2022])).toEqual([2021, 2022, 2023, 2024, 2025, 2026, 2030]);
  });

  it('adds the Western years to a typed period naming era fiscal years', () => {
    expect(withWesternFiscalYears('令和4〜5年度に取り組む')).toBe('令和4〜5年度 (2022〜2023年度)に取り組む');
    expect(withWesternFiscalYears('令和6年度に取り組む')).toBe('令和6年度 (2024年度)に取り組む');
    expect(withWesternFiscalYears('令和元年度')).toBe('令和元年度 (2019年度)');
    expect(withWesternFiscalYears('令和７～８年度')).toBe('令和７～８年度 (2025〜2026年度)');
    expect(withWesternFiscalYears('令和4年度〜令和6年度')).toBe('令和4年度〜令和6年度 (2022〜2024年度)');
    expect(withWesternFiscalYears('平成30〜令和2年度')).toBe('平成30〜令和2年度 (2018〜2020年度)');
    expect(withWesternFiscalYears('令和4年度と令和6年度')).toBe('令和4年度 (2022年度)と令和6年度 (2024年度)');
  });

  it('leaves a period alone that names no era fiscal year or already shows Western years', () => {
    for (const label of [
      '来年度に取り組む',
      '令和4〜5年度 (2022〜2023年度)に取り組む',
      '2024年度',
      '令和5年4月から',
      '',
    ]) {
      expect(withWesternFiscalYears(label)).toBe(label);
    }
    // A range written backwards is not a period: nothing is guessed.
    expect(withWesternFiscalYears('令和5〜4年度')).toBe('令和5〜4年度');
  });

  it('starts a plan from the first real meeting date, else from now, whatever another tool wrote', () => {
    const now = Date.UTC(2025, 5, 1);
    expect(planBaseYear(['2026-04-01', '2027-05-01'], now)).toBe(2026);
    expect(planBaseYear(['2026-03-31'], now)).toBe(2025);
    expect(planBaseYear(['2026-99-99', '2027-05-01'], now)).toBe(2027);
    expect(planBaseYear(['2026-02-30'], now)).toBe(2025);
    expect(planBaseYear(['令和8年'], now)).toBe(2025);
    expect(planBaseYear([], now)).toBe(2025);
  });
});
