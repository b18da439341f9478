import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstPaintNotesPerPillar } from '../../client/notes/firstPaint';
import { addNote } from '../../shared/ops/notes';
import { activePillars } from '../../shared/selectors';
import { connectSynced } from '../server/helpers';
import { BrowserHarness, laneRegion } from './harness';

/**
 * A big lane: the first paint shows its first notes (client/notes/firstPaint.ts), and every note is in the DOM
 * right after, for find-in-page and screen readers.
 */
describe('the first paint of a big board', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('paints the first notes of a lane, then puts every note in the DOM, where find-in-page reaches the last', async () => {
    // More than the first paint shows in the tallest window (its budget is at most 96 notes per pillar).
    const count = firstPaintNotesPerPillar('compact', 1e6, 1e6) + 5;
    const board = await harness.createBoard();
    const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
    const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.participant);
    const tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
    const pillar = activePillars(settings.doc)[0]!;
    tool.doc.transact(() => {
      for (let i = 1; i <= count; i++) {
        addNote(tool.doc, { id: `n${i}`, pillarId: pillar.id, lane: 'problem', text: `大きな課題${i}番`, author: 't' });
      }
      // The lane below a full one gets nothing of the first paint's budget: its notes come right after.
      for (let i = 1; i <= 3; i++) {
        addNote(tool.doc, { id: `g${i}`, pillarId: pillar.id, lane: 'goal', text: `下の目標${i}番`, author: 't' });
      }
    });
    const check = await connectSynced(wsUrl, board.id, board.tokens.viewer);
    await expect.poll(() => check.doc.getMap('notes').size, { timeout: 10_000 }).toBe(count + 3);
    for (const client of [settings, tool, check]) client.destroy();

    const page = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await page.waitForFunction(() => performance.getEntriesByName('board-complete').length > 0, null, {
      timeout: 20_000,
    });
    const [ready, complete] = await page.evaluate(() => [
      performance.getEntriesByName('board-ready')[0]?.startTime ?? Number.NaN,
      performance.getEntriesByName('board-complete')[0]!.startTime,
    ]);
    expect(ready).toBeLessThanOrEqual(complete);
    const lane = laneRegion(page, pillar.title, '課題');
    expect(await lane.getByRole('listitem', { name: /^付箋: 大きな課題/ }).count()).toBe(count);
    const goals = laneRegion(page, pillar.title, '達成目標');
    expect(await goals.getByRole('listitem', { name: /^付箋: 下の目標/ }).count()).toBe(3);
    // Find-in-page reaches the lane's last note, beyond what the first paint showed.
    expect(
      await page.evaluate(
        (text) => (window as unknown as { find: (s: string) => boolean }).find(text),
        `大きな課題${count}番`,
      ),
    ).toBe(true);
  });
});
