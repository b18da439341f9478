import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { createInitiativeFromItem } from '../../shared/ops/initiatives';
import { placeOnMatrix } from '../../shared/ops/matrix';
import { addNote, deleteNote } from '../../shared/ops/notes';
import { markShortlisted } from '../../shared/ops/shortlist';
import { activePillars } from '../../shared/selectors';
import { connectSynced } from '../server/helpers';
import { writeCluster } from '../unit/prioritizeFixtures';
import { seriousViolations } from './axe';
import { absent, type BrowserHarness, type CreatedBoard, shown } from './harness';

/** What a fixture may add to the workshop board, written as any Yjs tool can. */
export type BoardExtras = (docs: { board: Y.Doc; settings: Y.Doc }) => void;

/**
 * A board as it is in the middle of a workshop, written as any Yjs tool can: notes in every pillar, a group, items
 * on the matrix, a shortlisted item, an initiative and a note in the trash; `extras` adds what a view needs more.
 */
export async function workshopBoard(harness: BrowserHarness, extras?: BoardExtras): Promise<CreatedBoard> {
  const board = await harness.createBoard();
  const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
  const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.participant);
  const tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
  const [citizens, efficiency, people] = activePillars(settings.doc);
  if (!citizens || !efficiency || !people) throw new Error('the template has three pillars');
  const notes: [string, string, 'problem' | 'goal' | 'idea', string][] = [
    ['n1', citizens.id, 'problem', '窓口の待ち時間が長い'],
    ['n2', citizens.id, 'goal', '待たずに手続きできる'],
    ['n3', citizens.id, 'idea', 'オンライン予約'],
    ['n4', citizens.id, 'idea', '書かない窓口'],
    ['n5', efficiency.id, 'problem', '紙の決裁が多い'],
    ['n6', efficiency.id, 'idea', '電子決裁を進める'],
    ['n7', people.id, 'idea', '若手の勉強会'],
    ['n8', people.id, 'problem', '消した付箋'],
  ];
  for (const [id, pillarId, lane, text] of notes) addNote(tool.doc, { id, pillarId, lane, text, author: 'tool' });
  writeCluster(tool.doc, 'c1', citizens.id, ['n3', 'n4'], '窓口のデジタル化');
  deleteNote(tool.doc, 'n8', Date.now());
  for (const [id, x, y] of [
    ['c1', 0.8, 0.8],
    ['n6', 0.3, 0.7],
    ['n7', 0.6, 0.2],
  ] as const) {
    expect(placeOnMatrix(tool.doc, id, { x, y }).ok).toBe(true);
  }
  expect(markShortlisted(tool.doc, 'c1', 'tool').ok).toBe(true);
  const made = createInitiativeFromItem(tool.doc, settings.doc, {
    id: 'i1',
    itemId: 'c1',
    personId: 'tool',
    roundNumber: null,
  });
  expect(made.ok).toBe(true);
  extras?.({ board: tool.doc, settings: settings.doc });
  // Another client has everything the tool wrote: the server stored it.
  const check = await connectSynced(wsUrl, board.id, board.tokens.viewer);
  const written = Y.encodeStateVector(tool.doc).toString();
  await expect.poll(() => Y.encodeStateVector(check.doc).toString()).toBe(written);
  for (const client of [settings, tool, check]) client.destroy();
  return board;
}

/**
 * Fails with the list of serious and critical violations, named by the view they were found on. With
 * AXE_SCREENSHOTS=<folder>, also saves a screenshot of the view there, to look at.
 */
export async function expectAccessible(page: Page, view: string, minimumPasses?: number): Promise<void> {
  const folder = process.env.AXE_SCREENSHOTS;
  if (folder) {
    mkdirSync(folder, { recursive: true });
    const lang = await page.evaluate(() => document.documentElement.lang);
    await page.screenshot({ path: join(folder, `${view.replace(/[^\w-]+/g, '-')}.${lang}.png`) });
  }
  // Soft: one run lists the violations of every view, not only the first view's.
  expect.soft({ view, violations: await seriousViolations(page, minimumPasses) }).toEqual({ view, violations: [] });
}

/**
 * Nothing in the box runs out of it sideways (cut off, or reachable only by scrolling sideways): e.g. a dialog's
 * buttons pushed past its edge, or a list scrolling sideways, because a line does not wrap. Text fields are left
 * out: a long value scrolls inside its field by design.
 */
export async function expectNoSidewaysOverflow(box: Locator, view: string): Promise<void> {
  const overflowing = await box.evaluate((root) =>
    [root, ...root.querySelectorAll('*')]
      .filter((element) => !element.matches('input, textarea, select'))
      .filter((element) => element.scrollWidth > element.clientWidth + 1)
      .filter((element) => element === root || getComputedStyle(element).overflowX !== 'visible')
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`),
  );
  expect.soft({ view, overflowing }).toEqual({ view, overflowing: [] });
}

/** Opens the dialog a control opens, checks it with axe and that nothing runs out of it, closes it with Escape. */
export async function checkDialog(page: Page, view: string, open: () => Promise<void>): Promise<void> {
  await open();
  const dialog = page.locator('dialog[open]').last();
  await shown(dialog);
  await expectAccessible(page, view);
  await expectNoSidewaysOverflow(dialog, view);
  await page.keyboard.press('Escape');
  await absent(page.locator('dialog[open]'));
}
