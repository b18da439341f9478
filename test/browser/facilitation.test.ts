import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserHarness, facilitatorTool, shown } from './harness';
import { SHORTLIST_NAME } from './period';

const timer = (page: Page) => page.getByRole('timer');
const secondsLeft = async (page: Page) => {
  const label = (await timer(page).getAttribute('aria-label')) ?? '';
  const match = /残り(\d+)分(\d+)秒/.exec(label);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
};

describe('live facilitation: the meeting plan and the timer', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await new BrowserHarness().start();
  });
  afterAll(() => harness.stop());

  it('shows the timer the facilitator starts to everyone, on the server clock, and after a reload', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    expect(await participant.getByRole('button', { name: 'タイマー開始' }).count()).toBe(0);

    await facilitator.getByRole('spinbutton', { name: 'タイマーの時間（分）' }).fill('5');
    await facilitator.getByRole('button', { name: 'タイマー開始' }).click();
    await shown(timer(participant));
    const left = await secondsLeft(participant);
    expect(left).toBeGreaterThan(240);
    expect(left).toBeLessThanOrEqual(300);

    await facilitator.getByRole('button', { name: '一時停止' }).click();
    await expect.poll(() => timer(participant).getAttribute('aria-label')).toMatch(/^タイマー: 一時停止中、残り/);
    await facilitator.getByRole('button', { name: '1分延長' }).click();
    await expect.poll(() => secondsLeft(participant)).toBeGreaterThan(300);

    await participant.reload();
    await shown(timer(participant));
    expect(await timer(participant).getAttribute('aria-label')).toMatch(/^タイマー: 一時停止中、残り/);
    expect(await secondsLeft(participant)).toBeGreaterThan(300);

    await facilitator.getByRole('button', { name: 'タイマーを消す' }).click();
    await expect.poll(() => timer(participant).count()).toBe(0);
  });

  it('shows the meeting under way with its plan, and the facilitator moves on', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bar = (page: Page) => page.getByRole('region', { name: '会議の進行' });
    await shown(bar(participant).getByText('キックオフ'));

    await participant.getByRole('button', { name: '会議の予定' }).click();
    const plan = participant.getByRole('dialog', { name: '会議の予定と進め方' });
    await shown(plan.getByRole('listitem', { name: /第3回/ }).getByText(`${SHORTLIST_NAME}課題`, { exact: false }));
    expect(await plan.getByRole('button', { name: /を進行中にする/ }).count()).toBe(0);
    await plan.getByRole('button', { name: '閉じる' }).click();

    // Moving on is in the ファシリテーター menu, asked first (every screen changes meeting).
    await facilitatorTool(facilitator, '次の会議へ進む…');
    await facilitator.getByRole('alertdialog').getByRole('button', { name: '次の会議へ（第2回）' }).click();
    await shown(bar(participant).getByText('第2回'));
    await shown(bar(participant).getByText('タスク①のまとめ → タスク②'));
    await facilitatorTool(facilitator, '会議の予定');
    const facilitatorPlan = facilitator.getByRole('dialog', { name: '会議の予定と進め方' });
    await facilitatorPlan.getByLabel('「第2回」の日付').fill('2026-12-10');
    await facilitatorPlan.getByRole('listitem', { name: /第2回/ }).getByRole('button', { name: '日付を保存' }).click();
    await shown(bar(participant).getByText('2026-12-10'));

    // The last meeting: the facilitator ends it, and everyone sees that the plan is done.
    await facilitatorPlan.getByRole('button', { name: '「第4回」を進行中にする' }).click();
    await facilitatorPlan.getByRole('button', { name: '閉じる' }).click();
    await facilitatorTool(facilitator, '最後の会議を終える…');
    await facilitator.getByRole('alertdialog').getByRole('button', { name: '「第4回」を終える' }).click();
    await shown(bar(participant).getByText('すべての会議が終わりました'));
  });
});
