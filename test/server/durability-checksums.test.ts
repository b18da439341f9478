import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashToken } from '../../server/auth.js';
import { SCHEMA_VERSION } from '../../server/storage/schema.js';
import { openStorage } from '../../server/storage.js';
import { DAMAGED_REASON } from '../../server/websocket.js';
import { addNote } from '../../shared/ops/notes.js';
import { listNotes } from '../../shared/selectors.js';
import { initialiseBoardDoc, initialiseSettingsDoc } from '../../shared/template.js';
import { connectSynced, createBoard, rawSocket, startTestServer, tempDataDir, waitFor } from './helpers.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Flips one byte in the middle of a blob, through a separate SQLite connection (a disk or a tool gone wrong). */
function flipByte(dataDir: string, sql: string, column: string, ...params: unknown[]): void {
  const db = new Database(join(dataDir, 'board.sqlite'));
  try {
    const row = db.prepare(`SELECT rowid AS id, ${column} AS bytes FROM ${sql}`).get(...params) as {
      id: number;
      bytes: Buffer;
    };
    const damaged = Buffer.from(row.bytes);
    damaged[damaged.length >> 1]! ^= 0x20;
    const table = sql.split(/\s/)[0];
    db.prepare(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`).run(damaged, row.id);
  } finally {
    db.close();
  }
}

async function me(url: string, boardId: string, token: string) {
  const response = await fetch(`${url}/api/boards/${boardId}/me`, { headers: { authorization: `Bearer ${token}` } });
  return (await response.json()) as { damaged: boolean; title: string };
}

describe('a damaged stored row', () => {
  it.each([
    { row: 'snapshot', sql: 'snapshots WHERE board_id = ? AND doc = ?', column: 'state', docParam: 'board' },
    {
      row: 'update',
      sql: 'updates WHERE board_id = ? AND doc = ? ORDER BY seq DESC',
      column: 'data',
      docParam: 'board',
    },
  ])(
    '($row) makes that board report the problem while other boards keep working',
    async ({ sql, column, docParam }) => {
      const data = tempDataDir();
      cleanups.push(data.remove);
      const logs: string[] = [];
      let server = await startTestServer({ dataDir: data.dir, log: (line) => logs.push(line) });
      const damaged = await createBoard(server.url, '壊れるボード');
      const healthy = await createBoard(server.url, '無事なボード');
      const writer = await connectSynced(server.wsUrl, damaged.id, damaged.tokens.participant);
      addNote(writer.doc, { id: 'a1', pillarId: 'p', lane: 'idea', text: '付箋', author: 'w' });
      const reader = await connectSynced(server.wsUrl, damaged.id, damaged.tokens.viewer);
      await waitFor(() => listNotes(reader.doc).length === 1, 'the note to be stored');
      writer.destroy();
      reader.destroy();
      await server.close();
      // Closing compacted the board into its snapshot; one more update is stored beside it.
      const storage = openStorage({ dataDir: data.dir });
      const doc = new Y.Doc();
      for (const update of (await storage.loadDocument(damaged.id, 'board')).updates) Y.applyUpdate(doc, update);
      const before = Y.encodeStateVector(doc);
      addNote(doc, { id: 'a2', pillarId: 'p', lane: 'idea', text: '二枚目', author: 'w' });
      await storage.appendUpdate(damaged.id, 'board', Y.encodeStateAsUpdate(doc, before));
      await storage.close();
      flipByte(data.dir, sql, column, damaged.id, docParam);

      server = await startTestServer({ dataDir: data.dir, log: (line) => logs.push(line) });
      cleanups.push(() => server.close());
      const { code, reason } = await rawSocket(`${server.wsUrl}/${damaged.id}?token=${damaged.tokens.viewer}`).closed;
      expect(code).toBe(1011);
      expect(reason).toBe(DAMAGED_REASON);
      expect(logs.join('\n')).toContain(damaged.id);
      expect(logs.join('\n')).toMatch(/does not match its checksum/);
      expect((await me(server.url, damaged.id, damaged.tokens.viewer)).damaged).toBe(true);
      const health = await (await fetch(`${server.url}/healthz`)).json();
      expect(health).toMatchObject({ ok: true, damagedDocuments: 1 });

      // The damaged board's other document and every other board keep working.
      const settings = await connectSynced(server.wsUrl, `${damaged.id}/settings`, damaged.tokens.viewer);
      settings.destroy();
      expect((await me(server.url, healthy.id, healthy.tokens.viewer)).damaged).toBe(false);
      const other = await connectSynced(server.wsUrl, healthy.id, healthy.tokens.participant);
      addNote(other.doc, { id: 'b1', pillarId: 'p', lane: 'idea', text: '無事', author: 'o' });
      const otherReader = await connectSynced(server.wsUrl, healthy.id, healthy.tokens.viewer);
      await waitFor(() => listNotes(otherReader.doc).length === 1, 'the other board to keep working');
      other.destroy();
      otherReader.destroy();
    },
  );

  it('migrates a database of the first release: checksums are added for the existing rows, the board loads', async () => {
    const data = tempDataDir();
    cleanups.push(data.remove);
    // The first release's tables and rows, written without checksums or a schema version.
    const db = new Database(join(data.dir, 'board.sqlite'));
    db.exec(`
      CREATE TABLE boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL,
        facilitator_token_hash TEXT NOT NULL, participant_token_hash TEXT NOT NULL, viewer_token_hash TEXT NOT NULL);
      CREATE TABLE snapshots (board_id TEXT NOT NULL REFERENCES boards(id), doc TEXT NOT NULL, state BLOB NOT NULL,
        updated_at INTEGER NOT NULL, PRIMARY KEY (board_id, doc));
      CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, board_id TEXT NOT NULL REFERENCES boards(id),
        doc TEXT NOT NULL, data BLOB NOT NULL);
    `);
    const board = new Y.Doc();
    initialiseBoardDoc(board);
    const settings = new Y.Doc();
    initialiseSettingsDoc(settings, '古いボード');
    db.prepare('INSERT INTO boards VALUES (?, ?, ?, ?, ?, ?)').run(
      'oldboard0001',
      '古いボード',
      Date.now(),
      hashToken('f'.repeat(22)),
      hashToken('p'.repeat(22)),
      hashToken('v'.repeat(22)),
    );
    const insertSnapshot = db.prepare('INSERT INTO snapshots VALUES (?, ?, ?, ?)');
    insertSnapshot.run('oldboard0001', 'board', Y.encodeStateAsUpdate(board), Date.now());
    insertSnapshot.run('oldboard0001', 'settings', Y.encodeStateAsUpdate(settings), Date.now());
    const before = Y.encodeStateVector(board);
    addNote(board, { id: 'old', pillarId: 'p', lane: 'idea', text: '前からある付箋', author: 'x' });
    db.prepare('INSERT INTO updates (board_id, doc, data) VALUES (?, ?, ?)').run(
      'oldboard0001',
      'board',
      Y.encodeStateAsUpdate(board, before),
    );
    db.close();

    const server = await startTestServer({ dataDir: data.dir });
    cleanups.push(() => server.close());
    const reader = await connectSynced(server.wsUrl, 'oldboard0001', 'v'.repeat(22));
    expect(listNotes(reader.doc).map((note) => note.text)).toEqual(['前からある付箋']);
    reader.destroy();
    const check = new Database(join(data.dir, 'board.sqlite'), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const missing = check.prepare("SELECT count(*) AS n FROM updates WHERE checksum = ''").get() as { n: number };
    expect(missing.n).toBe(0);
    check.close();
  });

  it('refuses to open a database written by a newer server, and leaves it unchanged', () => {
    const data = tempDataDir();
    cleanups.push(data.remove);
    const db = new Database(join(data.dir, 'board.sqlite'));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openStorage({ dataDir: data.dir })).toThrow(/newer than this server's/);
    const check = new Database(join(data.dir, 'board.sqlite'), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    check.close();
  });
});
