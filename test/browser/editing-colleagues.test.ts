import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardRoots } from '../../shared/docs';
import { moveNote } from '../../shared/ops/notes';
import { activePillars } from '../../shared/selectors';
import { connectSynced } from '../server/helpers';
import {
  absent,
  addNoteByTyping,
  BrowserHarness,
  laneRegion,
  noteAction,
  noteItem,
  openEditor,
  shown,
} from './harness';
import { beginComposition } from './ime';

const CITIZEN = '市民サービスの向上';
const EFFICIENCY = '業務の効率化';

/** The lane (its region's name) the element is shown in. */
function laneOf(page: Page, text: string) {
  return page
    .getByRole('textbox', { name: '付箋の本文を編集' })
    .or(noteItem(page, text))
    .first()
    .evaluate((el) => el.closest('section.lane')?.getAttribute('aria-label') ?? '');
}

describe('editing a note while a colleague moves or deletes it', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('tells the editor who deleted the note, keeps typing and composing, and 元に戻す brings every word back', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    await addNoteByTyping(alice, CITIZEN, '課題', '窓口が混む');
    const editor = await openEditor(alice, '窓口が混む');
    await editor.press('End');
    await editor.pressSequentially('、月曜');

    await noteAction(bob, '窓口が混む、月曜', '削除');
    await absent(noteItem(bob, '窓口が混む、月曜'));

    // Alice is told, in her editor, which stays open with the focus.
    const notice = alice.getByRole('alert').filter({ hasText: 'この付箋は鈴木さんが削除しました' });
    await shown(notice);
    expect(await editor.evaluate((el) => el === document.activeElement)).toBe(true);
    // She goes on typing, then composes (not confirmed) and restores it with the mouse.
    await editor.pressSequentially('の朝');
    const composition = await beginComposition(alice, ['ひ', 'ひど', 'ひどい']);
    await notice.getByRole('button', { name: '元に戻す' }).click();
    await composition.commit('ひどい');
    await absent(notice);

    await shown(noteItem(bob, '窓口が混む、月曜の朝ひどい'));
    await editor.press('Enter');
    await shown(noteItem(alice, '窓口が混む、月曜の朝ひどい'));
    await shown(bob.getByRole('button', { name: 'ごみ箱 (0)' }));
  });

  it('keeps what was composed in the trash when the editor closes on a deleted note, and any colleague restores it', async () => {
    const board = await harness.createBoard();
    const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
    const carol = await harness.openBoard(board, 'participant', { name: '高橋' });
    await addNoteByTyping(alice, CITIZEN, 'アイデア', '申請を');
    const editor = await openEditor(alice, '申請を');
    await editor.press('End');
    const composition = await beginComposition(alice, ['す', 'すま', 'すまほ', 'すまほから']);

    await noteAction(bob, '申請を', '削除');
    await shown(alice.getByRole('alert').filter({ hasText: 'この付箋は鈴木さんが削除しました' }));
    await composition.commit('スマホから');
    await expect.poll(() => editor.inputValue()).toBe('申請をスマホから');
    await editor.press('Enter');
    await absent(editor);

    // The message stays until used: the words are in the trash, with the note.
    const toast = alice.locator('.toast').filter({ hasText: '付箋「申請をスマホから」は鈴木さんが削除しました' });
    await shown(toast);
    // Any colleague may restore any note: Carol sees it in her trash, with who deleted it.
    await carol.getByRole('button', { name: 'ごみ箱 (1)' }).click();
    const trash = carol.getByRole('dialog', { name: 'ごみ箱' });
    await shown(trash.getByText('（鈴木さんが削除）'));
    await toast.getByRole('button', { name: '元に戻す' }).click();
    await shown(noteItem(bob, '申請をスマホから'));
    await shown(trash.getByText('ごみ箱は空です'));
  });

  for (const way of ['the 移動… dialog', 'the keyboard', 'another tool'] as const) {
    it(`writes a conversion once when a colleague moves the note with ${way} during the composition`, async () => {
      const board = await harness.createBoard();
      const alice = await harness.openBoard(board, 'participant', { name: '佐藤' });
      const bob = await harness.openBoard(board, 'participant', { name: '鈴木' });
      await addNoteByTyping(alice, CITIZEN, '課題', '申請を');
      const editor = await openEditor(alice, '申請を');
      await editor.press('End');
      const composition = await beginComposition(alice, ['す', 'すま', 'すまほ', 'すまほから']);

      if (way === 'the 移動… dialog') {
        await noteAction(bob, '申請を', '移動…');
        const dialog = bob.getByRole('dialog', { name: '付箋を移動' });
        await dialog.getByRole('combobox', { name: '柱' }).selectOption({ label: EFFICIENCY });
        await dialog.getByRole('button', { name: '移動する' }).click();
      } else if (way === 'the keyboard') {
        await noteItem(bob, '申請を').focus();
        await bob.keyboard.press('Space');
        await expect
          .poll(() => bob.locator('[id^="DndLiveRegion"]').innerText())
          .toContain('付箋「申請を」を持ち上げました。');
        // dnd-kit's keyboard sensor listens for the next key from a zero-delay timer.
        await bob.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
        await bob.keyboard.press('ArrowRight');
        await expect.poll(() => bob.locator('[id^="DndLiveRegion"]').innerText()).toContain(EFFICIENCY);
        await bob.keyboard.press('Space');
      } else {
        const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
        const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.participant);
        const tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
        const pillar = activePillars(settings.doc).find((p) => p.title === EFFICIENCY)!;
        const [noteId] = [...boardRoots.notes(tool.doc).keys()];
        expect(moveNote(tool.doc, noteId!, { pillarId: pillar.id, lane: 'problem', index: 0 }).ok).toBe(true);
        await shown(laneRegion(bob, EFFICIENCY, '課題').getByRole('listitem', { name: '付箋: 申請を' }));
        settings.destroy();
        tool.destroy();
      }
      await shown(laneRegion(bob, EFFICIENCY, '課題').getByRole('listitem', { name: '付箋: 申請を' }));
      // The move has reached Alice (her index shows the note elsewhere) while she still composes.
      await shown(
        alice
          .getByRole('status')
          .filter({ hasText: 'この付箋はほかの人が移動しました' })
          .or(laneRegion(alice, EFFICIENCY, '課題').getByRole('textbox', { name: '付箋の本文を編集' })),
      );

      await composition.commit('スマホから');
      // The conversion replaces the kana, once (not 「申請をすまほからスマホから」).
      await expect.poll(() => editor.inputValue()).toBe('申請をスマホから');
      await expect
        .poll(() =>
          bob.getByRole('listitem', { name: /^付箋: / }).evaluateAll((items) => items.map((i) => i.ariaLabel)),
        )
        .toEqual(['付箋: 申請をスマホから']);
      // Alice's editor stayed where it was, told the note moved; it goes to its new place when she is done.
      expect(await laneOf(alice, '申請を')).toBe(`${CITIZEN} — 課題`);
      await editor.press('Enter');
      await shown(laneRegion(alice, EFFICIENCY, '課題').getByRole('listitem', { name: '付箋: 申請をスマホから' }));
    });
  }
});
