import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/ops/notes.js';
import { listNotes } from '../../shared/selectors.js';
import { connectSynced, createBoard, startTestServer, tempDataDir, waitFor } from './helpers.js';
import { postgresForThisFile } from './postgres.js';

// `npm run migrate-to-postgres`: an SQLite data folder copied into PostgreSQL, then served from there as it was.

const postgresServer = postgresForThisFile();

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function migrate(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/migrateToPostgres.ts', ...args], {
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function api(url: string, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${url}/api/boards${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

describe('npm run migrate-to-postgres', () => {
  it('copies every board, its history, people and audit log, and the server on PostgreSQL serves them as they were', async () => {
    const data = tempDataDir();
    cleanups.push(data.remove);
    const sqliteServer = await startTestServer({ dataDir: data.dir, compactAfter: 5 });
    const board = await createBoard(sqliteServer.url, '業務効率化部会');
    const writer = await connectSynced(sqliteServer.wsUrl, board.id, board.tokens.participant);
    for (let i = 0; i < 12; i++)
      addNote(writer.doc, { id: `n${i}`, pillarId: 'p', lane: 'idea', text: `付箋${i}`, author: 'w' });
    const viewer = await connectSynced(sqliteServer.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => listNotes(viewer.doc).length === 12, 'the notes to be stored');
    await api(sqliteServer.url, 'POST', `/${board.id}/people`, board.tokens.facilitator, { name: '田中' });
    writer.destroy();
    viewer.destroy();

    // Refused while the server runs: the copy would miss what it writes.
    const url = await postgresServer().createDatabase();
    const whileRunning = await migrate(['--data', data.dir, '--database-url', url]);
    expect(whileRunning.code).toBe(1);
    expect(whileRunning.stderr).toMatch(/migrate-to-postgres failed: .*stop the server first/);
    await sqliteServer.close();

    const done = await migrate(['--data', data.dir], { DATABASE_URL: url });
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/migrated .* 1 boards/);

    const pgServer = await startTestServer({ databaseUrl: url });
    cleanups.push(() => pgServer.close());
    const reader = await connectSynced(pgServer.wsUrl, board.id, board.tokens.viewer);
    cleanups.push(() => reader.destroy());
    expect(
      listNotes(reader.doc)
        .map((note) => note.text)
        .sort(),
    ).toEqual(Array.from({ length: 12 }, (_, i) => `付箋${i}`).sort());
    const people = await api(pgServer.url, 'GET', `/${board.id}/people`, board.tokens.facilitator);
    expect((people.people as Array<{ name: string }>).map((person) => person.name)).toEqual(['田中']);
    const audit = await api(pgServer.url, 'GET', `/${board.id}/audit`, board.tokens.facilitator);
    expect((audit.entries as Array<{ action: string }>).map((entry) => entry.action)).toContain('member.add');
    // New rows continue the copied numbering (the identity counters moved past the copied ids).
    const more = await connectSynced(pgServer.wsUrl, board.id, board.tokens.participant);
    cleanups.push(() => more.destroy());
    addNote(more.doc, { id: 'after', pillarId: 'p', lane: 'idea', text: '移行後', author: 'm' });
    await waitFor(() => listNotes(reader.doc).length === 13, 'a note written after the migration');

    // A second run into the same database is refused: it is no longer empty.
    const again = await migrate(['--data', data.dir, '--database-url', url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds boards/);
  });

  it('says what is missing: no database address, no data folder', async () => {
    const none = await migrate(['--data', '/nonexistent'], { DATABASE_URL: '' });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/postgres:\/\/ address is required/);
    const url = await postgresServer().createDatabase();
    const noFolder = await migrate(['--data', '/nonexistent/folder', '--database-url', url]);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toMatch(/no database in \/nonexistent\/folder/);
  });
});
