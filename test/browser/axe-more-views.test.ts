import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lang, translator } from '../../shared/i18n/index';
import { addComment, setReaction } from '../../shared/ops/comments';
import { createInitiativeFromItem, deleteInitiative } from '../../shared/ops/initiatives';
import { addNote, deleteNote } from '../../shared/ops/notes';
import { checkDialog, expectAccessible, expectNoSidewaysOverflow, workshopBoard } from './axeViews';
import { absent, BrowserHarness, openFacilitatorMenu, openHeaderTool, shown } from './harness';

const LAPTOP = { width: 1366, height: 768 };
const LANGS: Lang[] = ['ja', 'en'];

/**
 * The workshop board with what these views show: comments and reactions, a deleted initiative, a fuller trash, a
 * note with no known place.
 */
async function busyBoard(harness: BrowserHarness) {
  return workshopBoard(harness, ({ board, settings }) => {
    const comment = (id: string, text: string, author: string) =>
      expect(addComment(board, { id, targetId: 'n5', targetKind: 'note', text, author, authorName: author }).ok).toBe(
        true,
      );
    comment('k1', '決裁の種類ごとに数えたい', '佐藤');
    comment('k2', '電子決裁の導入費用も調べます', '鈴木');
    for (const person of ['佐藤', '鈴木', '田中']) expect(setReaction(board, 'n5', '👍', person, true).ok).toBe(true);
    expect(setReaction(board, 'n5', '❓', '田中', true).ok).toBe(true);
    const made = createInitiativeFromItem(board, settings, {
      id: 'i2',
      itemId: 'n6',
      personId: 'tool',
      roundNumber: null,
    });
    expect(made.ok).toBe(true);
    expect(deleteInitiative(board, 'i2').ok).toBe(true);
    expect(deleteNote(board, 'n2', Date.now()).ok).toBe(true);
    // A note whose pillar this board does not know (e.g. written by an older tool): shown in 未分類の付箋.
    expect(
      addNote(board, { id: 'n9', pillarId: 'no-such-pillar', lane: 'idea', text: '柱のない付箋', author: 'tool' }).ok,
    ).toBe(true);
  });
}

/** The element's box lies wholly inside the window. */
async function insideWindow(page: Page, selector: ReturnType<Page['locator']>): Promise<boolean> {
  const box = await selector.boundingBox();
  const size = page.viewportSize();
  if (!box || !size) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height;
}

describe('axe-core finds no serious or critical violation on the views the first pass left out', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  for (const lang of LANGS) {
    const t = translator(lang);
    const facilitatorTools = [t('settings.open'), t('people.open'), t('audit.open'), t('lock.lock')];
    const tool = (page: Page, name: string | RegExp) =>
      openHeaderTool(page, name, facilitatorTools, t('role.facilitator'));
    const note = (text: string) => t('note.label', { text });
    const open = (page: Page) => page.locator('dialog[open]').last();

    it(`on the header's menu, the display modes, the people dialog on a laptop, messages, trash and comments (${lang})`, async () => {
      const board = await busyBoard(harness);
      const page = await harness.openBoard(board, 'facilitator', { name: '進行役', lang, viewport: LAPTOP });
      await shown(page.getByRole('listitem', { name: note('窓口の待ち時間が長い') }));
      await shown(page.getByRole('region', { name: t('board.unplaced') }).getByText('柱のない付箋'));

      await openFacilitatorMenu(page, t('role.facilitator'));
      await expectAccessible(page, 'facilitator menu');
      await page.keyboard.press('Escape');
      await absent(page.getByRole('menu'));

      const compact = page.getByRole('button', { name: t('display.compact'), exact: true });
      await compact.click();
      await expect.poll(() => compact.getAttribute('aria-pressed')).toBe('true');
      await expectAccessible(page, 'compact density');
      await compact.click();
      await expect.poll(() => compact.getAttribute('aria-pressed')).toBe('false');
      await page.getByRole('button', { name: t('display.overview'), exact: true }).click();
      await shown(page.getByRole('button', { name: t('display.overviewExit') }));
      await expectAccessible(page, 'overview');
      await page.keyboard.press('Escape');
      await absent(page.getByRole('button', { name: t('display.overviewExit') }));

      // The people dialog scrolls on a laptop screen: it stays inside the window, its close button reachable.
      await tool(page, t('people.open'));
      const people = open(page);
      await shown(people);
      expect(await insideWindow(page, people)).toBe(true);
      const close = people.getByRole('button', { name: t('people.close'), exact: true });
      await close.scrollIntoViewIfNeeded();
      expect(await insideWindow(page, close)).toBe(true);
      await expectAccessible(page, 'people dialog, laptop');
      await close.click();
      await absent(page.locator('dialog[open]'));

      // Three messages in the log.
      for (const text of ['窓口の待ち時間が長い', '若手の勉強会', '電子決裁を進める']) {
        await page.getByRole('listitem', { name: note(text) }).focus();
        await page.keyboard.press('Delete');
        await absent(page.getByRole('listitem', { name: note(text) }));
      }
      await page.getByRole('button', { name: t('messages.open', { count: 3 }) }).click();
      const log = page.getByRole('region', { name: t('messages.heading') });
      await shown(log);
      await expectAccessible(page, 'message log, three entries');
      await expectNoSidewaysOverflow(log, 'message log, three entries');
      // Times as the page's language writes them (24-hour), not as the browser's own locale would.
      expect
        .soft(await log.locator('time').allInnerTexts())
        .toEqual([
          expect.stringMatching(/^\d\d:\d\d$/),
          expect.stringMatching(/^\d\d:\d\d$/),
          expect.stringMatching(/^\d\d:\d\d$/),
        ]);
      await page.keyboard.press('Escape');

      await checkDialog(page, 'trash with five notes', () => tool(page, t('trash.open', { count: 5 })));
      await page.getByRole('listitem', { name: note('紙の決裁が多い') }).focus();
      await checkDialog(page, 'comment thread with comments and reactions', () => page.keyboard.press('c'));
      expect(harness.pageErrors).toEqual([]);
    });

    it(`on the matrix's list and tray, the initiatives' trash and editor, snapshots compared and restored (${lang})`, async () => {
      const board = await busyBoard(harness);
      const page = await harness.openBoard(board, 'facilitator', { name: '進行役', lang, viewport: LAPTOP });
      const tab = (key: Parameters<typeof t>[0]) => page.getByRole('tab', { name: t(key), exact: true }).click();

      await tab('view.matrix');
      const list = page.getByText(t('matrix.list', { count: 3 }), { exact: true });
      await list.click();
      await shown(page.getByRole('list', { name: t('matrix.listLabel') }));
      await expectAccessible(page, 'matrix, side list open and tray with items');

      await tab('view.initiatives');
      await checkDialog(page, 'initiatives trash', () =>
        page.getByRole('button', { name: t('initiative.trash', { count: 1 }) }).click(),
      );
      await page.getByRole('button', { name: t('initiative.editItem', { title: '窓口のデジタル化' }) }).click();
      await shown(page.getByRole('heading', { name: t('initiative.editHeading', { title: '窓口のデジタル化' }) }));
      await expectAccessible(page, 'initiative editor');
      await page.keyboard.press('Escape');

      await tool(page, t('snapshot.open'));
      const snapshots = open(page);
      const name = snapshots.getByRole('textbox', { name: t('snapshot.saveLabel') });
      await name.fill('第2回終了時');
      await name.press('Enter');
      await shown(snapshots.getByRole('row', { name: /第2回終了時/ }));
      // A change after the snapshot, for the comparison to show.
      await page.keyboard.press('Escape');
      await tab('view.board');
      await page.getByRole('listitem', { name: note('若手の勉強会') }).focus();
      await page.keyboard.press('Delete');
      await absent(page.getByRole('listitem', { name: note('若手の勉強会') }));
      await tool(page, t('snapshot.open'));
      await snapshots.getByRole('combobox', { name: t('snapshot.compareFrom') }).selectOption({ label: '第2回終了時' });
      await snapshots
        .getByRole('combobox', { name: t('snapshot.compareTo') })
        .selectOption({ label: t('snapshot.live') });
      await snapshots.getByRole('button', { name: t('snapshot.compare'), exact: true }).click();
      await shown(
        snapshots.getByRole('heading', {
          name: t('snapshot.diffHeading', { from: '第2回終了時', to: t('snapshot.live') }),
        }),
      );
      await expectAccessible(page, 'snapshot compared with now');

      await snapshots.getByRole('button', { name: t('snapshot.back') }).click();
      await snapshots.getByRole('button', { name: t('snapshot.restoreOf', { name: '第2回終了時' }) }).click();
      await page
        .getByRole('alertdialog')
        .getByRole('button', { name: t('snapshot.restoreConfirmButton') })
        .click();
      const [restored] = await Promise.all([
        page.context().waitForEvent('page'),
        snapshots.getByRole('link', { name: t('snapshot.openRestored') }).click(),
      ]);
      // The new board opens in this browser's language; this view is checked in the test's one.
      const inLang = new URL(restored.url());
      inLang.searchParams.set('lang', lang);
      await restored.goto(inLang.toString());
      await restored.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0, null, {
        timeout: 20_000,
      });
      await shown(restored.getByRole('listitem', { name: note('紙の決裁が多い') }));
      await expectAccessible(restored, 'board restored from a snapshot');
      expect(harness.pageErrors).toEqual([]);
    });

    it(`on the score sheet, the scoring results and the matrix at the medians, on a laptop (${lang})`, async () => {
      const board = await workshopBoard(harness);
      const page = await harness.openBoard(board, 'facilitator', { name: '進行役', lang, viewport: LAPTOP });
      const participant = await harness.openBoard(board, 'participant', { name: '佐藤', lang, viewport: LAPTOP });
      await page.getByRole('tab', { name: t('view.scoring'), exact: true }).click();
      await page.getByRole('button', { name: t('score.openRound', { number: 1 }) }).click();
      await participant.getByRole('button', { name: t('score.goScore') }).click();
      const label = '窓口のデジタル化';
      const axis = (name: string) =>
        participant.getByRole('radiogroup', { name: t('score.axisOf', { axis: name, label }) });
      await axis(t('matrix.default.impactAxis')).getByRole('radio', { name: '4', exact: true }).check();
      await axis(t('matrix.default.feasibilityAxis')).getByRole('radio', { name: '2', exact: true }).check();
      await shown(participant.getByRole('listitem', { name: label, exact: true }).getByText(t('score.statusSaved')));
      await expectAccessible(participant, 'score sheet, participant');
      await expectAccessible(page, 'score sheet, facilitator');
      await expectNoSidewaysOverflow(participant.locator('.scoring'), 'score sheet');
      await page.getByRole('button', { name: t('score.closeRound', { number: 1 }) }).click();
      await page.getByRole('button', { name: t('score.revealRound', { number: 1 }) }).click();
      await shown(participant.getByRole('heading', { name: t('score.resultsHeading', { number: 1 }) }));
      await expectAccessible(participant, 'scoring results');
      await page.getByRole('tab', { name: t('view.matrix'), exact: true }).click();
      await page.getByRole('combobox', { name: t('matrix.placement') }).selectOption({ index: 1 });
      await shown(page.locator('.matrix-cross-dot').first());
      await expectAccessible(page, 'matrix at the medians');
      expect(harness.pageErrors).toEqual([]);
    });

    it(`on the list of changes since the last visit (${lang})`, async () => {
      const board = await busyBoard(harness);
      const first = await harness.openBoard(board, 'participant', { name: '佐藤', lang, viewport: LAPTOP });
      const context = first.context();
      const seen = () =>
        first.evaluate(
          (prefix) => Object.keys(localStorage).some((k) => k.startsWith(prefix)),
          `board.visit.${board.id}.`,
        );
      await expect.poll(seen).toBe(true);
      await first.close();

      const colleague = await harness.openBoard(board, 'facilitator', { name: '進行役', lang });
      await colleague.getByRole('listitem', { name: note('書かない窓口') }).focus();
      await colleague.keyboard.press('Delete');
      await absent(colleague.getByRole('listitem', { name: note('書かない窓口') }));

      const back = await context.newPage();
      await back.goto(`${harness.server.url}/b/${board.id}?lang=${lang}#token=${board.tokens.participant}`);
      const count = back.getByRole('button', { name: t('visit.countLabel', { count: 1 }) });
      await checkDialog(back, 'since the last visit', () => count.click());
      expect(harness.pageErrors).toEqual([]);
    });

    it(`on the error a wrong link shows, and on a board cut off from the server (${lang})`, async () => {
      const board = await workshopBoard(harness);
      const context = await harness.browser.newContext({ viewport: LAPTOP });
      const wrong = await context.newPage();
      await wrong.goto(`${harness.server.url}/b/${board.id}?lang=${lang}#token=not-a-real-token`);
      await shown(wrong.getByRole('alert').filter({ hasText: t('error.linkInvalid') }));
      // One sentence and a link: fewer of axe's rules find something to check there.
      await expectAccessible(wrong, 'invalid link', 8);
      await wrong.goto(`${harness.server.url}/b/no-such-board?lang=${lang}#token=${board.tokens.participant}`);
      await shown(wrong.getByRole('alert').filter({ hasText: t('error.boardNotFound') }));
      await expectAccessible(wrong, 'board not found', 8);
      await context.close();

      const page = await harness.openBoard(board, 'participant', { name: '佐藤', lang, viewport: LAPTOP });
      await shown(page.getByRole('status', { name: t('connection.label', { state: t('connection.connected') }) }));
      const viewer = await harness.openBoard(board, 'viewer', { name: '見学', lang, viewport: LAPTOP });

      // Closed for good: the facilitator replaced the viewers' link, the page says so and offers a reload.
      const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役', lang });
      await tool(facilitator, t('people.open'));
      const replace = t('people.regenerate', { role: t('role.viewer') });
      await open(facilitator).getByRole('button', { name: replace }).click();
      await facilitator.getByRole('alertdialog').getByRole('button', { name: replace }).click();
      await shown(viewer.getByRole('alert').filter({ hasText: t('error.linkReplaced') }));
      await expectAccessible(viewer, 'link replaced, closed for good');

      await harness.stopServer();
      try {
        await shown(page.getByRole('status', { name: t('connection.label', { state: t('connection.reconnecting') }) }));
        await expectAccessible(page, 'connection lost');
      } finally {
        await harness.resumeServer();
      }
    });
  }
});
