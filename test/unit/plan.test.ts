import { describe, expect, it } from 'vitest';
import { buildPlan, isFinalPeriod, nextPeriod, planPeriods } from '../../shared/plan.js';

describe('the period table of a plan', () => {
  it('cuts the seed’s eight years (R4–R11) into 第1期 … 第4期 of two years', () => {
    expect(planPeriods(2022, 8, 2).map((p) => `${p.name} ${p.first}–${p.last}`)).toEqual([
      '第1期 2022–2023',
      '第2期 2024–2025',
      '第3期 2026–2027',
      '第4期 2028–2029',
    ]);
  });

  it('leaves a shorter last period when the length does not divide evenly, and crosses eras as years do', () => {
    expect(planPeriods(2017, 5, 2).map((p) => [p.first, p.last])).toEqual([
      [2017, 2018],
      [2019, 2020],
      [2021, 2021],
    ]);
  });

  it('knows the next period and the final one (検証・次期策定)', () => {
    const plan = { periods: planPeriods(2022, 8, 2) };
    expect(nextPeriod(plan, 1)?.name).toBe('第2期');
    expect(nextPeriod(plan, 4)).toBeNull();
    expect(isFinalPeriod(plan, 4)).toBe(true);
    expect(isFinalPeriod(plan, 3)).toBe(false);
  });

  it('takes a table the facilitator wrote, in order of years, with default names where none is given', () => {
    const built = buildPlan({
      name: '計画',
      firstYear: 2022,
      periods: [
        { first: 2025, last: 2029, name: '後期' },
        { first: 2022, last: 2024 },
      ],
    });
    expect(built.ok && built.plan.periods).toEqual([
      { number: 1, name: '第1期', first: 2022, last: 2024 },
      { number: 2, name: '後期', first: 2025, last: 2029 },
    ]);
  });

  it('refuses, with the reason, what is not a plan', () => {
    const problem = (input: Parameters<typeof buildPlan>[0]) => {
      const built = buildPlan(input);
      return built.ok ? null : built.problem;
    };
    expect(problem({ name: '  ', firstYear: 2022 })).toBe('plan-name-empty');
    expect(problem({ name: '計画', firstYear: 2022, years: 21 })).toBe('plan-years-invalid');
    expect(problem({ name: '計画', firstYear: 1800 })).toBe('plan-years-invalid');
    expect(problem({ name: '計画', firstYear: 2022, periodYears: 9 })).toBe('plan-period-years-invalid');
    expect(
      problem({
        name: '計画',
        firstYear: 2022,
        periods: [
          { first: 2022, last: 2024 },
          { first: 2024, last: 2025 },
        ],
      }),
    ).toBe('plan-periods-overlap');
    expect(problem({ name: '計画', firstYear: 2022, periods: [{ first: 2028, last: 2030 }] })).toBe(
      'plan-period-outside',
    );
    expect(problem({ name: '計画', firstYear: 2022, periods: [{ first: 2023, last: 2022 }] })).toBe(
      'plan-period-invalid',
    );
  });
});
