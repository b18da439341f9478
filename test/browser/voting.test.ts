import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNoteByTyping, BrowserHarness, noteItem, shown } from './harness';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical WCAG 2.1 AA violations in the page (as in accessibility.test.ts). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            o: object,
          ) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: { target: string[] }[] }> }>;
        };
      }
    ).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Activates a control from the keyboard: focus, then Enter. */
async function pressButton(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  await button.focus();
  await page.keyboard.press('Enter');
}

const CITIZEN = '市民サービスの向上';
const EFFICIENCY = '業務の効率化';
const [WAITING, FORMS, PAPER] = ['窓口の待ち時間が長い', '申請書類が多い', '紙の決裁が多い'];

const openVotingTab = (page: Page) => page.getByRole('tab', { name: '投票' }).click();
const ballotItem = (page: Page, label: string) => page.getByRole('listitem', { name: label });
const addDot = (page: Page, label: string) =>
  page.getByRole('button', { name: `『${label}』に1票入れる`, exact: true }).click();
/** The ranked list "全体" of the shown round, as its items read. */
const overall = (page: Page) => page.getByRole('list', { name: '全体' }).getByRole('listitem');
/** Each ranked row's words, without its 「取組案にする」 button (draft initiatives, issue 6). */
const rankedTexts = (page: Page) =>
  overall(page).evaluateAll((rows) =>
    rows.map((row) =>
      [...row.childNodes]
        .filter((node) => !(node instanceof HTMLButtonElement))
        .map((node) => node.textContent)
        .join(''),
    ),
  );

describe('sealed dot voting with a facilitator and two participants', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('opens a round, keeps each ballot to its voter, and shows everyone the ranked result after the reveal', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const sato = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const suzuki = await harness.openBoard(board, 'participant', { name: '鈴木' });
    await addNoteByTyping(sato, CITIZEN, '課題', WAITING);
    await addNoteByTyping(sato, CITIZEN, '課題', FORMS);
    await addNoteByTyping(sato, EFFICIENCY, '課題', PAPER);
    await shown(noteItem(facilitator, PAPER));

    // The facilitator opens round 1 with 3 dots each.
    await openVotingTab(facilitator);
    await facilitator.getByRole('spinbutton', { name: '1人あたりの票数' }).fill('3');
    await facilitator.getByRole('button', { name: '第1回の投票を始める' }).click();
    await shown(facilitator.getByRole('tabpanel').getByText('0人が投票済み'));

    // Each participant sees the round open from the board, and goes to the ballot from the status bar.
    for (const page of [sato, suzuki]) {
      await shown(page.getByRole('region', { name: '第1回の投票を受付中' }));
      await page.getByRole('button', { name: '投票する' }).click();
      await shown(page.getByText('残り 3票（全3票）').first());
    }
    await addDot(sato, WAITING);
    await shown(ballotItem(sato, WAITING).getByText('あなたの票: 1'));
    await addDot(sato, WAITING);
    await shown(ballotItem(sato, WAITING).getByText('あなたの票: 2'));
    await addDot(sato, FORMS);
    await shown(sato.getByText('残り 0票（全3票）').first());
    // A fourth dot is refused by the server, with a message.
    await addDot(sato, PAPER);
    await shown(sato.getByText('票をすべて使いました', { exact: false }));
    await shown(ballotItem(sato, PAPER).getByText('あなたの票: 0'));

    await addDot(suzuki, FORMS);
    await shown(ballotItem(suzuki, FORMS).getByText('あなたの票: 1'));
    await addDot(suzuki, PAPER);
    await shown(suzuki.getByText('残り 1票（全3票）').first());

    // Neither sees the other's dots; the facilitator sees only how many have voted.
    await shown(facilitator.getByRole('tabpanel').getByText('2人が投票済み'));
    expect(await ballotItem(suzuki, WAITING).getByText('あなたの票: 0').count()).toBe(1);
    expect(await ballotItem(sato, FORMS).getByText('あなたの票: 1').count()).toBe(1);
    expect(await ballotItem(sato, PAPER).getByText('あなたの票: 0').count()).toBe(1);
    expect(await facilitator.getByText('あなたの票: 2').count()).toBe(0);

    await facilitator.getByRole('button', { name: '第1回の投票を締め切る' }).click();
    await shown(sato.getByText('第1回の投票は締め切られました', { exact: false }));
    await facilitator.getByRole('button', { name: '第1回の結果を公開' }).click();

    // Everyone sees the same ranking: a tie shares first place, the next is third.
    const viewer = await harness.openBoard(board, 'viewer', { name: '見学' });
    await openVotingTab(viewer);
    for (const page of [facilitator, sato, suzuki, viewer]) {
      await shown(page.getByRole('heading', { name: '第1回の結果（2人が投票）' }));
      await expect
        .poll(() => rankedTexts(page))
        .toEqual([`1位同率${FORMS}2票`, `1位同率${WAITING}2票`, `3位${PAPER}1票`]);
      await shown(page.getByRole('list', { name: CITIZEN }));
    }
    expect(await viewer.getByRole('button', { name: /1票入れる/ }).count()).toBe(0);
    expect(harness.pageErrors).toEqual([]);
    expect(harness.externalRequests).toEqual([]);
  });

  it('runs a round from the keyboard alone, with no serious accessibility violation on the ballot or the results', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await addNoteByTyping(facilitator, CITIZEN, '課題', WAITING);
    await shown(noteItem(facilitator, WAITING));
    const tab = facilitator.getByRole('tab', { name: 'ボード' });
    await tab.focus();
    await facilitator.keyboard.press('ArrowRight');
    await facilitator.keyboard.press('ArrowRight');
    await shown(facilitator.getByRole('tab', { name: '投票', selected: true }));
    await pressButton(facilitator, '第1回の投票を始める');
    await pressButton(facilitator, `『${WAITING}』に1票入れる`);
    await shown(facilitator.getByText('残り 4票（全5票）').first());
    expect(await seriousViolations(facilitator)).toEqual([]);
    await pressButton(facilitator, `『${WAITING}』から1票戻す`);
    await shown(facilitator.getByText('残り 5票（全5票）').first());
    await pressButton(facilitator, `『${WAITING}』に1票入れる`);
    await pressButton(facilitator, '第1回の投票を締め切る');
    await pressButton(facilitator, '第1回の結果を公開');
    await expect.poll(() => rankedTexts(facilitator)).toEqual([`1位${WAITING}1票`]);
    expect(await seriousViolations(facilitator)).toEqual([]);
  });
});
