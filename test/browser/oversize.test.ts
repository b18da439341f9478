import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNoteByTyping, BrowserHarness, laneRegion, shown } from './harness';

const TALENT = '人材育成';

describe('a change over the frame limit', () => {
  // A server whose frame limit is far below what one note can take, so a single change is over it.
  const harness = new BrowserHarness({ limits: { maxFrameBytes: 4000 } });
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('tells the writer why, keeps the note on this device across a reload, and stores nothing', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'participant');
    const long = `長い説明${'あ'.repeat(1500)}`;
    await addNoteByTyping(page, TALENT, '課題', long);
    const alert = page.getByRole('alert').filter({ hasText: '送ろうとした変更がサーバーの上限' });
    await shown(alert);
    await expect(alert.textContent()).resolves.toContain('この端末に残っています');
    await shown(page.getByRole('button', { name: '再読み込み' }));

    // The offline copy kept it: after a reload the note is there again, and the reason is shown again.
    await page.reload();
    await shown(page.getByRole('listitem', { name: /^付箋: 長い説明あ/ }));
    await shown(alert);

    const viewer = await harness.openBoard(board, 'viewer', { name: '閲覧者' });
    await shown(laneRegion(viewer, TALENT, '課題'));
    expect(await laneRegion(viewer, TALENT, '課題').getByRole('listitem').count()).toBe(0);
  });
});
