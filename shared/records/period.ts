import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import { fiscalYearOf } from '../fiscalYear.js';

/**
 * The fiscal years a board's work is for (its 実施計画's period): the shortlist's name, the initiatives'
 * fiscal-year choices, the meeting plan and every export read it from here, so they cannot disagree.
 * Stored in the settings document as `meta.period` = `{ first, last }` (Western starting years of the first
 * and last fiscal year, both included), written by the facilitator (ボードの設定) or by the server.
 */
export interface FiscalPeriod {
  first: number;
  last: number;
}

/** A 実施計画 runs two years; ten is beyond any plan period, so a longer one is a typing mistake. */
export const PERIOD_MAX_YEARS = 10;
/** 昭和元年度 to a century ahead: outside this, a year is a typing mistake. */
export const PERIOD_FIRST_YEAR_MIN = 1926;
export const PERIOD_LAST_YEAR_MAX = 2199;

export type PeriodProblem = 'period-invalid' | 'period-reversed' | 'period-too-long';

/** Why a period cannot be stored, or null when it can. */
export function checkPeriod(period: FiscalPeriod): PeriodProblem | null {
  const { first, last } = period;
  if (!Number.isInteger(first) || !Number.isInteger(last)) return 'period-invalid';
  if (first < PERIOD_FIRST_YEAR_MIN || last > PERIOD_LAST_YEAR_MAX) return 'period-invalid';
  if (last < first) return 'period-reversed';
  if (last - first + 1 > PERIOD_MAX_YEARS) return 'period-too-long';
  return null;
}

/**
 * The period a board outside a plan works on by default: the two fiscal years after the current one, in
 * Japan's time (April–March). On any day of 令和8年度 (April 2026 – March 2027) that is 令和9〜10年度: the
 * group drafts now what the city hall will do next, never a period already under way or over.
 */
export function defaultPeriod(now: number): FiscalPeriod {
  const current = fiscalYearOf(now);
  return { first: current + 1, last: current + 2 };
}

/** A stored value as a period, or null when it is not one (another tool's value, a half-written one). */
export function asPeriod(value: unknown): FiscalPeriod | null {
  if (typeof value !== 'object' || value === null) return null;
  const { first, last } = value as Record<string, unknown>;
  if (typeof first !== 'number' || typeof last !== 'number') return null;
  const period = { first, last };
  return checkPeriod(period) === null ? period : null;
}

/** The board's own period, or null when it has none (a document made by another tool). */
export function readStoredPeriod(doc: Y.Doc): FiscalPeriod | null {
  return asPeriod(settingsRoots.meta(doc).get('period'));
}

/** The period of the plan the board belongs to (`server.plan.period`, shared/records/boardPlan.ts), if any. */
function planPeriodOf(doc: Y.Doc): FiscalPeriod | null {
  const plan = settingsRoots.server(doc).get('plan');
  return typeof plan === 'object' && plan !== null ? asPeriod((plan as Record<string, unknown>).period) : null;
}

/**
 * The period a board works on: its plan period's when it belongs to a plan (the server's word, which a
 * facilitator's edit of `meta.period` cannot contradict), else its own, else the default for `now`.
 */
export function readBoardPeriod(doc: Y.Doc, now: number): FiscalPeriod {
  return planPeriodOf(doc) ?? readStoredPeriod(doc) ?? defaultPeriod(now);
}

/** Every fiscal year of a period, in order. */
export function periodYears(period: FiscalPeriod): number[] {
  const years: number[] = [];
  for (let year = period.first; year <= period.last; year++) years.push(year);
  return years;
}

/** The fiscal years an initiative can be planned for: the period's, and any it already names (kept visible). */
export function offeredFiscalYears(period: FiscalPeriod, alsoInclude: readonly number[] = []): number[] {
  return [...new Set([...periodYears(period), ...alsoInclude])].sort((a, b) => a - b);
}

export const samePeriod = (a: FiscalPeriod, b: FiscalPeriod) => a.first === b.first && a.last === b.last;
