import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import {
  absent,
  addNoteByTyping,
  BrowserHarness,
  type CreatedBoard,
  facilitatorTool,
  laneRegion,
  noteItem,
  quickEntry,
  shown,
} from './harness';
import { beginComposition, composeJapanese } from './ime';

const CITIZEN = '市民サービスの向上';
/** Three topics the server groups at the default まとめ方 (server/suggestions: 押印・出勤, 待ち時間・窓口, 決裁). */
const NOTES = [
  '押印のために出勤する',
  'ハンコをもらうために出勤',
  '押印が必要な書類が多い',
  '紙の決裁が多い',
  '決裁の電子化が進んでいない',
  '窓口の待ち時間が長い',
  '窓口で長く待たされる',
  '庁舎の駐車場が狭い',
];

const panel = (page: Page) => page.getByRole('dialog', { name: `グループの提案 — ${CITIZEN}` });
const suggestion = (page: Page, title: string) => panel(page).getByRole('listitem', { name: title, exact: true });
const cluster = (page: Page, title: string) => page.getByRole('listitem', { name: `グループ: ${title}` });
const laneTexts = (page: Page) =>
  laneRegion(page, CITIZEN, '課題')
    .locator('.note-text')
    .evaluateAll((items) => items.map((i) => i.textContent));

async function openPanel(page: Page): Promise<void> {
  await page.getByRole('button', { name: `${CITIZEN}のグループの提案` }).click();
  await shown(panel(page).getByRole('list', { name: '提案されたグループ' }));
}

/** The accessible name of what has the focus (its aria-label, else its text). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return active?.getAttribute('aria-label') ?? active?.textContent ?? '';
  });

describe('suggested groups and the duplicate hint (issue 19)', () => {
  let harness: BrowserHarness;
  let board: CreatedBoard;
  let facilitator: Page;

  beforeAll(async () => {
    harness = await new BrowserHarness().start();
    board = await harness.createBoard();
    facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    for (const text of NOTES) await addNoteByTyping(facilitator, CITIZEN, '課題', text);
    await shown(noteItem(facilitator, NOTES[NOTES.length - 1]!));
  }, 120_000);
  afterAll(() => harness.stop());

  it('accepts an edited suggestion by mouse as one group, one undo step; dismisses one; the panel passes axe', async () => {
    await openPanel(facilitator);
    const seals = suggestion(facilitator, '押印・出勤');
    await shown(seals);
    // The reason: the shared words, marked in each note as it writes them, and said in words, not colour alone.
    await shown(seals.locator('mark', { hasText: 'ハンコ' }));
    expect(await seals.locator('mark').first().innerText()).toContain('共通の言葉');
    expect(await seriousViolations(facilitator)).toEqual([]);

    await seals.getByRole('button', { name: '提案「押印・出勤」を編集' }).click();
    await seals.getByRole('textbox', { name: 'グループの名前' }).fill('ハンコと出勤');
    // The card is named by its title, as edited.
    const renamed = suggestion(facilitator, 'ハンコと出勤');
    await renamed.getByRole('button', { name: '「押印が必要な書類が多い」を提案から外す' }).click();
    await renamed.getByRole('button', { name: '提案「ハンコと出勤」を採用' }).click();
    await shown(
      panel(facilitator).getByRole('status').filter({ hasText: '2枚の付箋をグループ「ハンコと出勤」にしました' }),
    );
    await absent(suggestion(facilitator, 'ハンコと出勤'));

    await suggestion(facilitator, '決裁').getByRole('button', { name: '提案「決裁」を却下' }).click();
    await absent(suggestion(facilitator, '決裁'));
    await panel(facilitator).getByRole('button', { name: '閉じる' }).click();

    await expect
      .poll(() => cluster(facilitator, 'ハンコと出勤').locator('.note-text').allTextContents())
      .toEqual(['押印のために出勤する', 'ハンコをもらうために出勤']);
    expect(await laneTexts(facilitator)).toContain('押印が必要な書類が多い');
    // One undo step takes both notes out of the new group.
    await facilitator.getByRole('button', { name: '元に戻す', exact: true }).click();
    await absent(cluster(facilitator, 'ハンコと出勤'));
    await expect.poll(() => laneTexts(facilitator)).toEqual(NOTES);

    // Dismissed for this person while the page is open: asked again, it stays hidden.
    await openPanel(facilitator);
    await shown(suggestion(facilitator, '待ち時間・窓口'));
    expect(await suggestion(facilitator, '決裁').count()).toBe(0);
  });

  it('accepts (renamed through an IME) and dismisses by keyboard, the focus following', async () => {
    // The panel is open from the previous test.
    const counters = suggestion(facilitator, '待ち時間・窓口');
    await counters.getByRole('button', { name: '提案「待ち時間・窓口」を編集' }).focus();
    await facilitator.keyboard.press('Enter');
    // The card is named by its title, which changes as it is typed: the field is found in the panel.
    const field = panel(facilitator).getByRole('textbox', { name: 'グループの名前' });
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await facilitator.keyboard.press('Control+A');
    // The Enter that confirms the conversion neither ends the editing nor accepts.
    await composeJapanese(facilitator, ['まどぐち', '窓口'], '窓口の混雑');
    expect(await field.inputValue()).toBe('窓口の混雑');
    await facilitator.keyboard.press('Enter');
    await absent(field);
    await expect.poll(() => focused(facilitator)).toBe('提案「窓口の混雑」を編集');
    await facilitator.keyboard.press('Shift+Tab');
    await expect.poll(() => focused(facilitator)).toBe('提案「窓口の混雑」を採用');
    await facilitator.keyboard.press('Enter');
    await shown(cluster(facilitator, '窓口の混雑'));

    // The accepted one left: the focus is on the suggestion that took its place.
    await expect
      .poll(() => facilitator.evaluate(() => document.activeElement?.classList.contains('suggestion')))
      .toBe(true);
    for (const expected of ['提案「押印・出勤」を採用', '提案「押印・出勤」を編集', '提案「押印・出勤」を却下']) {
      await facilitator.keyboard.press('Tab');
      await expect.poll(() => focused(facilitator)).toBe(expected);
    }
    await facilitator.keyboard.press('Enter');
    await absent(suggestion(facilitator, '押印・出勤'));
    // None left: the focus is on the panel's status, which says what happened.
    await expect.poll(() => facilitator.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');
    expect(await panel(facilitator).getByRole('status').innerText()).toContain('却下しました');
    await facilitator.keyboard.press('Escape');
    await absent(panel(facilitator));
    expect(await focused(facilitator)).toBe(`${CITIZEN}のグループの提案`);

    // From the command palette too; the pillar is a choice in the panel.
    await facilitator.keyboard.press('Control+k');
    const palette = facilitator.getByRole('dialog', { name: 'コマンドパレット' });
    await palette.getByRole('combobox', { name: '操作を探す' }).fill('グループの提案');
    await facilitator.keyboard.press('Enter');
    await shown(panel(facilitator));
    await panel(facilitator).getByRole('combobox', { name: '柱' }).selectOption({ label: '業務の効率化' });
    const other = facilitator.getByRole('dialog', { name: 'グループの提案 — 業務の効率化' });
    await shown(other.getByRole('status').filter({ hasText: 'いまは提案できるグループがありません。' }));
    await facilitator.keyboard.press('Escape');
    await absent(other);
  });

  it('shows a participant accept only when the facilitator allows it; a viewer sees no panel', async () => {
    const viewer = await harness.openBoard(board, 'viewer', { name: '見学者' });
    await shown(noteItem(viewer, NOTES[0]!));
    expect(await viewer.getByRole('button', { name: `${CITIZEN}のグループの提案` }).count()).toBe(0);

    const participant = await harness.openBoard(board, 'participant', { name: '参加者' });
    await openPanel(participant);
    const seals = suggestion(participant, '押印・出勤');
    await shown(seals);
    await shown(panel(participant).getByText('提案をグループにできるのはファシリテーターです', { exact: false }));
    expect(await seals.getByRole('button', { name: '提案「押印・出勤」を採用' }).count()).toBe(0);
    expect(await seals.getByRole('button', { name: '提案「押印・出勤」を編集' }).count()).toBe(0);
    await shown(seals.getByRole('button', { name: '提案「押印・出勤」を却下' }));

    await facilitatorTool(facilitator, 'ボードの設定');
    const settings = facilitator.getByRole('dialog', { name: 'ボードの設定' });
    await settings.getByRole('checkbox', { name: '参加者もグループの提案を採用・編集できるようにする' }).check();
    // Live: the participant's open panel offers it at once.
    await shown(seals.getByRole('button', { name: '提案「押印・出勤」を採用' }));
    await settings.getByRole('button', { name: '閉じる' }).click();
  });

  it('hints similar notes after a pause in typing, never while an IME composes', async () => {
    const page = await harness.openBoard(board, 'participant', { name: '書く人' });
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/suggestions/similar')) asked.push(request.postData() ?? '');
    });
    const entry = quickEntry(page, CITIZEN, '課題');
    const hint = laneRegion(page, CITIZEN, '課題').getByRole('status').filter({ hasText: '似た付箋があります' });

    await entry.pressSequentially('押印のための出勤をなくしたい');
    await shown(hint);
    const similar = page.getByRole('button', { name: '似た付箋「押印のために出勤する」へ移動' });
    await shown(similar);
    await shown(similar.locator('mark', { hasText: '押印' }));
    // Reachable by keyboard: ↓ from the field to the list.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused(page)).toMatch(/^似た付箋「/);
    await similar.click();
    await expect.poll(() => focused(page)).toContain('押印のために出勤する');

    await entry.fill('');
    await absent(hint);
    const before = asked.length;
    await entry.focus();
    const composition = await beginComposition(page, ['けっさい', '決裁の', '決裁の遅れ']);
    // Nothing may happen while composing: a window well past the 300 ms pause shows that nothing was asked.
    await page.waitForTimeout(1000);
    expect(asked.length).toBe(before);
    expect(await hint.count()).toBe(0);
    await composition.commit('決裁の遅れ');
    await shown(hint);
    await shown(page.getByRole('button', { name: '似た付箋「紙の決裁が多い」へ移動' }));
    expect(asked.slice(before).map((body) => JSON.parse(body).text)).toEqual(['決裁の遅れ']);

    // Never in the way: Enter adds the note as usual and the hint goes.
    await entry.press('Enter');
    await shown(noteItem(page, '決裁の遅れ'));
    await absent(hint);
  });
});
