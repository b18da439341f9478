import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearOf } from '../../shared/fiscalYear.js';
import { translator } from '../../shared/i18n/index.js';
import { setBoardPeriod } from '../../shared/ops/period.js';
import { shortlistName } from '../../shared/periodText.js';
import { defaultPeriod, readStoredPeriod } from '../../shared/records/period.js';
import { download } from './exportHelpers.js';
import { connectSynced, createBoard, startTestServer, type TestServer, tempDataDir, waitFor } from './helpers.js';

const ja = translator('ja');

/** Every fiscal year a text names in Western years: 「2027年度」, 「2027〜2028年度」 (both ends). */
function westernFiscalYears(text: string): number[] {
  return [...text.matchAll(/(\d{4})(?:〜(\d{4}))?年度/g)].flatMap((m) => [Number(m[1]), Number(m[2] ?? m[1])]);
}

describe('the board’s period, from creation to the documents', () => {
  let server: TestServer;
  const data = tempDataDir();
  beforeAll(async () => {
    server = await startTestServer({ dataDir: data.dir });
  });
  afterAll(async () => {
    await server?.close();
    data.remove();
  });

  it('plans a board created today for the two fiscal years after this one, and its exports never name a period over', async () => {
    const board = await createBoard(server.url, '期間');
    const viewer = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.viewer);
    const period = readStoredPeriod(viewer.doc);
    viewer.destroy();
    // In 令和8年度 (April 2026 – March 2027) that is 令和9〜10年度.
    expect(period).toEqual(defaultPeriod(Date.now()));
    expect(period!.first).toBe(fiscalYearOf(Date.now()) + 1);

    const md = await download(server.url, board.id, board.tokens.facilitator, 'md');
    expect(md.status).toBe(200);
    expect(md.text).toContain(shortlistName(period!, ja, 'ja', true));
    const named = westernFiscalYears(md.text);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((year) => year <= fiscalYearOf(Date.now()))).toEqual([]);
  });

  it('follows the facilitator’s change everywhere: the shortlist’s name and the meeting plan of the documents', async () => {
    const board = await createBoard(server.url, '期間の変更');
    const facilitator = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.facilitator);
    const next = { first: fiscalYearOf(Date.now()) + 3, last: fiscalYearOf(Date.now()) + 4 };
    expect(setBoardPeriod(facilitator.doc, next).ok).toBe(true);
    const observer = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.viewer);
    await waitFor(() => readStoredPeriod(observer.doc)?.first === next.first, 'the server to store the period');
    facilitator.destroy();
    observer.destroy();

    const md = await download(server.url, board.id, board.tokens.facilitator, 'md');
    expect(md.text).toContain(shortlistName(next, ja, 'ja', true));
    // The seed's 第3回 produces 「<period>に取り組む課題…」: the new period, and no other is named anywhere.
    expect(new Set(westernFiscalYears(md.text))).toEqual(new Set([next.first, next.last]));
  });
});
