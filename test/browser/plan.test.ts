import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { BrowserHarness, facilitatorTool, shown } from './harness';
import { SHORTLIST_NAME } from './period';

/** The shortlist's heading, as everyone sees it: it names the board's period. */
const shortlistHeading = async (page: Page) => {
  await page.getByRole('tab', { name: '取り組み候補' }).click();
  return page.getByRole('heading', { name: /^取り組み候補: / }).innerText();
};

describe('the plan a board belongs to, in ボードの設定', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('makes a plan, moves the board between its periods and out of it; everyone’s shortlist follows', async () => {
    const board = await harness.createBoard('庁内部会');
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    expect(await shortlistHeading(participant)).toBe(`取り組み候補: ${SHORTLIST_NAME}`);

    await facilitatorTool(facilitator, 'ボードの設定');
    const settings = facilitator.getByRole('dialog', { name: 'ボードの設定' });
    // Refused with the reason, and nothing made: a name of spaces only.
    await settings.getByRole('textbox', { name: '計画の名前' }).fill('  ');
    await settings.getByRole('button', { name: '計画を作って加える' }).click();
    await shown(settings.getByRole('alert').getByText('計画の名前を入力してください。'));
    await settings.getByRole('textbox', { name: '計画の名前' }).fill('みんなにやさしいデジタル市役所計画');
    await settings.getByRole('combobox', { name: '計画の最初の年度' }).selectOption({ label: '令和4年度 (2022年度)' });
    await settings.getByRole('button', { name: '計画を作って加える' }).click();

    // Made 2022–2029 in periods of two: the board (its own period starting next fiscal year) is in the period
    // that holds that year, and its period is now the plan period's, for everyone.
    const member = settings.getByText(/^このボードは計画「みんなにやさしいデジタル市役所計画」の第\d期/);
    await shown(member);
    const period = settings.getByRole('combobox', { name: 'このボードの期' });
    await period.selectOption({ label: '第2期（令和6〜7年度）' });
    await settings.getByRole('button', { name: 'この期に移す' }).click();
    await shown(
      settings.getByText('このボードは計画「みんなにやさしいデジタル市役所計画」の第2期（令和6〜7年度）です。', {
        exact: false,
      }),
    );
    expect(await settings.getByRole('combobox', { name: '開始年度' }).isDisabled()).toBe(true);
    await expect.poll(() => shortlistHeading(participant)).toBe('取り組み候補: 令和6〜7年度に取り組む');

    // Out of the plan: the board keeps the period's years as its own, and they can be edited again.
    await settings.getByRole('button', { name: '計画から外す' }).click();
    await shown(settings.getByRole('button', { name: '計画を作って加える' }));
    expect(await settings.getByRole('combobox', { name: '開始年度' }).isDisabled()).toBe(false);
    expect(await shortlistHeading(participant)).toBe('取り組み候補: 令和6〜7年度に取り組む');
    expect(await seriousViolations(facilitator)).toEqual([]);
  });

  it('joins an existing plan by its join key and is refused, with the reason, a key that names none', async () => {
    const board = await harness.createBoard('窓口部会');
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await facilitatorTool(facilitator, 'ボードの設定');
    const settings = facilitator.getByRole('dialog', { name: 'ボードの設定' });
    await settings.getByRole('textbox', { name: '参加キー' }).fill('no-such-key');
    await settings.getByRole('textbox', { name: '参加キー' }).press('Enter');
    await shown(settings.getByRole('alert').getByText('この参加キーの計画はありません。'));

    const other = await harness.createBoard('もう一つの部会');
    const created = await fetch(`${harness.server.url}/api/boards/${other.id}/plan`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '次期計画', firstYear: 2030, years: 4, periodYears: 2, year: 2030 }),
    });
    const { plan } = (await created.json()) as { plan: { joinKey: string } };
    await settings.getByRole('textbox', { name: '参加キー' }).fill(plan.joinKey);
    await settings.getByRole('button', { name: '計画に加える' }).click();
    // Its own years (next fiscal years) lie before the plan: it would join the plan's first period, which the
    // other board holds for the same (unnamed) working group.
    await shown(settings.getByRole('alert').getByText('この計画のこの期には、同じ部会のボードがすでにあります。'));
    await settings.getByRole('textbox', { name: /^部会の名前/ }).fill('窓口部会');
    await settings.getByRole('button', { name: '計画に加える' }).click();
    await shown(settings.getByText('このボードは計画「次期計画」の第1期（令和12〜13年度）です。', { exact: false }));
    await shown(settings.getByText('部会: 窓口部会', { exact: false }));
  });
});
