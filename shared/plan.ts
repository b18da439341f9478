import { TITLE_MAX } from './limits.js';
import { checkPeriod, type FiscalPeriod } from './records/period.js';

/**
 * A plan (計画): the eight-year みんなにやさしいデジタル市役所計画 of the seed, renewed in implementation periods
 * of two fiscal years each (〔第1期〕 R4–R5 … 〔第4期〕 R10–R11, the last one verifying the whole plan and drafting
 * the next). Boards belong to at most one period of one plan. Pure: the server stores plans (server/planStore.ts)
 * and every board of a plan reads its period from here.
 */
export interface PlanPeriod extends FiscalPeriod {
  /** 1, 2, … in order of their years. */
  number: number;
  /** 「第1期」, or the name the plan gives it. */
  name: string;
}

export interface PlanShape {
  name: string;
  /** The plan's first fiscal year (Western starting year): 2022 for 令和4年度. */
  firstYear: number;
  /** Its length in fiscal years (the seed: 8). */
  years: number;
  /** The length of one implementation period (the seed: 2). */
  periodYears: number;
  periods: PlanPeriod[];
}

export const PLAN_DEFAULT_YEARS = 8;
export const PLAN_DEFAULT_PERIOD_YEARS = 2;
/** Beyond any municipal plan (総合計画 run ten years); a longer one is a typing mistake. */
export const PLAN_MAX_YEARS = 20;
export const PLAN_NAME_MAX = TITLE_MAX;

export type PlanProblem =
  | 'plan-name-empty'
  | 'plan-name-too-long'
  | 'plan-years-invalid'
  | 'plan-period-years-invalid'
  | 'plan-period-invalid'
  | 'plan-periods-overlap'
  | 'plan-period-outside'
  | 'plan-period-name-invalid';

/** 「第1期」: how the seed names a period. */
export const periodDefaultName = (number: number) => `第${number}期`;

/**
 * The period table of a plan cut into equal periods from its first year: 8 years by 2 from 2022 are
 * 第1期 2022–2023 … 第4期 2028–2029. A length that does not divide evenly leaves a shorter last period.
 */
export function planPeriods(firstYear: number, years: number, periodYears: number): PlanPeriod[] {
  const periods: PlanPeriod[] = [];
  for (let first = firstYear, number = 1; first < firstYear + years; first += periodYears, number++) {
    const last = Math.min(first + periodYears, firstYear + years) - 1;
    periods.push({ number, name: periodDefaultName(number), first, last });
  }
  return periods;
}

/** What a plan is made from: the table is generated unless given (names and years the facilitator chose). */
export interface PlanInput {
  name: string;
  firstYear: number;
  years?: number;
  periodYears?: number;
  periods?: { name?: string; first: number; last: number }[];
}

/** A plan from its input, or why it cannot be one (the reason a person can act on). */
export function buildPlan(input: PlanInput): { ok: true; plan: PlanShape } | { ok: false; problem: PlanProblem } {
  const name = input.name.trim();
  if (name === '') return { ok: false, problem: 'plan-name-empty' };
  if (name.length > PLAN_NAME_MAX) return { ok: false, problem: 'plan-name-too-long' };
  const years = input.years ?? PLAN_DEFAULT_YEARS;
  const periodYears = input.periodYears ?? PLAN_DEFAULT_PERIOD_YEARS;
  if (!Number.isInteger(years) || years < 1 || years > PLAN_MAX_YEARS)
    return { ok: false, problem: 'plan-years-invalid' };
  if (!Number.isInteger(periodYears) || periodYears < 1 || periodYears > years) {
    return { ok: false, problem: 'plan-period-years-invalid' };
  }
  if (checkPeriod({ first: input.firstYear, last: input.firstYear }) !== null) {
    return { ok: false, problem: 'plan-years-invalid' };
  }
  const lastYear = input.firstYear + years - 1;
  const given = input.periods;
  const periods = given
    ? [...given]
        .sort((a, b) => a.first - b.first)
        .map((p, index) => ({
          number: index + 1,
          name: p.name?.trim() || periodDefaultName(index + 1),
          first: p.first,
          last: p.last,
        }))
    : planPeriods(input.firstYear, years, periodYears);
  for (const [index, period] of periods.entries()) {
    if (checkPeriod(period) !== null) return { ok: false, problem: 'plan-period-invalid' };
    if (period.name.length > PLAN_NAME_MAX) return { ok: false, problem: 'plan-period-name-invalid' };
    if (period.first < input.firstYear || period.last > lastYear) return { ok: false, problem: 'plan-period-outside' };
    const previous = periods[index - 1];
    if (previous && period.first <= previous.last) return { ok: false, problem: 'plan-periods-overlap' };
  }
  if (periods.length === 0) return { ok: false, problem: 'plan-period-invalid' };
  return { ok: true, plan: { name, firstYear: input.firstYear, years, periodYears, periods } };
}

/** The period after `number`, or null for the plan's last one. */
export const nextPeriod = (plan: Pick<PlanShape, 'periods'>, number: number): PlanPeriod | null =>
  plan.periods.find((p) => p.number === number + 1) ?? null;

/** The plan's last period verifies the whole plan and drafts the next one (検証・次期策定). */
export const isFinalPeriod = (plan: Pick<PlanShape, 'periods'>, number: number): boolean =>
  plan.periods.length > 0 && plan.periods[plan.periods.length - 1]!.number === number;
