import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { settingsRoots } from '../../shared/docs.js';
import { translator } from '../../shared/i18n/index.js';
import { migrateSettingsDoc } from '../../shared/migrations.js';
import { setBoardPeriod } from '../../shared/ops/period.js';
import { periodInDocuments, shortlistName } from '../../shared/periodText.js';
import { listMeetings } from '../../shared/records/meeting.js';
import {
  checkPeriod,
  defaultPeriod,
  offeredFiscalYears,
  readBoardPeriod,
  readStoredPeriod,
} from '../../shared/records/period.js';
import { initialiseSettingsDoc } from '../../shared/template.js';

/** A time in Japan (UTC+9) as ms since the epoch. */
const jst = (year: number, month: number, day: number, hour = 12, minute = 0) =>
  Date.UTC(year, month - 1, day, hour - 9, minute);

const producesOfThirdMeeting = (doc: Y.Doc) => listMeetings(settingsRoots.meetings(doc))[2]?.produces;

describe('the default period', () => {
  it('is the two fiscal years after the current one, on a day of every month', () => {
    // 令和8年度 runs from April 2026 to March 2027: every day of it plans for 令和9〜10年度.
    for (const [year, month] of [
      [2026, 4],
      [2026, 5],
      [2026, 6],
      [2026, 7],
      [2026, 8],
      [2026, 9],
      [2026, 10],
      [2026, 11],
      [2026, 12],
      [2027, 1],
      [2027, 2],
      [2027, 3],
    ] as const) {
      expect(defaultPeriod(jst(year, month, 15)), `${year}-${month}`).toEqual({ first: 2027, last: 2028 });
    }
    expect(defaultPeriod(jst(2026, 3, 15))).toEqual({ first: 2026, last: 2027 });
  });

  it('moves on at midnight of 1 April in Japan, wherever the server runs', () => {
    expect(defaultPeriod(jst(2027, 3, 31, 23, 59))).toEqual({ first: 2027, last: 2028 });
    expect(defaultPeriod(jst(2027, 4, 1, 0, 0))).toEqual({ first: 2028, last: 2029 });
    // 1 April 00:00 JST is still 31 March in UTC.
    expect(new Date(jst(2027, 4, 1, 0, 0)).getUTCDate()).toBe(31);
  });

  it('is written into a new board, with the meeting plan naming it', () => {
    const doc = new Y.Doc();
    initialiseSettingsDoc(doc, '部会', undefined, jst(2026, 12, 6));
    expect(readStoredPeriod(doc)).toEqual({ first: 2027, last: 2028 });
    expect(producesOfThirdMeeting(doc)).toBe('令和9〜10年度に取り組む課題（取り組み候補）と取組案の素案');
  });
});

describe('a board’s period', () => {
  it('refuses what is not a period, with the reason', () => {
    expect(checkPeriod({ first: 2027, last: 2028 })).toBeNull();
    expect(checkPeriod({ first: 2028, last: 2027 })).toBe('period-reversed');
    expect(checkPeriod({ first: 2027, last: 2037 })).toBe('period-too-long');
    expect(checkPeriod({ first: 2027.5, last: 2028 })).toBe('period-invalid');
    expect(checkPeriod({ first: 1900, last: 1901 })).toBe('period-invalid');
    const doc = new Y.Doc();
    initialiseSettingsDoc(doc, '部会', undefined, jst(2026, 12, 6));
    const before = Y.encodeStateAsUpdate(doc);
    expect(setBoardPeriod(doc, { first: 2029, last: 2028 })).toEqual({ ok: false, error: 'periodReversed' });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('renames the period in the meeting plan when it changes, and only that phrase', () => {
    const doc = new Y.Doc();
    initialiseSettingsDoc(doc, '部会', undefined, jst(2026, 12, 6));
    const [, second] = listMeetings(settingsRoots.meetings(doc));
    // A meeting that mentions the period in other words keeps them.
    (settingsRoots.meetings(doc).get(second!.id) as Y.Map<unknown>).set('produces', '令和9〜10年度の振り返り');
    expect(setBoardPeriod(doc, { first: 2028, last: 2029 }).ok).toBe(true);
    expect(readBoardPeriod(doc, 0)).toEqual({ first: 2028, last: 2029 });
    expect(producesOfThirdMeeting(doc)).toBe('令和10〜11年度に取り組む課題（取り組み候補）と取組案の素案');
    expect(listMeetings(settingsRoots.meetings(doc))[1]?.produces).toBe('令和9〜10年度の振り返り');
  });

  it('offers the period’s fiscal years for initiatives, and any year one already names', () => {
    expect(offeredFiscalYears({ first: 2027, last: 2028 })).toEqual([2027, 2028]);
    expect(offeredFiscalYears({ first: 2027, last: 2028 }, [2030, 2027])).toEqual([2027, 2028, 2030]);
  });

  it('is named the same way by the views and the documents', () => {
    const ja = translator('ja');
    const en = translator('en');
    const period = { first: 2027, last: 2028 };
    expect(shortlistName(period, ja, 'ja')).toBe('令和9〜10年度に取り組む');
    expect(shortlistName(period, ja, 'ja', true)).toBe('令和9〜10年度 (2027〜2028年度)に取り組む');
    expect(shortlistName(period, en, 'en')).toBe('To do in FY2027–2028 (Reiwa 9–10)');
    expect(periodInDocuments({ first: 2018, last: 2019 }, 'ja')).toBe('平成30〜令和元年度 (2018〜2019年度)');
  });
});

describe('the migration to a structured period (settings schema 2 → 3)', () => {
  /** A settings document of schema 2: the label free text, the seed's 第3回 naming 令和4〜5年度. */
  function version2(label?: string): Y.Doc {
    const doc = new Y.Doc();
    initialiseSettingsDoc(doc, '部会', undefined, jst(2021, 6, 1));
    const meta = settingsRoots.meta(doc);
    meta.set('schemaVersion', 2);
    meta.delete('period');
    if (label !== undefined) settingsRoots.prioritization(doc).set('targetPeriod', label);
    return doc;
  }

  it('reads the years of the label the facilitator typed', () => {
    const doc = version2('令和6〜7年度に取り組む');
    expect(migrateSettingsDoc(doc, null, jst(2026, 12, 6))).toBe('migrated');
    expect(readStoredPeriod(doc)).toEqual({ first: 2024, last: 2025 });
    // The label as typed is kept (nothing a person wrote is lost), though nothing reads it any more.
    expect(settingsRoots.prioritization(doc).get('targetPeriod')).toBe('令和6〜7年度に取り組む');
    // The seed's text, never updated when the label changed, now follows the period.
    expect(producesOfThirdMeeting(doc)).toBe('令和6〜7年度に取り組む課題（取り組み候補）と取組案の素案');
  });

  it('gives a board that never chose a period the default, not the kickoff deck’s years long over', () => {
    for (const label of [undefined, '今期に取り組む']) {
      const doc = version2(label);
      migrateSettingsDoc(doc, null, jst(2026, 12, 6));
      expect(readStoredPeriod(doc)).toEqual({ first: 2027, last: 2028 });
      expect(producesOfThirdMeeting(doc)).toBe('令和9〜10年度に取り組む課題（取り組み候補）と取組案の素案');
    }
  });

  it('keeps a period already stored (a newer tool wrote it), and migrates only once', () => {
    const doc = version2();
    settingsRoots.meta(doc).set('period', { first: 2030, last: 2031 });
    migrateSettingsDoc(doc, null, jst(2026, 12, 6));
    expect(readStoredPeriod(doc)).toEqual({ first: 2030, last: 2031 });
    expect(migrateSettingsDoc(doc, null, jst(2040, 1, 1))).toBe('current');
    expect(readStoredPeriod(doc)).toEqual({ first: 2030, last: 2031 });
  });
});
