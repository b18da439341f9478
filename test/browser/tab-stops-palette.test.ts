import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { absent, addNoteByTyping, BrowserHarness, facilitatorTool, noteItem, quickEntry, shown } from './harness';
import { beginComposition } from './ime';

const CITIZEN = '市民サービスの向上';
const LANES = ['課題', '達成目標', 'アイデア'] as const;

/**
 * Presses Tab from the top of the page until the focus comes back round, and counts the distinct elements it
 * stopped on: what a keyboard user crosses to get through the page.
 */
async function countTabStops(page: Page): Promise<number> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const seen = new Set<string>();
  for (let press = 0; press < 800; press++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return 'body';
      const w = window as unknown as { __tabIds?: WeakMap<Element, string>; __tabNext?: number };
      w.__tabIds ??= new WeakMap();
      w.__tabNext ??= 0;
      let known = w.__tabIds.get(element);
      if (!known) {
        known = String(w.__tabNext++);
        w.__tabIds.set(element, known);
      }
      return known;
    });
    if (id === 'body' && seen.size > 0) break;
    if (seen.has(id)) break;
    if (id !== 'body') seen.add(id);
  }
  return seen.size;
}

/** The palette's options as their visible words (without the shortcut hints). */
const paletteOptions = (page: Page) =>
  page
    .getByRole('dialog', { name: 'コマンドパレット' })
    .getByRole('option')
    .evaluateAll((options) => options.map((o) => o.querySelector('span')?.textContent ?? ''));

describe('tab stops, command palette, shortcut help', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('adds no more than 3 Tab stops per note for the facilitator, a participant and a viewer', async () => {
    const board = await harness.createBoard();
    const pages = {
      facilitator: await harness.openBoard(board, 'facilitator', { name: '進行役' }),
      participant: await harness.openBoard(board, 'participant', { name: '佐藤' }),
      viewer: await harness.openBoard(board, 'viewer', { name: '見学' }),
    };
    const empty: Record<string, number> = {};
    for (const [role, page] of Object.entries(pages)) empty[role] = await countTabStops(page);

    const N = 9;
    for (const lane of LANES) {
      for (let i = 1; i <= 3; i++) await addNoteByTyping(pages.participant, CITIZEN, lane, `${lane}の付箋${i}`);
    }
    for (const page of Object.values(pages)) await shown(noteItem(page, 'アイデアの付箋3'));
    for (const [role, page] of Object.entries(pages)) {
      const full = await countTabStops(page);
      const perNote = (full - (empty[role] ?? 0)) / N;
      expect({ role, perNote: perNote <= 3 ? 'within budget' : perNote }).toEqual({ role, perNote: 'within budget' });
      // One stop per lane (the note, its 「…」): far below the budget.
      expect(full - (empty[role] ?? 0)).toBeLessThanOrEqual(LANES.length * 2);
    }
  });

  it('lists in the command palette only what the role and the lock allow, and runs the chosen action', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await addNoteByTyping(participant, CITIZEN, '課題', '窓口が混む');
    await shown(noteItem(facilitator, '窓口が混む'));

    await noteItem(participant, '窓口が混む').focus();
    await participant.keyboard.press('Control+k');
    const palette = participant.getByRole('dialog', { name: 'コマンドパレット' });
    await shown(palette);
    const forParticipant = await paletteOptions(participant);
    expect(forParticipant).toEqual(
      expect.arrayContaining([
        '編集',
        '移動…',
        'グループにする…',
        '色…',
        'コメント…',
        '削除',
        'キーボードショートカット',
      ]),
    );
    expect(forParticipant).not.toContain('注目');
    // The facilitator's tools are not offered to a participant.
    expect(forParticipant).not.toContain('ボードの設定');
    expect(await seriousViolations(participant)).toEqual([]);
    // Type to filter, Enter runs: 移動… opens its dialog for that note.
    await palette.getByRole('combobox', { name: '操作を探す' }).fill('移動');
    expect(await paletteOptions(participant)).toEqual(['移動…']);
    await participant.keyboard.press('Enter');
    await absent(palette);
    const move = participant.getByRole('dialog', { name: '付箋を移動' });
    await shown(move);
    await participant.keyboard.press('Escape');
    await absent(move);

    // The facilitator's palette has 注目 too.
    await noteItem(facilitator, '窓口が混む').focus();
    await facilitator.keyboard.press('Control+k');
    await shown(facilitator.getByRole('dialog', { name: 'コマンドパレット' }));
    expect(await paletteOptions(facilitator)).toEqual(
      expect.arrayContaining(['注目', 'ボードの設定', 'メンバーとリンク', '操作履歴', 'ボードをロック']),
    );
    await facilitator.keyboard.press('Escape');

    // Locked: the participant may only read the thread.
    await facilitatorTool(facilitator, 'ボードをロック');
    await facilitator.getByRole('alertdialog').getByRole('button', { name: 'ボードをロック' }).click();
    await shown(participant.getByText('ファシリテーターがボードをロックしました。', { exact: false }));
    await noteItem(participant, '窓口が混む').focus();
    await participant.keyboard.press('Control+k');
    await shown(palette);
    expect(await paletteOptions(participant)).toEqual([
      'コメント…',
      'キーボードショートカット',
      '一覧',
      '全体表示',
      '会議の予定',
    ]);
    expect(harness.pageErrors).toEqual([]);
  });

  it('opens the shortcut help with ?, and fires no shortcut in a text field or during an IME composition', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    await addNoteByTyping(page, CITIZEN, '課題', '残る付箋');

    // ? on the board: the help, listing the shortcuts from the same definitions.
    await noteItem(page, '残る付箋').focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'キーボードショートカット' });
    await shown(help);
    await shown(help.getByRole('row', { name: '削除 Delete' }));
    await shown(help.getByRole('row', { name: 'コマンドパレット Ctrl+K' }));
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await absent(help);

    // Typed in the entry field, ? M Delete and Ctrl+K are text and editing keys, not shortcuts.
    const field = quickEntry(page, CITIZEN, 'アイデア');
    await field.focus();
    await page.keyboard.type('?m');
    await page.keyboard.press('Control+k');
    await page.keyboard.press('Delete');
    expect(await field.inputValue()).toBe('?m');
    expect(await page.getByRole('dialog').count()).toBe(0);

    // During an IME composition, a key the IME takes (keyCode 229) never runs a shortcut, even on a note.
    await field.fill('');
    const composition = await beginComposition(page, ['さくじょ']);
    await composition.commit('削除');
    expect(await field.inputValue()).toBe('削除');
    await noteItem(page, '残る付箋').focus();
    const cdp = await page.context().newCDPSession(page);
    for (const type of ['rawKeyDown', 'keyUp'] as const) {
      await cdp.send('Input.dispatchKeyEvent', {
        type,
        key: 'Delete',
        code: 'Delete',
        windowsVirtualKeyCode: 229,
        nativeVirtualKeyCode: 229,
      });
    }
    await cdp.detach();
    // The same key without an IME does delete: so the note's staying is the IME rule at work.
    await shown(noteItem(page, '残る付箋'));
    expect(await page.getByText('付箋「残る付箋」を削除しました。').count()).toBe(0);
    await page.keyboard.press('Delete');
    await absent(noteItem(page, '残る付箋'));
    expect(harness.pageErrors).toEqual([]);
  });
});
