import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import { activePillars } from '../../shared/selectors';
import { connectSynced, waitFor } from '../server/helpers';
import { BrowserHarness, laneRegion, noteItem, shown } from './harness';

describe('notes written by other Yjs tools', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('shows a well-formed note in its lane and a malformed one in the unplaced tray, changing neither', async () => {
    const board = await harness.createBoard();
    const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
    const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.participant);
    const tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
    const pillar = activePillars(settings.doc)[1];
    if (!pillar) throw new Error('the template has pillars');
    tool.doc.transact(() => {
      const good = new Y.Map<unknown>();
      good.set('text', new Y.Text('外部ツールからの付箋'));
      good.set('place', { pillarId: pillar.id, lane: 'goal', order: 'a0' });
      good.set('author', 'tool');
      good.set('color', '#cdeffd');
      good.set('createdAt', Date.now());
      boardRoots.notes(tool.doc).set('tool-good', good);
      const bad = new Y.Map<unknown>();
      bad.set('text', '文字列のままの本文');
      bad.set('place', { pillarId: pillar.id, lane: 'bogus' });
      bad.set('color', 'red');
      bad.set('createdAt', 'yesterday');
      boardRoots.notes(tool.doc).set('tool-bad', bad);
    });

    const page = await harness.openBoard(board, 'participant');
    await shown(
      laneRegion(page, pillar.title, '達成目標').getByRole('listitem', { name: '付箋: 外部ツールからの付箋' }),
    );
    const tray = page.getByRole('region', { name: '未分類の付箋' });
    await shown(tray.getByText('文字列のままの本文'));
    expect(harness.pageErrors).toEqual([]);

    // Placing the malformed note with "move to…" rewrites only its place; its other fields stay as written.
    await tray.getByRole('button', { name: '移動…' }).click();
    await page.getByRole('dialog', { name: '付箋を移動' }).getByRole('button', { name: '移動する' }).click();
    await shown(noteItem(page, '文字列のままの本文'));
    await waitFor(() => {
      const place = (boardRoots.notes(tool.doc).get('tool-bad') as Y.Map<unknown>).get('place') as { lane?: string };
      return place.lane === 'problem';
    }, 'the move to reach the other tool');
    const stored = boardRoots.notes(tool.doc).get('tool-bad') as Y.Map<unknown>;
    expect(stored.get('text')).toBe('文字列のままの本文');
    expect(stored.get('color')).toBe('red');
    expect(stored.get('createdAt')).toBe('yesterday');
    settings.destroy();
    tool.destroy();
  });
});
