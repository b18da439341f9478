import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreToPosition } from '../../shared/scoring';
import { addNoteByTyping, BrowserHarness, noteItem, shown } from './harness';

const CITIZEN = '市民サービスの向上';
const [SPLIT, AGREED] = ['書かない窓口', '電子申請の拡大'];

const announced = (page: Page) => page.locator('div.visually-hidden[role="status"][aria-live]');
const scoreRow = (page: Page, label: string) => page.getByRole('listitem', { name: label, exact: true });
const scale = (page: Page, label: string, axis: '効果' | '実現しやすさ') =>
  page.getByRole('radiogroup', { name: `「${label}」の${axis}` });

/** Scores an item with the mouse: one value on each axis (saved once both are chosen). */
async function score(page: Page, label: string, effect: number, ease: number, reason = ''): Promise<void> {
  if (reason) await page.getByRole('textbox', { name: `「${label}」の採点の理由` }).fill(reason);
  await scale(page, label, '効果')
    .getByRole('radio', { name: String(effect), exact: true })
    .check();
  await scale(page, label, '実現しやすさ')
    .getByRole('radio', { name: String(ease), exact: true })
    .check();
  await shown(scoreRow(page, label).getByText('保存済み'));
}

/** The card's centre on the grid, as a fraction of the grid (x: 実現しやすさ, y: 効果, 1 at the top). */
async function cardPlace(page: Page, label: string): Promise<{ x: number; y: number }> {
  const grid = page.getByRole('region', { name: /^マトリクス/ });
  const card = grid.locator('li.matrix-card', { hasText: label });
  return card.evaluate((element) => ({
    x: Number.parseFloat((element as HTMLElement).style.left) / 100,
    y: 1 - Number.parseFloat((element as HTMLElement).style.top) / 100,
  }));
}

describe('sealed scoring: three people score apart, the facilitator reveals, the matrix moves to the medians', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('keeps each score to its scorer, names the split item after the reveal and places the items at the medians', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const sato = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const suzuki = await harness.openBoard(board, 'participant', { name: '鈴木' });
    await addNoteByTyping(sato, CITIZEN, '課題', SPLIT);
    await addNoteByTyping(sato, CITIZEN, '課題', AGREED);
    await shown(noteItem(facilitator, AGREED));

    // The facilitator opens a round over every item (nothing is shortlisted yet).
    await facilitator.getByRole('tab', { name: '採点' }).click();
    await facilitator.getByRole('radio', { name: 'すべての項目' }).check();
    await facilitator.getByRole('button', { name: '第1回の採点を始める' }).click();
    await shown(facilitator.getByText('0人が採点しました（誰が何を付けたかは公開まで分かりません）'));

    // Each participant sees the round from the board and goes to the sheet from the bar.
    for (const page of [sato, suzuki]) {
      await shown(page.getByRole('region', { name: '第1回の採点を受付中' }));
      await page.getByRole('button', { name: '採点する' }).click();
      await shown(page.getByText('2項目中0項目を採点済み').first());
    }
    await score(sato, SPLIT, 5, 3, '申請のたびに書く負担がなくなる');
    await score(sato, AGREED, 4, 4);
    await score(facilitator, SPLIT, 3, 3);
    await score(facilitator, AGREED, 4, 4);

    // Suzuki scores with the keyboard alone: Space chooses, Tab goes to the other axis, an arrow key chooses there.
    await scale(suzuki, SPLIT, '効果').getByRole('radio', { name: '1', exact: true }).focus();
    await suzuki.keyboard.press('Space');
    await suzuki.keyboard.press('Tab');
    await suzuki.keyboard.press('ArrowRight');
    await shown(announced(suzuki).getByText('「書かない窓口」の採点を保存しました（効果1・実現しやすさ2）。'));
    await shown(scoreRow(suzuki, SPLIT).getByText('保存済み'));
    await score(suzuki, AGREED, 4, 4);
    await shown(suzuki.getByText('2項目中2項目を採点済み').first());

    // Nobody sees another's scores; the facilitator sees how many scored, never what.
    await shown(facilitator.getByText('3人が採点しました（誰が何を付けたかは公開まで分かりません）'));
    expect(await scale(suzuki, SPLIT, '効果').getByRole('radio', { name: '1', exact: true }).isChecked()).toBe(true);
    expect(await scale(sato, SPLIT, '効果').getByRole('radio', { name: '5', exact: true }).isChecked()).toBe(true);
    expect(await scale(facilitator, SPLIT, '効果').getByRole('radio', { name: '3', exact: true }).isChecked()).toBe(
      true,
    );
    expect(await suzuki.getByText('申請のたびに書く負担がなくなる').count()).toBe(0);

    await facilitator.getByRole('button', { name: '第1回の採点を締め切る' }).click();
    await shown(sato.getByText('第1回の採点は締め切られました', { exact: false }));
    await facilitator.getByRole('button', { name: '第1回の採点結果を公開する' }).click();

    // Everyone reads the same: the split item leads 「意見が割れた項目」 with its reason; the agreed one is not in it.
    for (const page of [facilitator, sato, suzuki]) {
      await shown(page.getByRole('heading', { name: '第1回の採点結果' }));
      const split = page.getByRole('region', { name: '意見が割れた項目' });
      await shown(split.getByRole('listitem').filter({ hasText: SPLIT }).first());
      await shown(split.getByText('申請のたびに書く負担がなくなる'));
      expect(await split.getByText(AGREED).count()).toBe(0);
      await shown(split.getByText('効果 中央値3（2〜4）・実現しやすさ 中央値3（2.5〜3）・3人が採点'));
    }

    // The facilitator places the matrix at the medians; everyone's matrix moves there.
    await facilitator.getByRole('tab', { name: '優先度マトリクス' }).click();
    await facilitator.getByRole('combobox', { name: '配置' }).selectOption({ label: '第1回の採点の中央値' });
    await sato.getByRole('tab', { name: '優先度マトリクス' }).click();
    await shown(sato.getByText('配置: 第1回の採点の中央値'));
    for (const page of [facilitator, sato]) {
      const grid = page.getByRole('region', { name: /^マトリクス/ });
      const card = grid.getByRole('listitem', { name: new RegExp(`^${SPLIT}`) });
      await shown(card);
      expect(await card.getAttribute('aria-label')).toContain(
        '効果の中央値3・実現しやすさの中央値3、3人が採点、ばらつき2',
      );
      const expected = [scoreToPosition({ effect: 3, ease: 3 }), scoreToPosition({ effect: 4, ease: 4 })];
      for (const [label, place] of [
        [SPLIT, expected[0]!],
        [AGREED, expected[1]!],
      ] as const) {
        const at = await cardPlace(page, label);
        expect(at.x).toBeCloseTo(place.x, 5);
        expect(at.y).toBeCloseTo(place.y, 5);
      }
    }
    // The facilitator moves a card with the keyboard: it stays pinned where it was put, for everyone, until
    // 中央値に戻す.
    const median = scoreToPosition({ effect: 3, ease: 3 });
    const handle = facilitator
      .getByRole('region', { name: /^マトリクス/ })
      .getByRole('button', { name: new RegExp(`^${SPLIT}`) });
    await handle.focus();
    await facilitator.keyboard.press('ArrowUp');
    await expect.poll(async () => (await cardPlace(sato, SPLIT)).y).toBeGreaterThan(median.y + 0.01);
    const pinnedCard = sato.getByRole('region', { name: /^マトリクス/ }).getByRole('listitem', { name: /手動で固定$/ });
    await shown(pinnedCard);
    await facilitator.getByRole('button', { name: `「${SPLIT}」を中央値の位置に戻す` }).click();
    await expect.poll(async () => (await cardPlace(sato, SPLIT)).y).toBeCloseTo(median.y, 5);
    expect(await pinnedCard.count()).toBe(0);
    // A participant cannot move the cards while the medians place them.
    expect(
      await sato
        .getByRole('region', { name: /^マトリクス/ })
        .getByRole('button', { name: new RegExp(`^${SPLIT}`) })
        .count(),
    ).toBe(0);
  });
});
