import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentMeetingId, nextMeetingId, setCurrentMeeting, updateMeeting } from '../../shared/ops/meetings';
import { connectSynced } from '../server/helpers';
import { seriousViolations } from './axe';
import { absent, BrowserHarness, facilitatorMenuButton, openFacilitatorMenu, shown } from './harness';

const LAPTOP = { width: 1366, height: 768 };

const bar = (page: Page) => page.getByRole('region', { name: '会議の進行' });

const focusedName = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '';
  });

/** Ctrl+K in a text field is typing, not the palette: start from the page (the body) instead. */
const leaveFields = (page: Page) =>
  page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));

/** The command palette's options as their visible words, opened with Ctrl+K from the page's body. */
async function paletteOptions(page: Page): Promise<string[]> {
  await leaveFields(page);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'コマンドパレット' });
  await shown(palette);
  const options = await palette
    .getByRole('option')
    .evaluateAll((items) => items.map((item) => item.querySelector('span')?.textContent ?? ''));
  await page.keyboard.press('Escape');
  await absent(palette);
  return options;
}

/** Runs a palette action by its words (typed to filter, then Enter). */
async function runFromPalette(page: Page, words: string): Promise<void> {
  await leaveFields(page);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'コマンドパレット' });
  await palette.getByRole('combobox', { name: '操作を探す' }).fill(words);
  await page.keyboard.press('Enter');
  await absent(palette);
}

/** The bar's box, and whether all its controls and its text sit on one line inside it. */
function barLayout(page: Page) {
  return bar(page).evaluate((section) => {
    const box = section.getBoundingClientRect();
    const parts = [...section.querySelectorAll('button, input, [role="timer"], .meeting-current')].filter(
      (element) => element.getBoundingClientRect().height > 0,
    );
    const middles = parts.map((element) => {
      const rect = element.getBoundingClientRect();
      return (rect.top + rect.bottom) / 2;
    });
    const current = section.querySelector('.meeting-current');
    return {
      height: box.height,
      parts: parts.length,
      spread: Math.max(...middles) - Math.min(...middles),
      // The summary is one line of text (cut with 「…」 when long), not two.
      currentLines: current
        ? Math.round(current.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(current).lineHeight))
        : 0,
      // Visible words of each control, to check they are contained in its accessible name.
      buttons: [...section.querySelectorAll('button')].map((button) => ({
        text: button.textContent?.trim() ?? '',
        name: button.getAttribute('aria-label') ?? button.textContent?.trim() ?? '',
      })),
    };
  });
}

describe('the meeting bar: one calm line; moving on from the ファシリテーター menu', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('lists 会議の予定 and 次の会議へ in the facilitator menu only, asks first, and gives the focus back', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役', viewport: LAPTOP });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const viewer = await harness.openBoard(board, 'viewer', { name: '見学' });
    await shown(bar(facilitator).getByText('キックオフ'));

    // They left the facilitator's bar for the menu.
    expect(
      await bar(facilitator)
        .getByRole('button', { name: /会議の予定|次の会議へ/ })
        .count(),
    ).toBe(0);
    const menu = await openFacilitatorMenu(facilitator);
    await shown(menu.getByRole('menuitem', { name: '会議の予定', exact: true }));
    await shown(menu.getByRole('menuitem', { name: '次の会議へ進む…', exact: true }));

    // 会議の予定 by keyboard: its dialog closes back to the menu button.
    await menu.getByRole('menuitem', { name: '会議の予定', exact: true }).focus();
    await facilitator.keyboard.press('Enter');
    const plan = facilitator.getByRole('dialog', { name: '会議の予定と進め方' });
    await shown(plan);
    await facilitator.keyboard.press('Escape');
    await absent(plan);
    await expect.poll(() => focusedName(facilitator)).toBe('ファシリテーター');

    // 次の会議へ: asked first, naming the meeting; cancelling changes nothing.
    await facilitator.keyboard.press('Enter');
    await shown(menu);
    await menu.getByRole('menuitem', { name: '次の会議へ進む…' }).focus();
    await facilitator.keyboard.press('Enter');
    const confirm = facilitator.getByRole('alertdialog');
    await shown(confirm.getByText('「第2回」に進みます', { exact: false }));
    expect(await seriousViolations(facilitator)).toEqual([]);
    await confirm.getByRole('button', { name: 'キャンセル' }).click();
    await absent(confirm);
    await expect.poll(() => focusedName(facilitator)).toBe('ファシリテーター');
    await shown(bar(participant).getByText('キックオフ'));

    // Confirmed: everyone is in the next meeting, the focus is on the menu button, and it is announced.
    await facilitatorMenuButton(facilitator).click();
    await menu.getByRole('menuitem', { name: '次の会議へ進む…' }).click();
    await confirm.getByRole('button', { name: '次の会議へ（第2回）' }).click();
    await shown(bar(participant).getByText('第2回'));
    await expect.poll(() => focusedName(facilitator)).toBe('ファシリテーター');
    await shown(facilitator.getByRole('status').getByText('「第2回」に進みました'));

    // Participants and viewers have no such menu; their palette offers the plan (to read), not moving on.
    for (const page of [participant, viewer]) {
      expect(await facilitatorMenuButton(page).count()).toBe(0);
      const options = await paletteOptions(page);
      expect(options).toContain('会議の予定');
      expect(options).not.toContain('次の会議へ進む…');
      expect(options).not.toContain('最後の会議を終える…');
    }
    expect(harness.pageErrors).toEqual([]);
  });

  it('changes nothing when a colleague moved on while the confirmation was open, and says so', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await shown(bar(facilitator).getByText('キックオフ'));
    const menu = await openFacilitatorMenu(facilitator);
    await menu.getByRole('menuitem', { name: '次の会議へ進む…' }).click();
    const confirm = facilitator.getByRole('alertdialog');
    await shown(confirm.getByRole('button', { name: '次の会議へ（第2回）' }));

    // Meanwhile a co-facilitator moves on to 第2回 (here through a stock Yjs client).
    const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
    const colleague = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.facilitator);
    const second = nextMeetingId(colleague.doc) ?? '';
    expect(setCurrentMeeting(colleague.doc, second).ok).toBe(true);
    await shown(bar(facilitator).getByText('第2回'));

    // Confirming the question about 第2回 does not skip on to 第3回.
    await confirm.getByRole('button', { name: '次の会議へ（第2回）' }).click();
    await shown(facilitator.getByText('ほかの人がすでに会議を進めていたため、何も変えていません', { exact: false }));
    expect(await bar(facilitator).getByText('第3回').count()).toBe(0);
    // The page wrote nothing: the message is given instead of the write, in the same press.
    expect(currentMeetingId(colleague.doc)).toBe(second);
    colleague.destroy();
    expect(harness.pageErrors).toEqual([]);
  });

  it('lists フォローミー and the timer in the palette, running the same tools as the bar', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });

    const before = await paletteOptions(facilitator);
    expect(before).toEqual(expect.arrayContaining(['フォローミーを始める', 'タイマー開始']));
    expect(before).not.toContain('タイマーを一時停止');

    // The palette's タイマー開始 starts the minutes typed in the bar.
    await facilitator.getByRole('spinbutton', { name: 'タイマーの時間（分）' }).fill('3');
    await runFromPalette(facilitator, 'タイマー開始');
    await shown(participant.getByRole('timer'));
    expect(await participant.getByRole('timer').getAttribute('aria-label')).toMatch(/残り[23]分/);
    await runFromPalette(facilitator, 'フォローミーを始める');
    await expect
      .poll(() => facilitator.getByRole('button', { name: /^フォローミー/ }).getAttribute('aria-pressed'))
      .toBe('true');
    await shown(participant.getByText('ファシリテーターの画面に合わせています'));

    const during = await paletteOptions(facilitator);
    expect(during).toEqual(
      expect.arrayContaining(['フォローミーを終える', 'タイマーを一時停止', 'タイマーを1分延長', 'タイマーを消す']),
    );
    expect(during).not.toContain('タイマー開始');
    expect(during).not.toContain('フォローミーを始める');
    await runFromPalette(facilitator, 'タイマーを一時停止');
    await expect.poll(() => participant.getByRole('timer').getAttribute('aria-label')).toMatch(/一時停止中/);
    await runFromPalette(facilitator, 'フォローミーを終える');
    await absent(participant.getByText('ファシリテーターの画面に合わせています'));

    // None of them for a participant.
    const forParticipant = await paletteOptions(participant);
    for (const words of ['フォローミーを始める', 'タイマー開始', 'タイマーを消す']) {
      expect(forParticipant).not.toContain(words);
    }
    expect(harness.pageErrors).toEqual([]);
  });

  it('is one line no taller than 44 px at 1366×768, timer running and follow-me on', async () => {
    const board = await harness.createBoard();
    // The meeting's date is set, as the facilitator does in the plan (here written as any Yjs tool could).
    const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
    const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.facilitator);
    expect(updateMeeting(settings.doc, currentMeetingId(settings.doc) ?? '', { date: '2026-12-10' }).ok).toBe(true);
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役', viewport: LAPTOP });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤', viewport: LAPTOP });
    await shown(bar(facilitator).getByText('2026-12-10'));
    settings.destroy();

    const check = async (page: Page, label: string) => {
      const layout = await barLayout(page);
      expect(layout.height, label).toBeLessThanOrEqual(44);
      expect(layout.spread, label).toBeLessThanOrEqual(4);
      expect(layout.currentLines, label).toBe(1);
      for (const { text, name } of layout.buttons) expect(name, label).toContain(text);
      return layout;
    };
    await check(facilitator, 'facilitator, idle');

    await facilitator.getByRole('button', { name: 'タイマー開始' }).click();
    await facilitator.getByRole('button', { name: 'フォローミー（画面を合わせてもらう）' }).click();
    await shown(bar(participant).getByRole('timer'));
    await shown(participant.getByText('ファシリテーターの画面に合わせています'));
    await shown(bar(facilitator).getByRole('button', { name: '一時停止' }));
    const running = await check(facilitator, 'facilitator, timer and follow-me on');
    expect(running.parts).toBeGreaterThanOrEqual(6);
    // Following takes no row of its own: the status and its button are in the bar's line.
    expect(await bar(participant).getByText('ファシリテーターの画面に合わせています').count()).toBe(1);
    await check(participant, 'participant following, timer running');
    expect(await seriousViolations(facilitator)).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });
});
