import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/ops/notes';
import { activePillars } from '../../shared/selectors';
import { connectSynced } from '../server/helpers';
import { writeCluster } from '../unit/prioritizeFixtures';
import { seriousViolations } from './axe';
import { BrowserHarness, type CreatedBoard, shown } from './harness';

/** Longer than a card shows (and than the 40 characters a card's name keeps). */
const LONG = '窓口の待ち時間を短くするために予約システムを導入し、混雑状況をホームページでお知らせする取り組み';
const CLUSTER = '決裁の電子化';

const grid = (page: Page) => page.getByRole('region', { name: 'マトリクス（縦: 効果、横: 実現しやすさ）' });
const tray = (page: Page) => page.getByRole('region', { name: /^未配置/ });
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

/** Ten items: eight loose notes (one with a long title) and a group of two, written as any Yjs tool can. */
async function boardWithTenItems(harness: BrowserHarness): Promise<CreatedBoard> {
  const board = await harness.createBoard();
  const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
  const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.participant);
  const tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
  const check = await connectSynced(wsUrl, board.id, board.tokens.viewer);
  const [citizens, efficiency] = activePillars(settings.doc);
  if (!citizens || !efficiency) throw new Error('the template has pillars');
  const texts = [LONG, '書かない窓口', 'オンライン申請を増やす', '手数料のキャッシュレス化', '案内表示を見やすく'];
  texts.push('コンビニ交付の周知', '窓口の土日開庁', 'チャットボットで案内', '電子決裁を進める', '紙の決裁をなくす');
  texts.forEach((text, i) => {
    addNote(tool.doc, { id: `n${i}`, pillarId: i < 8 ? citizens.id : efficiency.id, lane: 'idea', text, author: 't' });
  });
  texts.push('押印の見直し');
  addNote(tool.doc, { id: 'n10', pillarId: efficiency.id, lane: 'idea', text: '押印の見直し', author: 't' });
  await expect.poll(() => check.doc.getMap('notes').size).toBe(11);
  writeCluster(tool.doc, 'c1', efficiency.id, ['n8', 'n9'], CLUSTER);
  await expect.poll(() => check.doc.getMap('clusters').size).toBe(1);
  for (const client of [settings, tool, check]) client.destroy();
  return board;
}

async function openMatrix(
  harness: BrowserHarness,
  board: CreatedBoard,
  role: 'facilitator' | 'viewer' = 'facilitator',
) {
  const page = await harness.openBoard(board, role);
  await page.getByRole('tab', { name: '優先度マトリクス' }).click();
  await shown(grid(page));
  return page;
}

/** Places every tray item with its 「マトリクスに置く」 button, from the keyboard, one after the other. */
async function placeAllFromTray(page: Page, count: number) {
  for (let placed = 0; placed < count; placed++) {
    await tray(page)
      .getByRole('button', { name: /をマトリクスに置く$/ })
      .first()
      .focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => grid(page).getByRole('listitem').count()).toBe(placed + 1);
  }
}

async function boxes(cards: Locator) {
  const all = await cards.evaluateAll((items) =>
    items.map((item) => {
      const box = item.getBoundingClientRect();
      return {
        name: item.getAttribute('aria-label') ?? '',
        left: box.left,
        right: box.right,
        top: box.top,
        bottom: box.bottom,
      };
    }),
  );
  return all;
}

describe('a readable priority matrix: cards apart, whole titles, named icon buttons', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('gives ten items placed from the tray ten places where no two cards overlap and none sits on a line', async () => {
    const board = await boardWithTenItems(harness);
    const page = await openMatrix(harness, board);
    await placeAllFromTray(page, 10);
    // Nothing focused nor hovered: every card at its own size.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.mouse.move(0, 0);
    const cards = await boxes(grid(page).getByRole('listitem'));
    expect(cards).toHaveLength(10);
    const overlapping: string[] = [];
    for (const [i, a] of cards.entries()) {
      for (const b of cards.slice(i + 1)) {
        const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        if (!apart) overlapping.push(`${a.name} × ${b.name}`);
      }
    }
    expect(overlapping).toEqual([]);
    // No card crosses a quadrant line: each reads as being in one quadrant.
    const area = await grid(page).boundingBox();
    if (!area) throw new Error('not laid out');
    const middle = { x: area.x + area.width / 2, y: area.y + area.height / 2 };
    for (const card of cards) {
      expect(card.left > middle.x || card.right < middle.x, card.name).toBe(true);
      expect(card.top > middle.y || card.bottom < middle.y, card.name).toBe(true);
    }
    expect(harness.pageErrors).toEqual([]);
  });

  it('shows a card’s whole title on focus and on hover, and lists every placed item in full in 「一覧」', async () => {
    const board = await boardWithTenItems(harness);
    const page = await openMatrix(harness, board);
    await tray(page)
      .getByRole('button', { name: /^「窓口の待ち時間を短くする.*」をマトリクスに置く$/ })
      .press('Enter');
    // The focus is on the placed card's handle: its whole title shows, not cut.
    await expect.poll(() => focusedName(page)).toMatch(/^窓口の待ち時間を短くする.* — すぐ取り組む/);
    const full = grid(page).getByText(LONG, { exact: true });
    await shown(full);
    const cut = await full.evaluate((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight);
    expect(cut).toBe(false);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await expect.poll(() => full.isVisible()).toBe(false);
    await grid(page).getByRole('listitem').hover();
    await shown(full);

    // 「一覧」 opens from the keyboard; choosing an entry takes the focus to its card.
    await tray(page)
      .getByRole('button', { name: `「${CLUSTER}」をマトリクスに置く` })
      .press('Enter');
    const summary = page.getByText('一覧（2件）', { exact: true });
    await summary.focus();
    await page.keyboard.press('Enter');
    const list = page.getByRole('list', { name: 'マトリクスに置いた項目の一覧' });
    await shown(list);
    expect(await list.getByRole('button').allInnerTexts()).toEqual([
      `${LONG}（すぐ取り組む）`,
      `グループ・2枚 ${CLUSTER}（余力で）`,
    ]);
    await list.getByRole('button', { name: `${LONG}（すぐ取り組む）` }).press('Enter');
    await expect.poll(() => focusedName(page)).toMatch(/^窓口の待ち時間を短くする.* — すぐ取り組む/);
    // A viewer reaches the card the same way (its card has no handle button, the focus goes to its text).
    const viewer = await openMatrix(harness, board, 'viewer');
    await viewer.getByText('一覧（2件）', { exact: true }).click();
    await viewer.getByRole('button', { name: `グループ・2枚 ${CLUSTER}（余力で）` }).click();
    await shown(grid(viewer).getByText(CLUSTER, { exact: true }).last());
    expect(
      await viewer.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-label') ?? ''),
    ).toMatch(new RegExp(`^グループ・2枚 ${CLUSTER} — 余力で`));
    expect(harness.pageErrors).toEqual([]);
  });

  it('names the icon buttons by what their tooltips show, and finds no serious axe violation with groups placed', async () => {
    const board = await boardWithTenItems(harness);
    const page = await openMatrix(harness, board);
    await tray(page)
      .getByRole('button', { name: `「${CLUSTER}」をマトリクスに置く` })
      .press('Enter');
    await tray(page).getByRole('button', { name: '「書かない窓口」をマトリクスに置く' }).press('Enter');
    await expect.poll(() => grid(page).getByRole('listitem').count()).toBe(2);
    // axe first: on the old cards it reported label-content-name-mismatch (「グループ・2枚」 not in the name).
    expect(await seriousViolations(page)).toEqual([]);
    // The group card's name says what it shows, 「グループ・2枚」 included.
    await shown(grid(page).getByRole('button', { name: new RegExp(`^グループ・2枚 ${CLUSTER} — `) }));
    for (const [name, tooltip] of [
      [`「${CLUSTER}」をトレイに戻す`, 'トレイに戻す'],
      [`「${CLUSTER}」を取組案にする`, '取組案にする'],
    ] as const) {
      const button = grid(page).getByRole('button', { name, exact: true });
      // An icon, not a glyph of text; its word shows as a tooltip on hover.
      expect(await button.locator('svg').count()).toBe(1);
      expect(await button.textContent()).toBe(tooltip);
      await button.hover();
      await expect.poll(() => button.getByText(tooltip).evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    }
    await page.mouse.move(0, 0);
    // With every card's whole title showing on focus, still none.
    await grid(page)
      .getByRole('button', { name: new RegExp(`^グループ・2枚 ${CLUSTER} — `) })
      .focus();
    expect(await seriousViolations(page)).toEqual([]);
    const viewer = await openMatrix(harness, board, 'viewer');
    await shown(grid(viewer).getByRole('listitem').first());
    expect(await seriousViolations(viewer)).toEqual([]);
  });
});
