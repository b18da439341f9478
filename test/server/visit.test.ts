import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, editNoteText } from '../../shared/ops/notes.js';
import { decodeSeen, encodeSeen } from '../../shared/sinceLastVisit.js';
import { createBoard, startTestServer, type TestServer, tempDataDir } from './helpers.js';
import { call, guest } from './votingHelpers.js';

const note = (id: string, text: string) => ({ id, pillarId: 'p', lane: 'problem' as const, text, author: 'a' });

describe('since your last visit, kept per person on the server', () => {
  const data = tempDataDir();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dataDir: data.dir });
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  it('keeps the union of what a person’s devices have seen, refuses bad input, and only for a person', async () => {
    const board = await createBoard(server.url);
    const alice = await guest(server.url, board, 'participant', 'Alice');
    expect((await call(server.url, board.id, alice.token, 'GET', '/visit')).body).toEqual({ seen: null });

    // Two devices saw different things: one the first note, the other a later edit by a colleague.
    const doc = new Y.Doc();
    addNote(doc, note('a', '窓口'));
    const first = Y.snapshot(doc);
    const colleague = new Y.Doc();
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(doc));
    editNoteText(colleague, 'a', '窓口が混む');
    const second = Y.snapshot(colleague);
    expect((await call(server.url, board.id, alice.token, 'PUT', '/visit', { seen: encodeSeen(second) })).status).toBe(
      200,
    );
    // The older report does not take back what the other device saw.
    const merged = await call(server.url, board.id, alice.token, 'PUT', '/visit', { seen: encodeSeen(first) });
    const stored = decodeSeen((await call(server.url, board.id, alice.token, 'GET', '/visit')).body.seen as string);
    expect(merged.body.seen).toBe(encodeSeen(stored!));
    expect(Y.equalSnapshots(stored!, second)).toBe(true);

    // Bad input changes nothing.
    for (const body of [{ seen: '' }, { seen: 42 }, {}, { seen: 'not a snapshot!' }]) {
      expect((await call(server.url, board.id, alice.token, 'PUT', '/visit', body)).status).toBe(400);
    }
    const again = decodeSeen((await call(server.url, board.id, alice.token, 'GET', '/visit')).body.seen as string);
    expect(Y.equalSnapshots(again!, second)).toBe(true);

    // A shared link with no person behind it keeps its visits in the browser only.
    for (const token of [board.tokens.viewer, board.tokens.participant]) {
      expect((await call(server.url, board.id, token, 'GET', '/visit')).status).toBe(409);
    }
    expect((await call(server.url, board.id, 'wrong-token', 'GET', '/visit')).status).toBe(401);
  });

  it('forgets the visits of a deleted board', async () => {
    const board = await createBoard(server.url);
    const bob = await guest(server.url, board, 'participant', 'Bob');
    const doc = new Y.Doc();
    addNote(doc, note('b', '紙'));
    await call(server.url, board.id, bob.token, 'PUT', '/visit', { seen: encodeSeen(Y.snapshot(doc)) });
    const deleted = await fetch(`${server.url}/api/boards/${board.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ confirm: board.id }),
    });
    expect(deleted.status).toBeLessThan(300);
    const db = new Database(join(data.dir, 'board.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM visits WHERE board_id = ?').get(board.id)).toEqual({ n: 0 });
    db.close();
  });
});
