import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote } from '../../shared/ops/notes.js';
import { getNote } from '../../shared/selectors.js';
import { connectSynced, createBoard, startTestServer, type TestServer, waitFor } from './helpers.js';

/** `GET /api/boards/<id>/state`: the board's committed state over HTTP, fetched by the page beside its join. */
describe('the board state over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ metrics: true });
  });
  afterAll(() => server.close());

  const fetchState = (boardId: string, token: string | null) =>
    fetch(`${server.url}/api/boards/${boardId}/state`, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });

  it('gives every link of the board the committed state, the same as a new connection syncs', async () => {
    const board = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    addNote(writer.doc, { id: 'n1', pillarId: 'p', lane: 'problem', text: '窓口の待ち時間が長い', author: 'a' });
    const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => getNote(reader.doc, 'n1') !== null, 'the note to be stored and relayed');

    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const response = await fetchState(board.id, board.tokens[role]);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/octet-stream');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const doc = new Y.Doc();
      Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()));
      expect(getNote(doc, 'n1')?.text).toBe('窓口の待ち時間が長い');
      // Nothing the connection would add: the two states are the same.
      expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(reader.doc));
      doc.destroy();
    }
    // And the settings document (the pillars, the title), from `/state/settings`.
    const settings = await fetch(`${server.url}/api/boards/${board.id}/state/settings`, {
      headers: { authorization: `Bearer ${board.tokens.viewer}` },
    });
    expect(settings.status).toBe(200);
    const settingsDoc = new Y.Doc();
    Y.applyUpdate(settingsDoc, new Uint8Array(await settings.arrayBuffer()));
    expect(settingsDoc.getMap('meta').get('title')).toBe('テスト');
    settingsDoc.destroy();
    writer.destroy();
    reader.destroy();
  });

  it('serves a board nobody has open from its stored snapshot, without loading it, and loads it when asked again at once', async () => {
    const board = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    for (let i = 0; i < 20; i++) {
      addNote(writer.doc, { id: `n${i}`, pillarId: 'p', lane: 'problem', text: `課題${i}`, author: 'a' });
    }
    const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => getNote(reader.doc, 'n19') !== null, 'the notes to be stored and relayed');
    const expected = Y.encodeStateVector(reader.doc);
    writer.destroy();
    reader.destroy();
    const loaded = async () =>
      Number(/^board_rooms_loaded (\d+)$/m.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1]);
    await expect.poll(loaded, { timeout: 10_000 }).toBe(0); // unloaded, and compacted to one snapshot

    const response = await fetchState(board.id, board.tokens.viewer);
    expect(response.status).toBe(200);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()));
    expect(Y.encodeStateVector(doc)).toEqual(expected);
    expect(getNote(doc, 'n19')?.text).toBe('課題19');
    // Served from storage: the room is not loaded for it (a connection loads it).
    expect(await loaded()).toBe(0);
    // Asked again at once (many pages, or a loop): the room is loaded and its cached bytes are served.
    const again = await fetchState(board.id, board.tokens.viewer);
    const second = new Y.Doc();
    Y.applyUpdate(second, new Uint8Array(await again.arrayBuffer()));
    expect(Y.encodeStateVector(second)).toEqual(expected);
    expect(await loaded()).toBe(1);
    second.destroy();
    doc.destroy();
  });

  it('refuses a missing or wrong token (401) and an unknown board (404), with a reason', async () => {
    const board = await createBoard(server.url);
    for (const token of [null, 'not-a-token']) {
      const response = await fetchState(board.id, token);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toMatch(/token/);
    }
    const unknown = await fetchState('no-such-board', board.tokens.viewer);
    expect(unknown.status).toBe(404);
    const wrongMethod = await fetch(`${server.url}/api/boards/${board.id}/state`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
    });
    expect(wrongMethod.status).toBe(405);
  });
});
