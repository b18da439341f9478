import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsRoots } from '../../shared/docs';
import { addNote } from '../../shared/ops/notes';
import { defaultPeriod, readStoredPeriod } from '../../shared/records/period';
import { readPrioritizationLabels } from '../../shared/records/prioritization';
import { activePillars } from '../../shared/selectors';
import { connectSynced } from '../server/helpers';
import { writeCluster } from '../unit/prioritizeFixtures';
import { seriousViolations } from './axe';
import { absent, BrowserHarness, type CreatedBoard, facilitatorTool, shown } from './harness';
import { composeJapanese } from './ime';
import { SHORTLIST_NAME } from './period';

const CITIZEN = '市民サービスの向上';

function grid(page: Page, impact = '効果', feasibility = '実現しやすさ') {
  return page.getByRole('region', { name: `マトリクス（縦: ${impact}、横: ${feasibility}）` });
}
const tray = (page: Page) => page.getByRole('region', { name: /^未配置/ });
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
const cardNames = (page: Page) =>
  page
    .locator('.matrix-items > li')
    .evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? '').sort());

/** The two percentages a card's name gives: 実現しやすさ (x) and 効果 (y). */
function percents(name: string): { x: number; y: number } {
  const match = /実現しやすさ (\d+)%、効果 (\d+)%/.exec(name);
  if (!match) throw new Error(`no position in ${name}`);
  return { x: Number(match[1]), y: Number(match[2]) };
}
/** The default quadrant names, the centre lines belonging to the better halves. */
const quadrant = (x: number, y: number) =>
  y >= 50 ? (x >= 50 ? 'すぐ取り組む' : '計画的に取り組む') : x >= 50 ? '余力で' : '見送り';

async function openView(page: Page, tab: '優先度マトリクス' | '取り組み候補') {
  await page.getByRole('tab', { name: tab }).click();
}

/** The board's HTTP API as one token sees it. */
function api(harness: BrowserHarness, boardId: string) {
  return async (token: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${harness.server.url}/api/boards/${boardId}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
}

/** One voting round run through the server's API: one guest puts `dots` (item id → count), then it is revealed. */
async function revealedRoundOf(harness: BrowserHarness, board: CreatedBoard, dots: Record<string, number>) {
  const call = api(harness, board.id);
  const { round } = (await call(board.tokens.facilitator, 'POST', '/voting/rounds', { budget: 5 })) as {
    round: { number: number };
  };
  const guest = await call(board.tokens.participant, 'POST', '/guests', { name: `投票者${round.number}` });
  for (const [itemId, count] of Object.entries(dots)) {
    for (let i = 0; i < count; i++) {
      await call(guest.token as string, 'POST', `/voting/rounds/${round.number}/dots/${itemId}`);
    }
  }
  await call(board.tokens.facilitator, 'POST', `/voting/rounds/${round.number}/close`);
  await call(board.tokens.facilitator, 'POST', `/voting/rounds/${round.number}/reveal`);
}

/**
 * A board with two loose notes and one cluster of two notes, written the way any Yjs tool can (the cluster UI
 * is another part of issue 5).
 */
async function boardWithItems(
  harness: BrowserHarness,
  votes: { beforeCluster?: Record<string, number>; afterCluster?: Record<string, number> } = {},
): Promise<CreatedBoard> {
  const board = await harness.createBoard();
  const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
  const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.participant);
  const tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
  const check = await connectSynced(wsUrl, board.id, board.tokens.viewer);
  const [citizens, efficiency] = activePillars(settings.doc);
  if (!citizens || !efficiency) throw new Error('the template has pillars');
  const note = (id: string, pillarId: string, text: string) =>
    addNote(tool.doc, { id, pillarId, lane: 'idea', text, author: 'tool' });
  note('n1', citizens.id, '窓口の待ち時間が長い');
  note('n2', citizens.id, '書かない窓口');
  note('n3', efficiency.id, '電子決裁を進める');
  note('n4', efficiency.id, '紙の決裁をなくす');
  // Delivered once the server relayed it: a fresh client sees it.
  await expect.poll(() => check.doc.getMap('notes').size).toBe(4);
  if (votes.beforeCluster) await revealedRoundOf(harness, board, votes.beforeCluster);
  writeCluster(tool.doc, 'c1', efficiency.id, ['n3', 'n4'], '決裁の電子化');
  await expect.poll(() => check.doc.getMap('clusters').size).toBe(1);
  if (votes.afterCluster) await revealedRoundOf(harness, board, votes.afterCluster);
  for (const client of [settings, tool, check]) client.destroy();
  return board;
}

describe('the priority matrix and the shortlist, with a facilitator and two participants', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('places items by mouse and by keyboard, seen live by the others', async () => {
    const board = await boardWithItems(harness);
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    for (const page of [facilitator, alice, bob]) await openView(page, '優先度マトリクス');
    await shown(tray(bob).getByRole('listitem', { name: '決裁の電子化' }));
    expect(await tray(alice).getByRole('listitem').count()).toBe(3);

    // Alice drags a note from the tray to the upper right (high impact, easy) with the mouse.
    const handle = tray(alice).getByRole('listitem', { name: '窓口の待ち時間が長い' }).locator('.matrix-card-handle');
    const from = await handle.boundingBox();
    const area = await grid(alice).boundingBox();
    if (!from || !area) throw new Error('not laid out');
    await alice.mouse.move(from.x + 10, from.y + from.height / 2);
    await alice.mouse.down();
    await alice.mouse.move(from.x + 30, from.y + 30, { steps: 4 });
    await alice.mouse.move(area.x + area.width * 0.8, area.y + area.height * 0.2, { steps: 12 });
    await alice.mouse.up();
    const placed = grid(alice).getByRole('listitem', { name: /^窓口の待ち時間が長い — すぐ取り組む/ });
    await shown(placed);
    const name = (await placed.getAttribute('aria-label')) ?? '';
    // Everyone sees it at the same place, and out of the tray.
    for (const page of [facilitator, bob]) {
      await shown(grid(page).getByRole('listitem', { name }));
      await absent(tray(page).getByRole('listitem', { name: '窓口の待ち時間が長い' }));
    }

    // Bob places the cluster with the keyboard: the button puts it on a free spot near the centre, arrows move it.
    await tray(bob).getByRole('button', { name: '「決裁の電子化」をマトリクスに置く' }).focus();
    await bob.keyboard.press('Enter');
    await expect
      .poll(() => focusedName(bob))
      .toMatch(/^グループ・2枚 決裁の電子化 — .+（実現しやすさ \d+%、効果 \d+%）$/);
    const start = percents(await focusedName(bob));
    await bob.keyboard.press('ArrowLeft');
    await bob.keyboard.press('ArrowLeft');
    await bob.keyboard.press('Shift+ArrowUp');
    await bob.keyboard.press('Shift+ArrowUp');
    await bob.keyboard.press('Shift+ArrowUp');
    const [x, y] = [start.x - 10, start.y + 3];
    const place = `${quadrant(x, y)}（実現しやすさ ${x}%、効果 ${y}%）`;
    const moved = `グループ・2枚 決裁の電子化 — ${place}`;
    // The focus stays on the moved card across the re-renders, and each move is announced.
    await expect.poll(() => focusedName(bob)).toBe(moved);
    await expect.poll(() => bob.getByRole('status').allInnerTexts()).toContainEqual(`「決裁の電子化」: ${place}`);
    for (const page of [facilitator, alice]) await shown(grid(page).getByRole('listitem', { name: moved }));

    // Escape sends it back to the tray (for everyone); the focus lands on its button there.
    await bob.keyboard.press('Escape');
    await expect.poll(() => focusedName(bob)).toBe('「決裁の電子化」をマトリクスに置く');
    await shown(tray(alice).getByRole('listitem', { name: '決裁の電子化' }));
    await absent(grid(alice).getByRole('listitem', { name: moved }));
    // The edges stop a move: 20 steps right from anywhere end at 100%.
    await bob.keyboard.press('Enter');
    await expect.poll(() => focusedName(bob)).toMatch(/^グループ・2枚 決裁の電子化 — /);
    const again = percents(await focusedName(bob));
    for (let i = 0; i < 20; i++) await bob.keyboard.press('ArrowRight');
    await expect
      .poll(() => cardNames(alice))
      .toEqual(
        [name, `グループ・2枚 決裁の電子化 — ${quadrant(100, again.y)}（実現しやすさ 100%、効果 ${again.y}%）`].sort(),
      );

    // The pillar filter shows one pillar's items only.
    await facilitator.getByRole('combobox', { name: '柱で絞り込む' }).selectOption({ label: CITIZEN });
    await expect.poll(() => cardNames(facilitator)).toEqual([name]);
    expect(await tray(facilitator).getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringContaining('書かない窓口'),
    ]);
    expect(harness.pageErrors).toEqual([]);
    expect(harness.externalRequests).toEqual([]);
  });

  it('lets only the facilitator rename the axes and quadrants, seen by all; shortlist marks show in the shortlist', async () => {
    const board = await boardWithItems(harness);
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    for (const page of [facilitator, alice, bob]) await openView(page, '優先度マトリクス');
    await tray(alice).getByRole('button', { name: '「窓口の待ち時間が長い」をマトリクスに置く' }).click();
    await shown(grid(bob).getByRole('listitem', { name: /^窓口の待ち時間が長い — すぐ取り組む/ }));

    // Participants have no label editing.
    expect(await alice.getByRole('button', { name: '軸とラベルを編集' }).count()).toBe(0);
    await facilitator.getByRole('button', { name: '軸とラベルを編集' }).click();
    const dialog = facilitator.getByRole('dialog', { name: 'マトリクスのラベル' });
    await dialog.getByRole('textbox', { name: '縦軸（効果）' }).fill('市民への効果');
    await dialog.getByRole('textbox', { name: '縦軸（効果）' }).press('Enter');
    await dialog.getByRole('textbox', { name: '右上の区画（効果が高く、実現しやすい）' }).fill('最優先');
    await dialog.getByRole('button', { name: '保存: 右上の区画（効果が高く、実現しやすい）' }).click();
    // An empty label is refused with a message, and changes nothing.
    await dialog.getByRole('textbox', { name: '横軸（実現しやすさ）' }).fill('  ');
    await dialog.getByRole('button', { name: '保存: 横軸（実現しやすさ）' }).click();
    await shown(dialog.getByRole('alert').getByText('名前を入力してください。'));
    await dialog.getByRole('button', { name: '閉じる' }).click();

    // The period is the board's, set in ボードの設定: a last year before the first is refused and changes nothing.
    await facilitatorTool(facilitator, 'ボードの設定');
    const settings = facilitator.getByRole('dialog', { name: 'ボードの設定' });
    const first = settings.getByRole('combobox', { name: '開始年度' });
    const last = settings.getByRole('combobox', { name: '終了年度' });
    await first.selectOption({ label: '令和11年度 (2029年度)' });
    await last.selectOption({ label: '令和10年度 (2028年度)' });
    await settings.getByRole('button', { name: '保存' }).click();
    await shown(
      settings.getByRole('alert').getByText('終了年度: 終了年度は開始年度と同じか、それより後にしてください。'),
    );
    await expect.poll(() => last.evaluate((el) => el === document.activeElement)).toBe(true);
    const settingsDoc = await connectSynced(
      `${harness.server.url.replace('http', 'ws')}/ws`,
      `${board.id}/settings`,
      board.tokens.viewer,
    );
    expect(readStoredPeriod(settingsDoc.doc)).toEqual(defaultPeriod(Date.now()));
    await last.selectOption({ label: '令和11年度 (2029年度)' });
    await settings.getByRole('button', { name: '保存' }).click();
    await shown(settings.getByText('保存しました'));
    await expect.poll(() => readStoredPeriod(settingsDoc.doc)).toEqual({ first: 2029, last: 2029 });
    settingsDoc.destroy();
    await settings.getByRole('button', { name: '閉じる' }).click();

    for (const page of [alice, bob, facilitator]) {
      await shown(grid(page, '市民への効果').getByRole('listitem', { name: /^窓口の待ち時間が長い — 最優先（/ }));
    }

    // Alice marks it for the (changed) period; Bob sees the toggle pressed, the facilitator the shortlist.
    const toggle = (page: Page) =>
      grid(page, '市民への効果').getByRole('button', { name: '令和11年度に取り組む: 窓口の待ち時間が長い' });
    await toggle(alice).click();
    await expect.poll(() => toggle(bob).getAttribute('aria-pressed')).toBe('true');
    await tray(alice).getByRole('button', { name: '令和11年度に取り組む: 決裁の電子化' }).click();

    await openView(facilitator, '取り組み候補');
    await shown(facilitator.getByRole('heading', { name: '取り組み候補: 令和11年度に取り組む' }));
    const citizens = facilitator.getByRole('region', { name: /^市民サービスの向上/ });
    await expect
      .poll(() => citizens.getByRole('listitem').allInnerTexts())
      .toEqual([expect.stringMatching(/窓口の待ち時間が長い[\s\S]*区画: 最優先/)]);
    const efficiency = facilitator.getByRole('region', { name: /^業務の効率化/ });
    await expect
      .poll(() => efficiency.getByRole('listitem').allInnerTexts())
      .toEqual([expect.stringMatching(/決裁の電子化[\s\S]*区画: 未配置/)]);

    // Bob unmarks in his own shortlist view; the facilitator's list follows.
    await openView(bob, '取り組み候補');
    await bob.getByRole('button', { name: '「決裁の電子化」を「令和11年度に取り組む」から外す' }).click();
    await absent(efficiency);
    await expect.poll(() => toggle(alice).getAttribute('aria-pressed')).toBe('true');
    expect(harness.pageErrors).toEqual([]);
  });

  it('never saves a label on the Enter that confirms an IME conversion', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator');
    await openView(facilitator, '優先度マトリクス');
    await facilitator.getByRole('button', { name: '軸とラベルを編集' }).click();
    const field = facilitator.getByRole('textbox', { name: '縦軸（効果）' });
    // Every value the label takes, as another client receives them (in order).
    const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
    const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.viewer);
    const saved: (string | null)[] = [];
    const labels = settingsRoots.prioritization(settings.doc);
    labels.observe(() => saved.push(readPrioritizationLabels(labels).impactAxis));
    await field.fill('');
    await composeJapanese(facilitator, ['しみん'], '市民');
    await field.press('Enter');
    await expect.poll(() => readPrioritizationLabels(labels).impactAxis).toBe('市民');
    // The confirming Enter saved nothing: the only value ever saved is the one of the real Enter.
    expect(saved).toEqual(['市民']);
    settings.destroy();
  });

  it('finds no serious accessibility violation on the matrix, the labels dialog and the shortlist', async () => {
    const board = await boardWithItems(harness);
    const page = await harness.openBoard(board, 'facilitator');
    await openView(page, '優先度マトリクス');
    await tray(page).getByRole('button', { name: '「窓口の待ち時間が長い」をマトリクスに置く' }).click();
    await tray(page)
      .getByRole('button', { name: `${SHORTLIST_NAME}: 決裁の電子化` })
      .click();
    await shown(grid(page).getByRole('listitem'));
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '軸とラベルを編集' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await openView(page, '取り組み候補');
    await shown(page.getByRole('region', { name: /^業務の効率化/ }));
    expect(await seriousViolations(page)).toEqual([]);
    const viewer = await harness.openBoard(board, 'viewer', { lang: 'en' });
    await viewer.getByRole('tab', { name: 'Priority matrix' }).click();
    await shown(viewer.getByRole('region', { name: 'Matrix (vertical: Impact, horizontal: Feasibility)' }));
    expect(await seriousViolations(viewer)).toEqual([]);
  });

  it('shows the votes of a chosen revealed round as badges or sizes, a note’s dots counting for its cluster', async () => {
    // Round 1 was revealed before n3 and n4 were grouped: their dots count for the cluster now.
    const board = await boardWithItems(harness, {
      beforeCluster: { n1: 3, n3: 2 },
      afterCluster: { n1: 1, n4: 4 },
    });
    const page = await harness.openBoard(board, 'participant');
    await openView(page, '優先度マトリクス');
    await page.getByRole('combobox', { name: '投票数の表示' }).selectOption({ label: 'バッジで' });
    // The newest revealed round is shown first.
    expect(await page.getByRole('combobox', { name: '投票の回' }).inputValue()).toBe('2');
    await shown(tray(page).getByRole('listitem', { name: '決裁の電子化 4票' }));
    await shown(tray(page).getByRole('listitem', { name: '窓口の待ち時間が長い 1票' }));
    await shown(tray(page).getByText('4票'));
    await page.getByRole('combobox', { name: '投票の回' }).selectOption({ label: '第1回' });
    await shown(tray(page).getByRole('listitem', { name: '決裁の電子化 2票' }));
    await shown(tray(page).getByRole('listitem', { name: '書かない窓口 0票' }));
    // As size: the card with the most dots is drawn bigger, and its name still says how many.
    await page.getByRole('combobox', { name: '投票数の表示' }).selectOption({ label: '大きさで' });
    await tray(page).getByRole('button', { name: '「窓口の待ち時間が長い」をマトリクスに置く' }).click();
    await tray(page).getByRole('button', { name: '「書かない窓口」をマトリクスに置く' }).click();
    const fontSize = (name: string) =>
      grid(page)
        .getByRole('listitem', { name: new RegExp(`^${name}`) })
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    await shown(grid(page).getByRole('listitem', { name: /^書かない窓口 — .* 0票$/ }));
    expect(await fontSize('窓口の待ち時間が長い')).toBeGreaterThan(await fontSize('書かない窓口'));
    // The shortlist shows the votes of its own chosen round.
    // The star is pressed from the keyboard.
    await grid(page)
      .getByRole('button', { name: `${SHORTLIST_NAME}: 窓口の待ち時間が長い` })
      .press('Enter');
    await openView(page, '取り組み候補');
    await expect.poll(() => page.getByRole('listitem', { name: '窓口の待ち時間が長い' }).innerText()).toContain('1票');
    await page.getByRole('combobox', { name: '投票の回' }).selectOption({ label: '第1回' });
    await expect.poll(() => page.getByRole('listitem', { name: '窓口の待ち時間が長い' }).innerText()).toContain('3票');
  });
});
