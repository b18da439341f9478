import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openStorage } from '../../server/storage.js';
import { addNote, editNoteText } from '../../shared/ops/notes.js';
import { CLOSE } from '../../shared/protocol.js';
import { getNote, listNotes } from '../../shared/selectors.js';
import { spawnServer } from './childServer.js';
import {
  connectClient,
  connectSynced,
  createBoard,
  rawSocket,
  startTestServer,
  type TestClient,
  tempDataDir,
  waitFor,
} from './helpers.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function storedRows(dataDir: string): { updates: number; snapshots: number } {
  const db = new Database(join(dataDir, 'board.sqlite'), { readonly: true });
  try {
    const updates = (db.prepare('SELECT count(*) AS n FROM updates').get() as { n: number }).n;
    const snapshots = (db.prepare('SELECT count(*) AS n FROM snapshots').get() as { n: number }).n;
    return { updates, snapshots };
  } finally {
    db.close();
  }
}

describe('durability', () => {
  it('keeps every note across a restart, and compacts stored updates into a snapshot', async () => {
    const data = tempDataDir();
    cleanups.push(data.remove);
    let server = await startTestServer({ dataDir: data.dir, compactAfter: 5, unloadDelayMs: 50 });
    const board = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    for (let i = 0; i < 20; i++) {
      addNote(writer.doc, { id: `n${i}`, pillarId: 'p', lane: 'problem', text: `付箋 ${i}`, author: 'w' });
    }
    editNoteText(writer.doc, 'n3', '付箋 3 (編集)');
    const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => getNote(reader.doc, 'n3')?.text === '付箋 3 (編集)', 'the reader to see every change');
    // Compaction follows the commits (written after them): the live room keeps few updates beside its snapshot.
    await waitFor(() => storedRows(data.dir).updates <= 5, 'the live room to compact');
    writer.destroy();
    reader.destroy();
    // The room unloads once its last connection left: everything is folded into the snapshot.
    await waitFor(() => storedRows(data.dir).updates === 0, 'the room to unload and compact');
    await server.close();

    server = await startTestServer({ dataDir: data.dir });
    cleanups.push(() => server.close());
    const after = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(listNotes(after.doc)).toHaveLength(20);
    expect(getNote(after.doc, 'n3')?.text).toBe('付箋 3 (編集)');
    after.destroy();
  });

  it('loses nothing any client had received when the server is killed with SIGKILL mid-burst', async () => {
    const data = tempDataDir();
    cleanups.push(data.remove);
    // A wide commit window keeps many updates between "received" and "committed" at any moment, so a server
    // that relayed before committing would lose some of them to the kill.
    const first = await spawnServer(data.dir, 30);
    cleanups.push(() => void first.child.kill('SIGKILL'));
    const board = await createBoard(first.url);
    const wsUrl = `${first.url.replace(/^http/, 'ws')}/ws`;

    const clients: TestClient[] = [];
    for (let c = 0; c < 4; c++) clients.push(await connectSynced(wsUrl, board.id, board.tokens.participant));
    cleanups.push(() => {
      for (const client of clients) client.destroy();
    });
    let bursting = true;
    const bursts = clients.map(async (client, c) => {
      for (let i = 0; bursting; i++) {
        addNote(client.doc, { id: `c${c}-${i}`, pillarId: 'p', lane: 'idea', text: `${c}:${i}`, author: `c${c}` });
        if (i % 3 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    });
    // Let the burst run until every client has received plenty from the others, then kill mid-burst.
    await waitFor(
      () => clients.every((client, c) => listNotes(client.doc).filter((n) => !n.id.startsWith(`c${c}-`)).length > 150),
      'the clients to exchange notes',
      30_000,
    );
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    bursting = false;
    await Promise.all(bursts);
    // What each client had received from the others: the server relayed it, so it must have been stored.
    const received = new Set<string>();
    for (const [c, client] of clients.entries()) {
      for (const note of listNotes(client.doc)) if (!note.id.startsWith(`c${c}-`)) received.add(note.id);
    }
    // Destroy every client before the restarted server is read: live clients would re-upload everything.
    for (const client of clients.splice(0)) client.destroy();
    expect(received.size).toBeGreaterThan(150);

    const second = await spawnServer(data.dir);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    const reader = connectClient(`${second.url.replace(/^http/, 'ws')}/ws`, board.id, board.tokens.viewer);
    cleanups.push(reader.destroy);
    await waitFor(() => reader.provider.synced, 'the reader to sync with the restarted server');
    const stored = new Set(listNotes(reader.doc).map((n) => n.id));
    const lost = [...received].filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    expect(reader.doc.store.pendingStructs).toBeNull();
  });

  it('commits, closes and exits 0 on SIGTERM, keeping the last edits', async () => {
    const data = tempDataDir();
    cleanups.push(data.remove);
    const first = await spawnServer(data.dir);
    cleanups.push(() => void first.child.kill('SIGKILL'));
    const board = await createBoard(first.url);
    const wsUrl = `${first.url.replace(/^http/, 'ws')}/ws`;
    const writer = await connectSynced(wsUrl, board.id, board.tokens.participant);
    cleanups.push(writer.destroy);
    for (let i = 0; i < 30; i++)
      addNote(writer.doc, { id: `t${i}`, pillarId: 'p', lane: 'goal', text: `${i}`, author: 'w' });
    // Wait until the server has handled the last frame (a step 1 sent after it is answered after it).
    const reader = await connectSynced(wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => getNote(reader.doc, 't29') !== null, 'the last note to be relayed');
    reader.destroy();
    const exited = new Promise<number | null>((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    writer.destroy();

    const second = await spawnServer(data.dir);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    const after = await connectSynced(`${second.url.replace(/^http/, 'ws')}/ws`, board.id, board.tokens.viewer);
    cleanups.push(after.destroy);
    expect(listNotes(after.doc)).toHaveLength(30);
  });

  it('closes a document written by a newer version of the app with 4426 and leaves it as it is', async () => {
    const data = tempDataDir();
    cleanups.push(data.remove);
    const server = await startTestServer({ dataDir: data.dir });
    const board = await createBoard(server.url);
    await server.close();
    // A newer server migrated the document (clients may not write schemaVersion: only servers do).
    const storage = openStorage({ dataDir: data.dir });
    const newer = new Y.Doc();
    for (const update of (await storage.loadDocument(board.id, 'board')).updates) Y.applyUpdate(newer, update);
    const before = Y.encodeStateVector(newer);
    newer.getMap('meta').set('schemaVersion', 99);
    await storage.appendUpdate(board.id, 'board', Y.encodeStateAsUpdate(newer, before));
    await storage.close();
    // A server that knows only version 1 loads the document afresh.
    const restarted = await startTestServer({ dataDir: data.dir });
    cleanups.push(() => restarted.close());
    const { code, reason } = await rawSocket(`${restarted.wsUrl}/${board.id}?token=${board.tokens.viewer}`).closed;
    expect(code).toBe(CLOSE.tooNew);
    expect(reason).toMatch(/newer version/);
    const settings = await connectSynced(restarted.wsUrl, `${board.id}/settings`, board.tokens.viewer);
    expect(settings.provider.wsconnected).toBe(true); // the other document of the board is unaffected
    settings.destroy();
  });
});
