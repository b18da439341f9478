import { afterEach, describe, expect, it } from 'vitest';
import { postgresDatabase } from '../../server/sql/postgres.js';
import { addNote } from '../../shared/ops/notes.js';
import { readWriteRefusalCode, WRITE_REFUSAL } from '../../shared/protocol.js';
import { getNote, listNotes } from '../../shared/selectors.js';
import { connectSynced, createBoard, startTestServer, type TestServer, waitFor } from './helpers.js';
import { fillTablespace, postgresForThisFile, quietClient, tablespaceFreed } from './postgres.js';

// The whole server on PostgreSQL (DATABASE_URL): the same board, API and guarantees as on SQLite, and what it does
// when PostgreSQL is not there at start or goes away while it runs.

const postgresServer = postgresForThisFile();

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serverOn(databaseUrl: string, options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer({ databaseUrl, storageFullRetryMs: 100, ...options });
  cleanups.push(() => server.close());
  return server;
}

async function api(server: TestServer, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${server.url}/api/boards${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the server on PostgreSQL', () => {
  it('serves a board: clients converge, and everything is there for a new server on the same database', async () => {
    const url = await postgresServer().createDatabase();
    const first = await serverOn(url);
    expect(first.storage.engine).toBe('postgres');
    const health = (await (await fetch(`${first.url}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ healthy: true, storageUnavailable: false, integrity: { status: 'not-applicable' } });
    const board = await createBoard(first.url, '市民サービス部会');
    const alice = await connectSynced(first.wsUrl, board.id, board.tokens.participant);
    const bob = await connectSynced(first.wsUrl, board.id, board.tokens.participant);
    cleanups.push(() => {
      alice.destroy();
      bob.destroy();
    });
    for (let i = 0; i < 10; i++) {
      addNote(alice.doc, { id: `a${i}`, pillarId: 'p', lane: 'problem', text: `課題 ${i}`, author: 'a' });
      addNote(bob.doc, { id: `b${i}`, pillarId: 'p', lane: 'goal', text: `目標 ${i}`, author: 'b' });
    }
    await waitFor(() => listNotes(alice.doc).length === 20 && listNotes(bob.doc).length === 20, 'both to converge');

    // People, the lock and a voting round live in PostgreSQL too.
    const member = await api(first, 'POST', `/${board.id}/people`, board.tokens.facilitator, { name: '佐藤' });
    expect(member.status).toBe(201);
    expect((await api(first, 'PUT', `/${board.id}/lock`, board.tokens.facilitator, { locked: true })).status).toBe(200);
    const round = await api(first, 'POST', `/${board.id}/voting/rounds`, board.tokens.facilitator, { budget: 3 });
    expect(round.status).toBe(201);

    alice.destroy();
    bob.destroy();
    await first.close();
    const second = await serverOn(url);
    const reader = await connectSynced(second.wsUrl, board.id, board.tokens.viewer);
    cleanups.push(() => reader.destroy());
    expect(listNotes(reader.doc)).toHaveLength(20);
    const people = await api(second, 'GET', `/${board.id}/people`, board.tokens.facilitator);
    expect((people.body.people as Array<{ name: string }>).map((person) => person.name)).toEqual(['佐藤']);
    expect((await api(second, 'GET', `/${board.id}/lock`, board.tokens.viewer)).body).toMatchObject({ locked: true });
    const voting = await api(second, 'GET', `/${board.id}/voting`, board.tokens.facilitator);
    expect(voting.status).toBe(200);
  });

  it('waits for PostgreSQL at start, saying so, and starts once it answers', async () => {
    const url = await postgresServer().createDatabase();
    postgresServer().kill();
    const logs: string[] = [];
    const starting = startTestServer({ databaseUrl: url, log: (line) => logs.push(line) });
    await waitFor(() => logs.some((line) => line.includes('cannot be reached')), 'the server to say it waits', 15_000);
    expect(logs.join('\n')).not.toMatch(/listening/);
    await postgresServer().restart();
    const server = await starting;
    cleanups.push(() => server.close());
    const board = await createBoard(server.url);
    expect(board.id).toMatch(/\w+/);
  });

  it('makes the next period’s board once when two requests ask at the same moment (409 for the other)', async () => {
    const url = await postgresServer().createDatabase();
    const server = await serverOn(url);
    const board = await createBoard(server.url, '庁内部会');
    const plan = await api(server, 'POST', `/${board.id}/plan`, board.tokens.facilitator, {
      name: 'みんなにやさしいデジタル市役所計画',
      firstYear: 2022,
      year: 2022,
    });
    expect(plan.status).toBe(201);
    const answers = await Promise.all(
      [1, 2, 3].map(() => api(server, 'POST', `/${board.id}/next-period`, board.tokens.facilitator)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
  });

  it('fails a transaction PostgreSQL dropped between two of its statements, without ending the process', async () => {
    const url = await postgresServer().createDatabase();
    const sql = postgresDatabase({ url });
    cleanups.push(() => sql.close());
    await sql.run('CREATE TABLE t (n INTEGER)');
    let inside: () => void = () => {};
    const halfway = new Promise<void>((resolve) => {
      inside = resolve;
    });
    let carryOn: () => void = () => {};
    const resumed = new Promise<void>((resolve) => {
      carryOn = resolve;
    });
    const transaction = sql.transaction(async (tx) => {
      await tx.run('INSERT INTO t (n) VALUES (1)');
      inside();
      await resumed; // PostgreSQL stops here, while this connection is checked out and idle
      await tx.run('INSERT INTO t (n) VALUES (2)');
    });
    await halfway;
    // Another idle connection, to know when PostgreSQL's going has reached its connections.
    const watcher = quietClient(url);
    await watcher.connect();
    const heard = new Promise((resolve) => watcher.once('error', resolve));
    postgresServer().kill();
    // The checked-out connection hears PostgreSQL go ("terminating connection") too: an error event with no
    // listener would end this test process, which vitest reports as an unhandled error.
    await heard;
    carryOn();
    await expect(transaction).rejects.toThrow();
    await postgresServer().restart();
    expect((await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM t'))?.n).toBe(0);
  });

  it('goes on serving its boards from memory while PostgreSQL is gone for longer than a lease', async () => {
    const url = await postgresServer().createDatabase();
    const logs: string[] = [];
    const server = await serverOn(url, { leaseTtlMs: 1_000, log: (line) => logs.push(line) });
    const board = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    cleanups.push(() => writer.destroy());
    addNote(writer.doc, { id: 'before', pillarId: 'p', lane: 'idea', text: '前', author: 'w' });
    const viewer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    cleanups.push(() => viewer.destroy());
    await waitFor(() => getNote(viewer.doc, 'before') !== null, 'the first note');
    let closed = 0;
    viewer.provider.on('connection-close', () => closed++);

    postgresServer().kill();
    // Renewals fail for longer than the lease lasts (a third of it apart).
    const renewFailures = () => logs.filter((line) => line.includes('could not renew the board leases')).length;
    await waitFor(() => renewFailures() >= 4, 'the leases to go unrenewed past their time', 20_000);
    expect(closed).toBe(0);
    expect(viewer.provider.wsconnected).toBe(true);

    await postgresServer().restart();
    addNote(writer.doc, { id: 'after', pillarId: 'p', lane: 'idea', text: '後', author: 'w' });
    await waitFor(() => getNote(viewer.doc, 'after') !== null, 'a write once PostgreSQL is back', 20_000);
  });

  it('refuses writes with storage-full when PostgreSQL has no space left, and stores them once it has', async () => {
    const url = await postgresServer().createDatabase();
    const server = await serverOn(url);
    const board = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    cleanups.push(() => writer.destroy());
    await fillTablespace(url);
    addNote(writer.doc, { id: 'full', pillarId: 'p', lane: 'idea', text: '満杯', author: 'w' });
    await waitFor(() => writer.denied.length > 0, 'the writer to be told');
    expect(readWriteRefusalCode(writer.denied[0]!)).toBe(WRITE_REFUSAL.storageFull);
    expect(server.storage.health()).toMatchObject({ full: true, unavailable: false });
    // The API answers 507 meanwhile, as for SQLite's full disk.
    const member = await api(server, 'POST', `/${board.id}/people`, board.tokens.facilitator, { name: '鈴木' });
    expect(member.status).toBe(507);
    await tablespaceFreed(url);
    await waitFor(() => !server.storage.health().full, 'the server to notice space is back');
    const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    cleanups.push(() => reader.destroy());
    await waitFor(() => getNote(reader.doc, 'full') !== null, 'the kept change to be stored');
  });

  it('refuses writes with storage-unavailable while PostgreSQL is gone, keeps them in the client, and stores them once it is back', async () => {
    const url = await postgresServer().createDatabase();
    const server = await serverOn(url);
    const board = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    cleanups.push(() => writer.destroy());
    addNote(writer.doc, { id: 'before', pillarId: 'p', lane: 'idea', text: '前', author: 'w' });
    await waitFor(() => server.storage.health().unavailable === false && writer.denied.length === 0, 'first note');

    postgresServer().kill();
    addNote(writer.doc, { id: 'during', pillarId: 'p', lane: 'idea', text: '停止中', author: 'w' });
    await waitFor(() => writer.denied.length > 0, 'the writer to be told', 20_000);
    expect(readWriteRefusalCode(writer.denied[0]!)).toBe(WRITE_REFUSAL.storageUnavailable);
    expect(getNote(writer.doc, 'during')?.text).toBe('停止中'); // kept in the client
    expect(writer.provider.wsconnected).toBe(true);
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ healthy: false, storageUnavailable: true });

    await postgresServer().restart();
    // Once PostgreSQL answers, the server asks the refused writer again and stores its change.
    const reader = await (async () => {
      await waitFor(() => !server.storage.health().unavailable, 'the server to notice PostgreSQL is back', 20_000);
      return connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    })();
    cleanups.push(() => reader.destroy());
    await waitFor(() => getNote(reader.doc, 'during') !== null, 'the kept change to be stored');
  });
});
