import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/ops/notes.js';
import { CLOSE, readWriteRefusalCode } from '../../shared/protocol.js';
import { readArchivedAt, readBoardLock } from '../../shared/records/serverState.js';
import { listNotes } from '../../shared/selectors.js';
import {
  type CreatedBoard,
  connectClient,
  connectSynced,
  createBoard,
  startTestServer,
  type TestServer,
  tempDataDir,
  waitFor,
} from './helpers.js';

async function setLock(server: TestServer, board: CreatedBoard, token: string, locked: boolean) {
  const response = await fetch(`${server.url}/api/boards/${board.id}/lock`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ locked }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const note = (id: string, text: string) => ({ id, pillarId: 'p1', lane: 'problem' as const, text, author: 'a' });
const texts = (doc: Parameters<typeof listNotes>[0]) =>
  listNotes(doc)
    .map((n) => n.text)
    .sort();

describe('the board lock', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('makes the board read-only for participants, shows it in the settings document, and keeps the facilitator writing', async () => {
    const board = await createBoard(server.url, 'ロック');
    const participantSettings = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.participant);
    const participant = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const facilitator = await connectSynced(server.wsUrl, board.id, board.tokens.facilitator);
    expect(readBoardLock(participantSettings.doc)).toBeNull();

    expect((await setLock(server, board, board.tokens.participant, true)).status).toBe(403);
    const locked = await setLock(server, board, board.tokens.facilitator, true);
    expect(locked.status).toBe(200);
    expect(locked.body.locked).toBe(true);
    await waitFor(() => readBoardLock(participantSettings.doc) !== null, 'the lock to reach the settings document');

    addNote(participant.doc, note('refused', '締め切り後'));
    await waitFor(() => participant.denied.length > 0, 'the refusal');
    expect(readWriteRefusalCode(participant.denied[0]!)).toBe('locked');
    addNote(facilitator.doc, note('allowed', '議長のまとめ'));
    await waitFor(() => texts(participant.doc).includes('議長のまとめ'), 'the facilitator note');
    const viewer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(texts(viewer.doc)).toEqual(['議長のまとめ']);
    for (const client of [participantSettings, participant, facilitator, viewer]) client.destroy();
  });

  it('saves an edit refused in the moment before the client learned of the lock once the board is unlocked', async () => {
    const board = await createBoard(server.url, 'ロック解除');
    const participant = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const observer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await setLock(server, board, board.tokens.facilitator, true);
    addNote(participant.doc, note('kept', 'ロック直前の付箋'));
    await waitFor(() => participant.denied.length > 0, 'the refusal');
    addNote(participant.doc, note('kept2', 'もう一枚'));
    await waitFor(() => participant.denied.length > 1, 'the second refusal');
    expect(texts(observer.doc)).toEqual([]);

    await setLock(server, board, board.tokens.facilitator, false);
    await waitFor(() => texts(observer.doc).length === 2, 'the kept notes after unlocking');
    expect(texts(observer.doc)).toEqual(['もう一枚', 'ロック直前の付箋']);
    participant.destroy();
    observer.destroy();
    // Stored, not only relayed: a fresh client after the room unloads still gets them.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const later = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(texts(later.doc)).toEqual(['もう一枚', 'ロック直前の付箋']);
    later.destroy();
  });

  it('lets no client write the server-only state, not even the facilitator', async () => {
    const board = await createBoard(server.url, 'サーバー専用');
    const facilitator = connectClient(server.wsUrl, `${board.id}/settings`, board.tokens.facilitator);
    await waitFor(() => facilitator.provider.synced, 'sync');
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      facilitator.provider.on('connection-close', (event) => {
        if (event) resolve({ code: event.code, reason: event.reason });
      });
    });
    facilitator.doc.getMap('server').set('lock', null);
    expect(await closed).toEqual({
      code: CLOSE.invalidMessage,
      reason: 'invalid update: only the server writes server.*',
    });
    facilitator.destroy();
  });

  it('survives a restart and is shown to clients of the restarted server', async () => {
    const data = tempDataDir();
    const own = await startTestServer({ dataDir: data.dir });
    const board = await createBoard(own.url, '再起動');
    await setLock(own, board, board.tokens.facilitator, true);
    await own.close();
    const restarted = await startTestServer({ dataDir: data.dir });
    try {
      const settings = await connectSynced(restarted.wsUrl, `${board.id}/settings`, board.tokens.participant);
      expect(readBoardLock(settings.doc)).not.toBeNull();
      const participant = await connectSynced(restarted.wsUrl, board.id, board.tokens.participant);
      addNote(participant.doc, note('x', '再起動後'));
      await waitFor(() => participant.denied.length > 0, 'the refusal after restart');
      settings.destroy();
      participant.destroy();
    } finally {
      await restarted.close();
      data.remove();
    }
  });
});

describe('the archive in the settings document', () => {
  it('is shown to every client at once, and cleared when the board is unarchived', async () => {
    const server = await startTestServer();
    try {
      const board = await createBoard(server.url, 'アーカイブ表示');
      const settings = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.viewer);
      const post = (action: string) =>
        fetch(`${server.url}/api/boards/${board.id}/${action}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${board.tokens.facilitator}` },
        });
      expect((await post('archive')).status).toBe(200);
      await waitFor(() => readArchivedAt(settings.doc) !== null, 'the archive in the settings document');
      expect((await post('unarchive')).status).toBe(200);
      await waitFor(() => readArchivedAt(settings.doc) === null, 'the archive to be cleared');
      settings.destroy();
    } finally {
      await server.close();
    }
  });
});
