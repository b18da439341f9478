import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { absent, addNoteByTyping, BrowserHarness, noteItem, noteToggle, openNoteMenu, shown } from './harness';

const CITIZEN = '市民サービスの向上';
const selectedTab = (page: Page) => page.getByRole('tab', { selected: true }).innerText();

describe('live facilitation: spotlight and follow-me', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await new BrowserHarness().start();
  });
  afterAll(() => harness.stop());

  it('points everyone to a note, which they can bring into view, until the facilitator clears it', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await addNoteByTyping(participant, CITIZEN, '課題', '窓口が混む');
    await shown(noteItem(facilitator, '窓口が混む'));
    // 注目 is in the facilitator's note menu only (a switch, checked while the note is in the spotlight).
    const participantMenu = await openNoteMenu(participant, '窓口が混む');
    expect(await participantMenu.getByRole('menuitemcheckbox', { name: '注目' }).count()).toBe(0);
    await participant.keyboard.press('Escape');
    await absent(participantMenu);

    await noteToggle(facilitator, '窓口が混む', '注目');
    const menu = await openNoteMenu(facilitator, '窓口が混む');
    expect(await menu.getByRole('menuitemcheckbox', { name: '注目' }).getAttribute('aria-checked')).toBe('true');
    await facilitator.keyboard.press('Escape');
    await shown(participant.getByText('注目: 「窓口が混む」'));
    await expect.poll(() => noteItem(participant, '窓口が混む').getAttribute('class')).toContain('item-spotlit');
    await participant.getByRole('button', { name: '表示する' }).click();
    await expect
      .poll(() => participant.evaluate(() => document.activeElement?.getAttribute('data-note-id') ?? ''))
      .not.toBe('');

    await facilitator.getByRole('button', { name: '注目を解除' }).click();
    await absent(participant.getByText('注目: 「窓口が混む」'));
  });

  it('lets participants follow the facilitator’s view, leave it, and follow again', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await facilitator.getByRole('button', { name: 'フォローミー（画面を合わせてもらう）' }).click();
    await shown(participant.getByText('ファシリテーターの画面に合わせています'));

    await facilitator.getByRole('tab', { name: '優先度マトリクス' }).click();
    await expect.poll(() => selectedTab(participant)).toBe('優先度マトリクス');

    await participant.getByRole('button', { name: '自分で操作する' }).click();
    await participant.getByRole('tab', { name: 'ボード' }).click();
    await facilitator.getByRole('tab', { name: '投票' }).click();
    await shown(participant.getByRole('button', { name: '画面に合わせる' }));
    expect(await selectedTab(participant)).toBe('ボード');

    await participant.getByRole('button', { name: '画面に合わせる' }).click();
    await expect.poll(() => selectedTab(participant)).toBe('投票');

    await facilitator.getByRole('button', { name: 'フォローミー（画面を合わせてもらう）' }).click();
    await absent(participant.getByText('ファシリテーターの画面に合わせています'));
  });
});
