import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lang, translator } from '../../shared/i18n/index';
import { checkDialog, expectAccessible, workshopBoard } from './axeViews';
import { absent, BrowserHarness, openHeaderTool, shown } from './harness';

const LANGS: Lang[] = ['ja', 'en'];

describe('axe-core finds no serious or critical violation on any view, in Japanese and in English', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('on the landing page in English', async () => {
    const context = await harness.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${harness.server.url}/?lang=en`);
    await shown(page.getByRole('button', { name: translator('en')('landing.create.submit') }));
    await expectAccessible(page, 'landing (en)');
    await context.close();
  });

  for (const lang of LANGS) {
    const t = translator(lang);
    /** The facilitator's tools sit in the header's ファシリテーター menu. */
    const tool = (page: Page, name: string | RegExp) =>
      openHeaderTool(
        page,
        name,
        [t('settings.open'), t('people.open'), t('audit.open'), t('lock.lock'), t('lock.unlock')],
        t('role.facilitator'),
      );
    const note = (text: string) => t('note.label', { text });

    it(`on the board of each role, its menus, palette, help and dialogs, and locked (${lang})`, async () => {
      const board = await workshopBoard(harness);
      const page = await harness.openBoard(board, 'facilitator', { name: '進行役', lang });
      await shown(page.getByRole('listitem', { name: note('窓口の待ち時間が長い') }));
      await expectAccessible(page, 'board, facilitator, with a group');

      // The note's menu, the palette and the shortcut help, opened from the keyboard.
      await page.getByRole('listitem', { name: note('紙の決裁が多い') }).focus();
      await page.keyboard.press('Shift+F10');
      await shown(page.getByRole('menu'));
      await expectAccessible(page, 'note menu');
      await page.keyboard.press('Escape');
      await absent(page.getByRole('menu'));
      await checkDialog(page, 'command palette', () => page.keyboard.press('Control+k'));
      await checkDialog(page, 'shortcut help', () => page.keyboard.press('?'));
      for (const [view, key] of [
        ['move dialog', 'm'],
        ['group dialog', 'g'],
        ['colour dialog', 'l'],
        ['comment thread', 'c'],
      ] as const) {
        await page.getByRole('listitem', { name: note('紙の決裁が多い') }).focus();
        await checkDialog(page, view, () => page.keyboard.press(key));
      }

      // The facilitator's tools.
      for (const [view, name] of [
        ['settings', t('settings.open')],
        ['people and links', t('people.open')],
        ['audit log', t('audit.open')],
        ['activity', t('activity.open')],
        ['snapshots', t('snapshot.open')],
        ['export', t('export.open')],
        ['display name', t('name.change')],
        ['trash', t('trash.open', { count: 1 })],
      ] as const) {
        await checkDialog(page, view, () => tool(page, name));
      }

      const participant = await harness.openBoard(board, 'participant', { name: '佐藤', lang });
      await shown(participant.getByRole('listitem', { name: note('窓口の待ち時間が長い') }));
      await expectAccessible(participant, 'board, participant');
      const viewer = await harness.openBoard(board, 'viewer', { name: '見学', lang });
      await shown(viewer.getByRole('listitem', { name: note('窓口の待ち時間が長い') }));
      await expectAccessible(viewer, 'board, viewer');
      await viewer.getByRole('listitem', { name: note('紙の決裁が多い') }).focus();
      await viewer.keyboard.press('Shift+F10');
      await shown(viewer.getByRole('menu'));
      await expectAccessible(viewer, 'note menu, viewer');
      await viewer.keyboard.press('Escape');

      // A toast after a deletion, and the message log that keeps it.
      await page.getByRole('listitem', { name: note('若手の勉強会') }).focus();
      await page.keyboard.press('Delete');
      await shown(page.getByRole('button', { name: t('note.undo') }).first());
      await expectAccessible(page, 'toast');
      await tool(page, new RegExp(`^${t('messages.open', { count: 1 }).replace(/[()]/g, '\\$&')}`));
      await shown(page.getByRole('region', { name: t('messages.heading') }));
      await expectAccessible(page, 'message log');
      await page.keyboard.press('Escape');

      // Locked: the facilitator's banner and the participant's.
      await tool(page, t('lock.lock'));
      await page
        .getByRole('alertdialog')
        .getByRole('button', { name: t('lock.lock') })
        .click();
      await shown(participant.getByText(t('lock.bannerParticipant'), { exact: false }));
      await expectAccessible(page, 'locked board, facilitator');
      await expectAccessible(participant, 'locked board, participant');
      expect(harness.pageErrors).toEqual([]);
    });

    it(`on the matrix with a group placed, voting open and revealed, the shortlist, initiatives (${lang})`, async () => {
      const board = await workshopBoard(harness);
      const page = await harness.openBoard(board, 'facilitator', { name: '進行役', lang });
      const participant = await harness.openBoard(board, 'participant', { name: '佐藤', lang });
      const tab = (target: Page, key: Parameters<typeof t>[0]) =>
        target.getByRole('tab', { name: t(key), exact: true }).click();

      await tab(page, 'view.matrix');
      await shown(page.getByRole('listitem').filter({ hasText: '窓口のデジタル化' }).first());
      await expectAccessible(page, 'matrix with a group placed');
      await checkDialog(page, 'matrix labels', () => tool(page, t('matrix.editLabels')));

      await tab(page, 'view.results');
      await tab(participant, 'view.results');
      await tool(page, t('vote.openRound', { number: 1 }));
      await shown(participant.getByRole('button', { name: t('vote.add', { label: '紙の決裁が多い' }) }));
      await participant.getByRole('button', { name: t('vote.add', { label: '紙の決裁が多い' }) }).click();
      await shown(participant.getByText(t('vote.mine', { count: 1 })));
      await expectAccessible(participant, 'voting, open round, participant');
      await expectAccessible(page, 'voting, open round, facilitator');
      await tool(page, t('vote.closeRound', { number: 1 }));
      await tool(page, t('vote.revealRound', { number: 1 }));
      await shown(participant.getByRole('heading', { name: t('vote.resultsOf', { number: 1, voters: 1 }) }));
      await expectAccessible(page, 'voting, revealed, facilitator');
      await expectAccessible(participant, 'voting, revealed, participant');

      await tab(page, 'view.shortlist');
      await shown(page.getByText('窓口のデジタル化').first());
      await expectAccessible(page, 'shortlist');

      // History: a saved snapshot, shown read-only.
      await tool(page, t('snapshot.open'));
      const snapshots = page.locator('dialog[open]');
      await snapshots.getByRole('textbox', { name: t('snapshot.saveLabel') }).fill('第2回終了時');
      await snapshots.getByRole('textbox', { name: t('snapshot.saveLabel') }).press('Enter');
      await shown(snapshots.getByRole('row', { name: /第2回終了時/ }));
      await expectAccessible(page, 'snapshots list');
      await snapshots.getByRole('button', { name: t('snapshot.viewOf', { name: '第2回終了時' }) }).click();
      await shown(snapshots.getByText('紙の決裁が多い'));
      await expectAccessible(page, 'snapshot shown read-only');
      await page.keyboard.press('Escape');
      await absent(snapshots);

      await tab(page, 'view.initiatives');
      const edit = page.getByRole('button', { name: t('initiative.editItem', { title: '窓口のデジタル化' }) });
      await shown(edit);
      await expectAccessible(page, 'initiatives');
      await edit.click();
      await shown(page.getByRole('heading', { name: t('initiative.editHeading', { title: '窓口のデジタル化' }) }));
      await expectAccessible(page, 'initiative editor');
      expect(harness.pageErrors).toEqual([]);
    });
  }
});
