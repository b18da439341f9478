import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupNotes } from '../../shared/ops/clusters';
import { addNote } from '../../shared/ops/notes';
import type { LaneKind } from '../../shared/records/lane';
import { activePillars } from '../../shared/selectors';
import { connectSynced } from '../server/helpers';
import { absent, BrowserHarness, type CreatedBoard, facilitatorMenuButton, noteItem, shown } from './harness';

/** The most common city-hall laptop screen. */
const LAPTOP = { width: 1366, height: 768 };

/** The focused element's accessible name (aria-label, or its words). */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '';
  });

/** Writes `perLane` notes into each pillar's lanes, as any Yjs tool could; returns their texts by pillar. */
async function boardWithNotes(
  harness: BrowserHarness,
  perLane: Partial<Record<LaneKind, number>>,
  options: { groupFirstIdeas?: boolean } = {},
): Promise<{ board: CreatedBoard; texts: string[][] }> {
  const board = await harness.createBoard();
  const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
  const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.participant);
  const tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
  const check = await connectSynced(wsUrl, board.id, board.tokens.viewer);
  const texts = activePillars(settings.doc).map((pillar, p) =>
    Object.entries(perLane).flatMap(([lane, count]) =>
      Array.from({ length: count ?? 0 }, (_, i) => {
        const text = `柱${p + 1}${lane === 'problem' ? '課題' : lane === 'goal' ? '目標' : '案'}${i + 1}`;
        addNote(tool.doc, { id: `${p}-${lane}-${i}`, pillarId: pillar.id, lane: lane as LaneKind, text, author: 't' });
        return text;
      }),
    ),
  );
  const total = texts.flat().length;
  await expect.poll(() => check.doc.getMap('notes').size, { timeout: 10_000 }).toBe(total);
  if (options.groupFirstIdeas) {
    groupNotes(tool.doc, { noteId: '0-idea-1', targetNoteId: '0-idea-0', newClusterId: 'g1', createdBy: 't' });
    await expect.poll(() => check.doc.getMap('clusters').size, { timeout: 10_000 }).toBe(1);
  }
  for (const client of [settings, tool, check]) client.destroy();
  return { board, texts };
}

/** Whether each element is wholly inside the window (not cut by any edge). */
function insideWindow(page: Page, selector: string) {
  return page.$$eval(selector, (elements) =>
    elements.map((element) => {
      const rect = element.getBoundingClientRect();
      return rect.top >= 0 && rect.left >= 0 && rect.bottom <= innerHeight && rect.right <= innerWidth;
    }),
  );
}

describe('the board on a 1366×768 laptop screen', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('keeps the header to one row for the facilitator, a participant and a viewer', async () => {
    const board = await harness.createBoard();
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const page = await harness.openBoard(board, role, { viewport: LAPTOP });
      const band = await page.getByRole('banner').evaluate((header) => {
        const box = header.getBoundingClientRect();
        const controls = [...header.querySelectorAll('a, button, select, h1, [role="status"]')].filter(
          (element) => element.getBoundingClientRect().height > 0,
        );
        return {
          height: box.height,
          outside: controls
            .filter((element) => {
              const rect = element.getBoundingClientRect();
              return rect.top < box.top || rect.bottom > box.bottom;
            })
            .map((element) => element.textContent),
          tops: new Set(controls.map((element) => Math.round(element.getBoundingClientRect().top / 12))).size,
        };
      });
      // One row of controls: the header is no taller than one control and its padding.
      expect(band.height, role).toBeLessThanOrEqual(56);
      expect(band.outside, role).toEqual([]);
      expect(band.tops, role).toBeLessThanOrEqual(2);
      await page.context().close();
    }
  });

  it('holds the facilitator tools in one ファシリテーター menu, operable by keyboard, that others do not see', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'facilitator', { name: '進行役', viewport: LAPTOP });
    const button = facilitatorMenuButton(page);
    expect(await button.getAttribute('aria-haspopup')).toBe('menu');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    // Rendered only while open.
    expect(await page.getByRole('menu').count()).toBe(0);

    await button.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'ファシリテーター' });
    await shown(menu);
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await menu.getByRole('menuitem').allInnerTexts()).toEqual(
      [
        '会議の予定',
        '次の会議へ進む…',
        'ボードの設定',
        'メンバーとリンク',
        '操作履歴',
        '参加の状況',
        'まとめを作成',
        'ボードをロック',
      ].map((word) => expect.stringContaining(word)),
    );
    expect(await focusedName(page)).toBe('会議の予定');
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe('次の会議へ進む…');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focusedName(page)).toBe('ボードをロック');
    await page.keyboard.press('Escape');
    await absent(menu);
    expect(await focusedName(page)).toBe('ファシリテーター');

    // ArrowDown opens it too; Enter runs the item, and its dialog closes back to the menu button.
    await page.keyboard.press('ArrowDown');
    await shown(menu);
    for (const _ of ['次の会議へ進む…', 'ボードの設定', 'メンバーとリンク']) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const people = page.getByRole('dialog', { name: 'メンバーとリンク' });
    await shown(people);
    await page.keyboard.press('Escape');
    await absent(people);
    await expect.poll(() => focusedName(page)).toBe('ファシリテーター');

    // The same tools are in the command palette.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'コマンドパレット' });
    await palette.getByRole('combobox', { name: '操作を探す' }).fill('設定');
    await page.keyboard.press('Enter');
    await shown(page.getByRole('dialog', { name: 'ボードの設定' }));

    for (const role of ['participant', 'viewer'] as const) {
      const other = await harness.openBoard(board, role, { viewport: LAPTOP });
      await shown(other.getByRole('banner').getByRole('button', { name: 'スナップショット' }));
      expect(await facilitatorMenuButton(other).count(), role).toBe(0);
      expect(await other.getByRole('button', { name: 'ボードの設定' }).count(), role).toBe(0);
    }
    expect(harness.pageErrors).toEqual([]);
  });

  it('shows the three pillars and every note of a 15-note board without scrolling', async () => {
    const { board, texts } = await boardWithNotes(harness, { problem: 3, goal: 2 });
    for (const role of ['facilitator', 'participant'] as const) {
      const page = await harness.openBoard(board, role, { viewport: LAPTOP });
      for (const text of texts.flat()) await shown(noteItem(page, text));
      expect(await insideWindow(page, '.pillar-title'), role).toEqual([true, true, true]);
      for (const [p, pillarTexts] of texts.entries()) {
        const inside = await insideWindow(page, `.pillars > li:nth-child(${p + 1}) li[data-note-id]`);
        expect(inside.length).toBe(pillarTexts.length);
        // The issue asks for 4 of each pillar's 5; the grid of sticky notes shows all of them.
        expect(inside.filter(Boolean).length, `${role}, pillar ${p + 1}`).toBe(5);
      }
      expect(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(true);
      await page.context().close();
    }
  });

  it('switches to the compact 一覧 by keyboard, announces it, and keeps it for this browser after a reload', async () => {
    const { board, texts } = await boardWithNotes(harness, { problem: 3, goal: 2 });
    const page = await harness.openBoard(board, 'participant', { viewport: LAPTOP });
    const note = noteItem(page, texts[0]?.[0] ?? '');
    const before = (await note.boundingBox())?.height ?? 0;
    const toggle = page.getByRole('button', { name: '一覧' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await shown(page.locator('[role="status"][aria-live]').getByText('一覧表示にしました', { exact: false }));
    const after = (await note.boundingBox())?.height ?? before;
    expect(after).toBeLessThan(before * 0.7);

    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
    await expect.poll(() => page.getByRole('button', { name: '一覧' }).getAttribute('aria-pressed')).toBe('true');
    // D, the registry's shortcut, switches it back.
    await noteItem(page, texts[0]?.[0] ?? '').focus();
    await page.keyboard.press('d');
    await expect.poll(() => page.getByRole('button', { name: '一覧' }).getAttribute('aria-pressed')).toBe('false');
    expect(harness.pageErrors).toEqual([]);
  });

  it('fits the whole board into the window in 全体表示, and Escape returns to the board', async () => {
    // Far more than a screen holds: 16 ideas in each pillar besides the 15 notes.
    const { board, texts } = await boardWithNotes(
      harness,
      { problem: 3, goal: 2, idea: 16 },
      { groupFirstIdeas: true },
    );
    const page = await harness.openBoard(board, 'facilitator', { viewport: LAPTOP });
    expect((await insideWindow(page, 'li[data-note-id]')).every(Boolean)).toBe(false);
    // The group's comment button (no comment yet) is on the board…
    await shown(page.getByRole('button', { name: /へのコメント（0件）/ }));

    const overview = page.getByRole('button', { name: '全体表示', exact: true });
    await overview.focus();
    await page.keyboard.press('Enter');
    const exit = page.getByRole('button', { name: '全体表示を終了（Esc）' });
    await shown(exit);
    expect(await focusedName(page)).toBe('全体表示を終了（Esc）');
    await expect.poll(async () => (await insideWindow(page, 'li[data-note-id], .pillar')).every(Boolean)).toBe(true);
    // Still the same notes, for screen readers too.
    expect(await page.getByRole('listitem', { name: /^付箋: / }).count()).toBe(texts.flat().length);
    // …not in the overview, which is for the screen, not for working.
    await absent(page.getByRole('button', { name: /へのコメント（0件）/ }));

    await page.keyboard.press('Escape');
    await absent(exit);
    await shown(page.getByRole('banner'));
    await expect.poll(() => focusedName(page)).toBe('全体表示');
    expect(harness.pageErrors).toEqual([]);
  });
});
