import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, editNoteText } from '../../shared/ops/notes.js';
import { CLOSE } from '../../shared/protocol.js';
import { getNote, listNotes } from '../../shared/selectors.js';
import { connectSynced, createBoard, startTestServer, type TestServer, waitFor } from './helpers.js';

describe('a writer that edits offline and again right after reconnecting', () => {
  let server: TestServer;
  const logs: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ log: (message) => logs.push(message) });
  });
  afterAll(() => server.close());

  it('is not closed: its first live update (which depends on the offline edits) is healed by a resync', async () => {
    const board = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    addNote(writer.doc, { id: 'online', pillarId: 'p', lane: 'idea', text: 'オンライン', author: 'w' });
    const closes: number[] = [];
    writer.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    const terminal: number[] = [];
    writer.provider.on('closed', (event) => terminal.push(event.code));

    writer.provider.disconnect();
    await waitFor(() => !writer.provider.wsconnected, 'the writer to disconnect');
    addNote(writer.doc, { id: 'offline-1', pillarId: 'p', lane: 'problem', text: 'オフライン 1', author: 'w' });
    addNote(writer.doc, { id: 'offline-2', pillarId: 'p', lane: 'goal', text: 'オフライン 2', author: 'w' });
    editNoteText(writer.doc, 'online', 'オンライン (オフラインで編集)');

    // The stock client sends this update at once, before its step 1 and long before its step 2: it depends on
    // the offline edits the server has not seen yet.
    let editedOnConnect = false;
    writer.provider.on('status', ({ status }) => {
      if (status !== 'connected' || editedOnConnect) return;
      editedOnConnect = true;
      editNoteText(writer.doc, 'offline-1', 'オフライン 1 (再接続直後に編集)');
      addNote(writer.doc, { id: 'live', pillarId: 'p', lane: 'idea', text: '再接続直後', author: 'w' });
    });
    writer.provider.connect();
    await waitFor(() => editedOnConnect && writer.provider.synced, 'the writer to reconnect and sync');

    const fresh = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => listNotes(fresh.doc).length === 4, 'a fresh client to see every edit');
    expect(getNote(fresh.doc, 'online')?.text).toBe('オンライン (オフラインで編集)');
    expect(getNote(fresh.doc, 'offline-1')?.text).toBe('オフライン 1 (再接続直後に編集)');
    expect(getNote(fresh.doc, 'offline-2')?.text).toBe('オフライン 2');
    expect(getNote(fresh.doc, 'live')?.text).toBe('再接続直後');
    expect(fresh.doc.store.pendingStructs).toBeNull();

    // The race did happen: the live update was dropped and healed by the step 2.
    expect(logs.some((line) => /dropped an update .*depends on missing changes/.test(line))).toBe(true);
    // Still connected, and still writing.
    expect(closes.filter((code) => code === CLOSE.invalidMessage)).toEqual([]);
    expect(terminal).toEqual([]);
    expect(writer.provider.shouldConnect).toBe(true);
    expect(writer.provider.wsconnected).toBe(true);
    addNote(writer.doc, { id: 'later', pillarId: 'p', lane: 'idea', text: '後で', author: 'w' });
    await waitFor(() => getNote(fresh.doc, 'later') !== null, 'the fresh client to see a later edit');
    writer.destroy();
    fresh.destroy();
  });
});
