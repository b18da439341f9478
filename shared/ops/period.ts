import * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import { LOCAL_ORIGIN } from '../origin.js';
import { periodPhrase } from '../records/meeting.js';
import { checkPeriod, type FiscalPeriod, type PeriodProblem, readStoredPeriod, samePeriod } from '../records/period.js';
import { type BoardError, fail, ok, type Result } from '../result.js';

const PROBLEM_ERRORS: Record<PeriodProblem, BoardError> = {
  'period-invalid': 'periodInvalid',
  'period-reversed': 'periodReversed',
  'period-too-long': 'periodTooLong',
};

/** The meeting texts that may name the period (the seed's 第3回 produces 「…に取り組む課題」). */
const MEETING_TEXT_KEYS = ['task', 'agenda', 'produces'] as const;

/**
 * Rewrites 「<old period>に取り組む」 into the new period's phrase in every meeting text. Only that phrase, which
 * the seed writes: a meeting that mentions another fiscal year in other words (a report on last year's work)
 * keeps it. Call inside a transaction.
 */
export function renamePeriodInMeetings(doc: Y.Doc, from: FiscalPeriod, to: FiscalPeriod): void {
  const oldPhrase = periodPhrase(from);
  const newPhrase = periodPhrase(to);
  if (oldPhrase === newPhrase) return;
  settingsRoots.meetings(doc).forEach((meeting) => {
    if (!(meeting instanceof Y.Map)) return;
    for (const key of MEETING_TEXT_KEYS) {
      const text = meeting.get(key);
      if (typeof text === 'string' && text.includes(oldPhrase)) meeting.set(key, text.split(oldPhrase).join(newPhrase));
    }
  });
}

/**
 * Sets the fiscal years the board works on (facilitator, ボードの設定; the server for a board in a plan). The
 * meeting plan's mentions of the old period follow in the same change.
 */
export function setBoardPeriod(doc: Y.Doc, period: FiscalPeriod, origin: unknown = LOCAL_ORIGIN): Result<FiscalPeriod> {
  const problem = checkPeriod(period);
  if (problem) return fail(PROBLEM_ERRORS[problem]);
  const before = readStoredPeriod(doc);
  if (before && samePeriod(before, period)) return ok(before);
  const value = { first: period.first, last: period.last };
  doc.transact(() => {
    settingsRoots.meta(doc).set('period', value);
    if (before) renamePeriodInMeetings(doc, before, value);
  }, origin);
  return ok(value);
}
