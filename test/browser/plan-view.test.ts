import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import { readContinued } from '../../shared/records/continued';
import { connectSynced, waitFor } from '../server/helpers';
import {
  addPlannedInitiatives,
  FIRST_PERIOD_INITIATIVES,
  PLAN_NAME,
  planCall,
  SECOND_PERIOD_INITIATIVE,
  writeVerifications,
} from '../tools/planFixture';
import { seriousViolations } from './axe';
import { BrowserHarness, type CreatedBoard, shown } from './harness';

/**
 * The plan view (「計画」, issue 17): a plan with two periods made through the API — 第1期's board with three
 * initiatives, 「次期のボードを作る」, the verification and a new initiative in 第2期's board — shows every
 * initiative across the periods, by pillar, as a table a keyboard and a screen reader can use.
 */
describe('the plan view: every initiative across the plan’s periods', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  /** Edits a board's documents as a stock Yjs client and waits until a second client sees `done`. */
  async function edit(
    board: string,
    token: string,
    change: (doc: Y.Doc, settings: Y.Doc) => void,
    done: (doc: Y.Doc) => boolean,
  ) {
    const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
    const settings = await connectSynced(wsUrl, `${board}/settings`, token);
    const writer = await connectSynced(wsUrl, board, token);
    change(writer.doc, settings.doc);
    const observer = await connectSynced(wsUrl, board, token);
    await waitFor(() => done(observer.doc), `the edit of ${board} to be stored`);
    for (const client of [settings, writer, observer]) client.destroy();
  }

  /** 第1期 and 第2期 of a plan of `years` (8: the seed's; 4: 第2期 is the plan's last). */
  async function twoPeriods(years = 8): Promise<{ first: CreatedBoard; next: CreatedBoard }> {
    const url = harness.server.url;
    const first = await harness.createBoard('庁内部会');
    await planCall(url, 'POST', `/api/boards/${first.id}/plan`, first.tokens.facilitator, {
      name: PLAN_NAME,
      firstYear: 2022,
      years,
      year: 2022,
    });
    await edit(
      first.id,
      first.tokens.facilitator,
      (doc, settings) => addPlannedInitiatives(doc, settings, FIRST_PERIOD_INITIATIVES),
      (doc) => boardRoots.initiatives(doc).size === FIRST_PERIOD_INITIATIVES.length,
    );
    const next = await planCall<CreatedBoard>(
      url,
      'POST',
      `/api/boards/${first.id}/next-period`,
      first.tokens.facilitator,
    );
    await edit(
      next.id,
      next.tokens.participant,
      (doc, settings) => {
        writeVerifications(doc);
        addPlannedInitiatives(doc, settings, [SECOND_PERIOD_INITIATIVE]);
      },
      (doc) =>
        boardRoots.initiatives(doc).size === 1 &&
        readContinued('plan-i2', boardRoots.continued(doc).get('plan-i2'))?.verification.actual === '未集計',
    );
    return { first, next };
  }

  const table = (page: Page, pillar: RegExp) => page.getByRole('table', { name: pillar });

  it('shows each initiative’s start, status per period and KPI trend, and links the boards this browser has', async () => {
    const { first, next } = await twoPeriods();
    const page = await harness.openBoard(next, 'participant', { name: '佐藤' });

    // The 計画 tab, reached by the keyboard: the last of the view tabs.
    await page.getByRole('tab', { name: 'ボード' }).focus();
    await page.keyboard.press('End');
    const tab = page.getByRole('tab', { name: '計画' });
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    expect(await tab.evaluate((element) => element === document.activeElement)).toBe(true);
    await shown(page.getByRole('heading', { name: `計画「${PLAN_NAME}」の取組の推移` }));

    const citizens = table(page, /^柱「市民サービスの向上」の取組（2件）/);
    await shown(citizens);
    const headers = await citizens.getByRole('columnheader').allInnerTexts();
    expect(headers.map((h) => h.split('\n')[0])).toEqual([
      '取組',
      '開始',
      '第1期',
      '第2期',
      '第3期',
      '第4期',
      '指標の推移（目標 → 実績）',
    ]);
    const online = citizens.getByRole('row', { name: /^主な手続きのオンライン申請/ });
    const cells = await online.getByRole('cell').allInnerTexts();
    expect(cells[0]).toBe('第1期');
    expect(cells[1]).toBe('確定');
    expect(cells[2]).toBe('前期から継続\n検証: 一部達成');
    expect(cells[5]).toBe('第1期: 目標 50手続き → 実績 42手続き');
    const counter = await citizens
      .getByRole('row', { name: /^書かない窓口/ })
      .getByRole('cell')
      .allInnerTexts();
    expect(counter[2]).toBe('前期から継続\n検証: 継続');
    expect(counter[5]).toBe('第1期: 目標 30分以内 → 実績 未集計 要確認（数値でない）');
    // Started in 第2期: its first period is empty, its status in 第2期 its own.
    const people = table(page, /^柱「人材育成」の取組（1件）/);
    const leaders = await people
      .getByRole('row', { name: /^デジタル推進リーダーの育成/ })
      .getByRole('cell')
      .allInnerTexts();
    expect(leaders[0]).toBe('第2期');
    // 「—」 is for the eye only: a screen reader hears 「なし」.
    expect(leaders[1]).toBe('—\nなし');
    expect(leaders[2]).toBe('案');
    const empty = people
      .getByRole('row', { name: /^デジタル推進リーダーの育成/ })
      .getByRole('cell')
      .nth(1);
    expect(await empty.locator('[aria-hidden="true"]').innerText()).toBe('—');
    const paperless = table(page, /^柱「業務の効率化」/).getByRole('row', { name: /^回覧・会議のペーパーレス化/ });
    expect((await paperless.getByRole('cell').allInnerTexts())[2]).toBe('前期から継続\n未検証');

    // The old board: the members of the new one were not given its links; their own link opens it, read-only.
    const boards = page.getByRole('region', { name: 'この計画のボード' });
    const ownLink = boards.getByRole('link', { name: '庁内部会' });
    // The token this page uses (the person's own, made from the participant link), not one of the old board's.
    const ownHref = (await ownLink.getAttribute('href')) ?? '';
    expect(ownHref.startsWith(`/b/${first.id}#token=`)).toBe(true);
    expect(Object.values(first.tokens).some((token) => ownHref.endsWith(token))).toBe(false);
    expect(await boards.getByText('（このブラウザにはこのボードのリンクがありません）').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // On paper: the tables without the controls.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: '印刷' }).isVisible()).toBe(false);
    expect(await page.getByRole('tablist').isVisible()).toBe(false);
    expect(await citizens.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // Followed: the old board, to read only.
    await ownLink.click();
    await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
    expect(new URL(page.url()).pathname).toBe(`/b/${first.id}`);
    await shown(page.getByText(/^後の期のボード「庁内部会.*」のメンバーとして閲覧しています。変更はできません。$/));
    expect(await page.getByRole('textbox').count()).toBe(0);

    // Once this browser holds a link of the old board (one it was given), the plan view uses that one.
    await page.goto(`${harness.server.url}/b/${first.id}#token=${first.tokens.facilitator}`);
    await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
    await page.goto(`${harness.server.url}/b/${next.id}?view=plan#token=${next.tokens.participant}`);
    const link = page.getByRole('region', { name: 'この計画のボード' }).getByRole('link', { name: '庁内部会' });
    await shown(link);
    expect(await link.getAttribute('href')).toBe(`/b/${first.id}#token=${first.tokens.facilitator}`);
  });

  it('adds the whole plan’s verification on a board of its last period, and only there', async () => {
    const { first, next } = await twoPeriods(4);
    const page = await harness.openBoard(next, 'viewer');
    await page.getByRole('tab', { name: '計画' }).click();
    const whole = page.getByRole('table', { name: `計画「${PLAN_NAME}」全体の検証（柱ごとの結果の件数）` });
    await shown(whole);
    const rows = await whole.getByRole('row').allInnerTexts();
    const cells = rows.map((row) =>
      row
        .split(/\t|\n/)
        .map((cell) => cell.trim())
        .filter((cell) => cell !== ''),
    );
    expect(cells).toEqual([
      ['柱', '達成', '一部達成', '未達', '継続', '中止', '未検証', '計'],
      ['市民サービスの向上', '0', '1', '0', '1', '0', '0', '2'],
      ['業務の効率化', '0', '0', '0', '0', '0', '1', '1'],
      ['人材育成', '0', '0', '0', '0', '0', '1', '1'],
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    // 第1期 is not the plan's last period: no whole-plan verification there.
    const earlier = await harness.openBoard(first, 'viewer');
    await earlier.getByRole('tab', { name: '計画' }).click();
    await shown(earlier.getByRole('heading', { name: `計画「${PLAN_NAME}」の取組の推移` }));
    expect(await earlier.getByRole('table', { name: /全体の検証/ }).count()).toBe(0);
  });

  it('speaks English with ?lang=en, and a board in no plan has no 計画 tab', async () => {
    const { next } = await twoPeriods();
    const page = await harness.openBoard(next, 'viewer', { lang: 'en' });
    await page.getByRole('tab', { name: 'Plan' }).click();
    await shown(page.getByRole('table', { name: /^Initiatives of the pillar/ }).first());
    await shown(page.getByRole('cell', { name: /Verified: Partly achieved/ }));

    const loose = await harness.createBoard('計画外');
    const other = await harness.openBoard(loose, 'participant');
    await shown(other.getByRole('tab', { name: '取組案' }));
    expect(await other.getByRole('tab', { name: '計画' }).count()).toBe(0);
    // An address naming the plan view for it shows the board view, whose tab keeps the keyboard's tab stop.
    await other.goto(`${harness.server.url}/b/${loose.id}?view=plan#token=${loose.tokens.participant}`);
    await other.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
    const boardTab = other.getByRole('tab', { name: 'ボード' });
    expect(await boardTab.getAttribute('aria-selected')).toBe('true');
    expect(await boardTab.getAttribute('tabindex')).toBe('0');
  });
});
