import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, deleteNote, editNoteText } from '../../shared/ops/notes.js';
import { getNote, listNotes } from '../../shared/selectors.js';
import { startCuttableProxy } from './cuttableProxy.js';
import { waitConverged } from './frameBuilders.js';
import { connectSynced, createBoard, startTestServer, type TestServer, waitFor } from './helpers.js';

describe('offline and reconnect', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('a client cut off while editing converges with the others after reconnecting; nothing is lost', async () => {
    const board = await createBoard(server.url);
    const proxy = await startCuttableProxy(server.port);
    const alice = await connectSynced(proxy.wsUrl, board.id, board.tokens.participant); // through the proxy
    const bob = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const carol = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    addNote(bob.doc, { id: 'shared', pillarId: 'p', lane: 'idea', text: '共有', author: 'b' });
    await waitFor(() => getNote(alice.doc, 'shared') !== null, 'alice to receive the shared note');

    proxy.cut();
    await waitFor(() => !alice.provider.wsconnected, 'alice to notice the cut');
    // Alice keeps working offline, others keep working online, on the same note too.
    for (let i = 0; i < 30; i++) {
      addNote(alice.doc, { id: `offline${i}`, pillarId: 'p', lane: 'idea', text: `オフライン ${i}`, author: 'a' });
    }
    editNoteText(alice.doc, 'shared', '共有（アリスがオフラインで編集）');
    deleteNote(alice.doc, 'offline3');
    addNote(bob.doc, { id: 'online', pillarId: 'p', lane: 'goal', text: 'オンライン', author: 'b' });
    await waitFor(() => getNote(carol.doc, 'online') !== null, 'carol to receive bob’s note');
    editNoteText(carol.doc, 'online', 'オンライン（キャロルが編集）');
    await waitFor(() => getNote(bob.doc, 'online')?.text.includes('キャロル') ?? false, 'carol’s edit to reach bob');
    expect(getNote(bob.doc, 'offline0')).toBeNull();

    // Alice edits once more as the network returns: her first frame after reconnecting may then be an
    // update that depends on the offline ones (the race the server answers with a resync).
    proxy.restore();
    editNoteText(alice.doc, 'offline0', 'オフライン 0（再接続の直前）');
    await waitFor(() => alice.provider.wsconnected, 'alice to reconnect', 20_000);
    addNote(alice.doc, { id: 'after', pillarId: 'p', lane: 'idea', text: '再接続後', author: 'a' });
    await waitConverged([alice.doc, bob.doc, carol.doc], 'alice, bob and carol to converge', 20_000);

    const notes = listNotes(bob.doc);
    for (let i = 0; i < 30; i++)
      expect(
        notes.some((n) => n.id === `offline${i}`),
        `offline${i}`,
      ).toBe(true);
    expect(getNote(bob.doc, 'offline3')?.deletedAt).toBeTypeOf('number'); // her offline move to the trash too
    expect(getNote(bob.doc, 'offline0')?.text).toBe('オフライン 0（再接続の直前）');
    expect(getNote(bob.doc, 'shared')?.text).toBe('共有（アリスがオフラインで編集）');
    expect(getNote(alice.doc, 'online')?.text).toBe('オンライン（キャロルが編集）');
    expect(getNote(carol.doc, 'after')?.text).toBe('再接続後');

    // And the server stored it all: a fresh client sees the same board.
    const fresh = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitConverged([fresh.doc, bob.doc], 'a fresh client to see the converged board');
    for (const client of [alice, bob, carol, fresh]) client.destroy();
    await proxy.close();
  });
});
