import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/ops/notes.js';
import { setBoardTitle } from '../../shared/ops/pillars.js';
import { CLOSE, readWriteRefusalCode, WRITE_REFUSAL } from '../../shared/protocol.js';
import { listNotes } from '../../shared/selectors.js';
import { connectSynced, createBoard, rawSocket, startTestServer, type TestServer, waitFor } from './helpers.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function call(server: TestServer, method: string, path: string, token?: string, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('archiving a board', () => {
  it('makes it read-only for everyone, tells the open connections, and asks for refused edits when unarchived', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const board = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const watcher = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const facilitator = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.facilitator);
    cleanups.push(writer.destroy, watcher.destroy, facilitator.destroy);

    for (const token of [board.tokens.participant, board.tokens.viewer]) {
      const refused = await call(server, 'POST', `/api/boards/${board.id}/archive`, token);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ error: 'only the facilitator can do this' });
    }
    expect((await call(server, 'POST', `/api/boards/${board.id}/archive`)).status).toBe(401);
    expect((await call(server, 'POST', `/api/boards/nosuchboard1/archive`, board.tokens.facilitator)).status).toBe(404);
    expect((await call(server, 'GET', `/api/boards/${board.id}/archive`, board.tokens.facilitator)).status).toBe(405);
    expect(writer.denied).toEqual([]);

    const archived = await call(server, 'POST', `/api/boards/${board.id}/archive`, board.tokens.facilitator);
    expect(archived.status).toBe(200);
    expect(await archived.json()).toEqual({ id: board.id, archived: true });
    await waitFor(() => writer.denied.length === 1 && facilitator.denied.length === 1, 'the connections to be told');
    expect(readWriteRefusalCode(writer.denied[0]!)).toBe(WRITE_REFUSAL.archived);
    const me = await (await call(server, 'GET', `/api/boards/${board.id}/me`, board.tokens.facilitator)).json();
    expect(me).toMatchObject({ archived: true, canWrite: { board: false, settings: false } });

    addNote(writer.doc, { id: 'late', pillarId: 'p', lane: 'idea', text: 'アーカイブ後', author: 'w' });
    setBoardTitle(facilitator.doc, '変えられない');
    await pause(150);
    expect(listNotes(watcher.doc).map((note) => note.id)).not.toContain('late');
    const joined = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    cleanups.push(joined.destroy);
    expect(listNotes(joined.doc)).toEqual([]); // reads and joins still work; nothing refused was stored

    const unarchived = await call(server, 'POST', `/api/boards/${board.id}/unarchive`, board.tokens.facilitator);
    expect(await unarchived.json()).toEqual({ id: board.id, archived: false });
    await waitFor(() => listNotes(watcher.doc).some((note) => note.id === 'late'), 'the refused edit to arrive');
    addNote(writer.doc, { id: 'after', pillarId: 'p', lane: 'idea', text: '再開後', author: 'w' });
    await waitFor(() => listNotes(joined.doc).length === 2, 'writes to work again');
  });
});

describe('deleting a board', () => {
  it('needs the facilitator and the board id as confirmation, then closes its connections with 4404 and removes its rows', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const board = await createBoard(server.url, '消すボード');
    const kept = await createBoard(server.url, '残るボード');
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    cleanups.push(writer.destroy);
    addNote(writer.doc, { id: 'n1', pillarId: 'p', lane: 'idea', text: '消える', author: 'w' });
    const other = await connectSynced(server.wsUrl, kept.id, kept.tokens.participant);
    cleanups.push(other.destroy);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      writer.provider.once('closed', (event) => resolve(event)),
    );

    expect(
      (await call(server, 'DELETE', `/api/boards/${board.id}`, board.tokens.participant, { confirm: board.id })).status,
    ).toBe(403);
    const unconfirmed = await call(server, 'DELETE', `/api/boards/${board.id}`, board.tokens.facilitator, {
      confirm: '消すボード',
    });
    expect(unconfirmed.status).toBe(400);
    expect((await unconfirmed.json()).error).toMatch(/"confirm": "<the board id>"/);
    expect((await call(server, 'DELETE', `/api/boards/${board.id}`, board.tokens.facilitator)).status).toBe(400);
    expect(writer.provider.wsconnected).toBe(true);

    const deleted = await call(server, 'DELETE', `/api/boards/${board.id}`, board.tokens.facilitator, {
      confirm: board.id,
    });
    expect(await deleted.json()).toEqual({ id: board.id, deleted: true });
    expect(await closed).toEqual({ code: CLOSE.notFound, reason: 'this board was deleted' });
    expect((await call(server, 'GET', `/api/boards/${board.id}/me`, board.tokens.facilitator)).status).toBe(404);
    const rejoin = await rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.facilitator}`).closed;
    expect(rejoin.code).toBe(CLOSE.notFound);

    const db = new Database(join(server.dataDir, 'board.sqlite'), { readonly: true });
    for (const table of ['boards', 'snapshots', 'updates']) {
      const column = table === 'boards' ? 'id' : 'board_id';
      const count = db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`).get(board.id) as { n: number };
      expect(count.n, table).toBe(0);
    }
    db.close();

    addNote(other.doc, { id: 'k1', pillarId: 'p', lane: 'idea', text: '残る', author: 'o' });
    const reader = await connectSynced(server.wsUrl, kept.id, kept.tokens.viewer);
    cleanups.push(reader.destroy);
    await waitFor(() => listNotes(reader.doc).length === 1, 'the other board to keep working');
  });
});
