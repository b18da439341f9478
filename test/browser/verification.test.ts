import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardRoots } from '../../shared/docs';
import { createInitiativeFromItem, setInitiativeText } from '../../shared/ops/initiatives';
import { addNote } from '../../shared/ops/notes';
import { activePillars } from '../../shared/selectors';
import { connectSynced, waitFor } from '../server/helpers';
import { seriousViolations } from './axe';
import { BrowserHarness, type CreatedBoard, facilitatorTool, shown } from './harness';
import { beginComposition } from './ime';

const TITLE = '主な手続きのオンライン申請';

describe('the plan cycle: the next period’s board and the verification of the last one', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());
  const wsUrl = () => `${harness.server.url.replace('http', 'ws')}/ws`;

  /** A board in 第1期 (2022–2023) of an 8-year plan with one initiative whose target is a number. */
  async function finishedBoard(): Promise<CreatedBoard> {
    const board = await harness.createBoard('庁内部会');
    const plan = await fetch(`${harness.server.url}/api/boards/${board.id}/plan`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'みんなにやさしいデジタル市役所計画', firstYear: 2022, year: 2022 }),
    });
    expect(plan.status).toBe(201);
    const settings = await connectSynced(wsUrl(), `${board.id}/settings`, board.tokens.facilitator);
    const writer = await connectSynced(wsUrl(), board.id, board.tokens.facilitator);
    const pillarId = activePillars(settings.doc)[0]!.id;
    addNote(writer.doc, { id: 'n1', text: '申請書が紙のみ', pillarId, lane: 'problem', author: 'a' });
    createInitiativeFromItem(writer.doc, settings.doc, { id: 'i1', itemId: 'n1', personId: 'a', roundNumber: null });
    setInitiativeText(writer.doc, 'i1', 'title', TITLE);
    setInitiativeText(writer.doc, 'i1', 'indicator', 'オンラインで申請できる手続きの数');
    setInitiativeText(writer.doc, 'i1', 'targetValue', '50手続き');
    const check = await connectSynced(wsUrl(), board.id, board.tokens.viewer);
    await waitFor(() => boardRoots.initiatives(check.doc).size === 1, 'the initiative to be stored');
    for (const client of [settings, writer, check]) client.destroy();
    return board;
  }

  const card = (page: Page) => page.getByRole('article', { name: `前期からの継続「${TITLE}」` });

  it('makes the next board from ボードの設定; two people verify a continued card live, one composing Japanese', async () => {
    const board = await finishedBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await facilitatorTool(facilitator, 'ボードの設定');
    const settings = facilitator.getByRole('dialog', { name: 'ボードの設定' });
    await settings.getByRole('button', { name: '次期のボードを作る' }).click();
    await settings.getByRole('button', { name: '作ってアーカイブする' }).click();
    await shown(settings.getByText('「庁内部会」の第2期（令和6〜7年度）のボードを作りました。', { exact: false }));
    const link = await settings.getByRole('link', { name: /^次期のボードを開く/ }).getAttribute('href');
    const url = new URL(link!);
    const next = {
      id: url.pathname.split('/').pop()!,
      tokens: { facilitator: url.hash.replace('#token=', ''), participant: '', viewer: '' },
    } as CreatedBoard;
    const participantLink = await fetch(`${harness.server.url}/api/boards/${next.id}/links/participant`, {
      method: 'POST',
      headers: { authorization: `Bearer ${next.tokens.facilitator}` },
    });
    next.tokens.participant = new URL(((await participantLink.json()) as { link: string }).link).hash.replace(
      '#token=',
      '',
    );

    const alice = await harness.openBoard(next, 'facilitator', { name: '佐藤' });
    const bob = await harness.openBoard(next, 'participant', { name: '鈴木' });
    for (const page of [alice, bob]) {
      await page.getByRole('tab', { name: '取組案' }).click();
      await shown(page.getByRole('heading', { name: /^前期からの継続: 第1期（令和4〜5年度）/ }));
      await shown(card(page).getByText('50手続き'));
    }

    // Alice composes in the actual value while Bob types into the same field: his words arrive mid-composition,
    // and neither breaks the other.
    const actual = (page: Page) => card(page).getByRole('textbox', { name: '実績値' });
    await actual(alice).fill('件数: ');
    await expect.poll(() => actual(bob).inputValue()).toBe('件数: ');
    await actual(alice).press('End');
    const composition = await beginComposition(alice, ['よんじゅう', '４０']);
    await actual(bob).click();
    await actual(bob).press('Home');
    await actual(bob).pressSequentially('R5末 ');
    await expect.poll(() => actual(bob).inputValue()).toBe('R5末 件数: ');
    // Alice's field is left alone while she composes (the remote edit is merged once she confirms).
    expect(await actual(alice).inputValue()).toBe('件数: ４０');
    await composition.commit('40手続き');
    for (const page of [alice, bob]) {
      await expect.poll(() => actual(page).inputValue()).toBe('R5末 件数: 40手続き');
    }
    await card(bob).getByRole('textbox', { name: '検証のコメント' }).pressSequentially('窓口の予約も追加');
    await expect
      .poll(() => card(alice).getByRole('textbox', { name: '検証のコメント' }).inputValue())
      .toBe('窓口の予約も追加');

    await card(bob).getByRole('combobox', { name: '結果' }).selectOption({ label: '一部達成' });
    await expect.poll(() => card(alice).getByRole('combobox', { name: '結果' }).inputValue()).toBe('partial');
    await shown(card(alice).getByText(/^検証: 鈴木・/));
    await shown(alice.getByText('1/1件を検証済み'));

    // Not a number where the target is one: kept as typed, and flagged.
    await card(bob).getByRole('textbox', { name: '実績値' }).fill('未集計');
    await shown(card(alice).getByText('実績値が数値ではありません（目標値: 50手続き）', { exact: false }));
    await expect.poll(() => card(alice).getByRole('textbox', { name: '実績値' }).inputValue()).toBe('未集計');
    expect(await seriousViolations(alice)).toEqual([]);

    // Bob was given the new board's link only: the card's old board opens with it, in a new tab, to read.
    const [old] = await Promise.all([
      bob.context().waitForEvent('page'),
      bob.getByRole('link', { name: /^前期のボード「庁内部会」の取組案を見る/ }).click(),
    ]);
    await old.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
    expect(new URL(old.url()).pathname).toBe(`/b/${board.id}`);
    expect(await old.getByRole('tab', { name: '取組案' }).getAttribute('aria-selected')).toBe('true');
    await shown(old.getByText(TITLE).first());
    expect(await old.getByRole('textbox').count()).toBe(0);
    // His own board is as it was, still his to write.
    await expect.poll(() => card(bob).getByRole('textbox', { name: '実績値' }).inputValue()).toBe('未集計');
    expect(harness.pageErrors).toEqual([]);
  });
});
