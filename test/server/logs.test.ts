import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Closed, connectSynced, createBoard, rawSocket, tempDataDir, waitFor } from './helpers.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface LoggedServer {
  url: string;
  /** Every line the process wrote, standard output and error alike, as written. */
  lines: string[];
}

/** The real CLI (`npm start`'s entry) in a child process, every line of its output kept. */
async function startLoggedServer(env: Record<string, string>): Promise<LoggedServer> {
  const data = tempDataDir();
  const { ADMIN_TOKEN: _admin, PUBLIC_URL: _public, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', DATA_DIR: data.dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(data.remove, async () => {
    child.kill('SIGTERM');
    await exited;
  });
  const lines: string[] = [];
  let partial = '';
  const collect = (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter((line) => line !== ''));
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  await waitFor(() => lines.some((line) => /listening on http:\/\//.test(line)), 'the server to listen', 20_000);
  const url = /listening on (http:\/\/[^\s]+)/.exec(lines.find((line) => line.includes('listening on'))!)![1]!;
  return { url, lines };
}

type Line = Record<string, unknown> & { time: string; level: string; event: string; message: string };
const parsed = (server: LoggedServer): Line[] => server.lines.map((line) => JSON.parse(line) as Line);
const events = (server: LoggedServer, event: string) => parsed(server).filter((line) => line.event === event);

describe('server logs', () => {
  it('writes JSON lines with an ISO time, the access log, admin events, and never a token', async () => {
    const server = await startLoggedServer({ LOG_LEVEL: 'info' });
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/ws`;
    const board = await createBoard(server.url, 'ログの確認');
    const tokens = Object.values(board.tokens);

    // A stock client: its address carries ?token=<the participant token>.
    const client = await connectSynced(wsUrl, board.id, board.tokens.participant);
    client.destroy();
    await waitFor(() => events(server, 'ws.close').length > 0, 'the websocket close line');

    const me = await fetch(`${server.url}/api/boards/${board.id}/me?token=${board.tokens.viewer}`, {
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
    });
    expect(me.status).toBe(200);
    const requestId = me.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f]{12}$/);
    const replaced = await fetch(`${server.url}/api/boards/${board.id}/links/viewer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
    });
    tokens.push(((await replaced.json()) as { token: string }).token);
    const deleted = await fetch(`${server.url}/api/boards/${board.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ confirm: board.id }),
    });
    expect(deleted.status).toBe(200);
    await waitFor(() => events(server, 'board.deleted').length === 1, 'the deletion line');

    for (const line of parsed(server)) {
      expect(new Date(line.time).toISOString(), JSON.stringify(line)).toBe(line.time);
      expect(['debug', 'info', 'warn', 'error']).toContain(line.level);
      expect(typeof line.event).toBe('string');
    }
    const listening = events(server, 'server.listening')[0]!;
    expect(listening.message).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+ /);

    const access = events(server, 'http.request').find((line) => line.requestId === requestId)!;
    expect(access).toMatchObject({
      method: 'GET',
      path: `/api/boards/${board.id}/me`,
      status: 200,
      address: '127.0.0.1',
    });
    expect(access.durationMs).toEqual(expect.any(Number));
    expect(events(server, 'ws.open')[0]).toMatchObject({ board: board.id, role: 'participant', address: '127.0.0.1' });
    expect(events(server, 'ws.close')[0]).toMatchObject({
      board: board.id,
      role: 'participant',
      path: `/ws/${board.id}`,
    });
    expect(events(server, 'ws.close')[0]!.code).toEqual(expect.any(Number));
    expect(events(server, 'board.created')[0]).toMatchObject({ board: board.id, address: '127.0.0.1' });
    expect(events(server, 'link.replaced')[0]).toMatchObject({ board: board.id, role: 'facilitator', link: 'viewer' });
    expect(events(server, 'board.deleted')[0]).toMatchObject({ board: board.id, role: 'facilitator' });

    // Not one token anywhere: not in the websocket's path, not from the query string, not from the header.
    for (const line of server.lines) {
      for (const token of tokens) expect(line).not.toContain(token);
      expect(line).not.toMatch(/token=(?!\[redacted\])/);
    }
  });

  it('sums refused links per address instead of a line per attempt, and logs a malformed request', async () => {
    const server = await startLoggedServer({ LOG_LEVEL: 'info' });
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/ws`;
    const board = await createBoard(server.url);
    const guesses: Array<Promise<Closed>> = [];
    for (let i = 0; i < 20; i++) guesses.push(rawSocket(`${wsUrl}/${board.id}?token=guess${i}`).closed);
    for (const closed of await Promise.all(guesses)) expect(closed.code).toBe(4401);
    for (let i = 0; i < 5; i++) {
      const refused = await fetch(`${server.url}/api/boards/${board.id}/me`, {
        headers: { authorization: `Bearer http-guess-${i}` },
      });
      expect(refused.status).toBe(401);
    }
    await waitFor(() => events(server, 'security.link-refused').length > 0, 'the refused-link line');
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    socket.on('error', () => {});
    socket.end('GARBAGE / HTTP/1.1\r\n\r\n');
    await waitFor(() => events(server, 'http.client-error').length > 0, 'the malformed-request line');

    // At info level: one line at the first refusal (the rest are summed and logged when the minute ends).
    const refusals = events(server, 'security.link-refused');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ level: 'warn', address: '127.0.0.1' });
    expect(events(server, 'ws.close').filter((line) => line.code === 4401)).toEqual([]);
    expect(events(server, 'http.client-error')[0]).toMatchObject({ status: 400, address: '127.0.0.1' });
    for (const line of server.lines) expect(line).not.toMatch(/guess\d/);
  });

  it('sums connections refused by a limit per address too (security.limit)', async () => {
    const server = await startLoggedServer({
      LOG_LEVEL: 'info',
      MAX_CONNECTIONS_PER_BOARD: '1',
      FACILITATOR_RESERVED_CONNECTIONS: '0',
    });
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/ws`;
    const board = await createBoard(server.url);
    const first = await connectSynced(wsUrl, board.id, board.tokens.participant);
    cleanups.push(first.destroy);
    const refused: Array<Promise<Closed>> = [];
    for (let i = 0; i < 10; i++) {
      refused.push(rawSocket(`${wsUrl}/${board.id}?token=${board.tokens.participant}`).closed);
    }
    for (const closed of await Promise.all(refused)) expect(closed.code).toBe(4429);
    await waitFor(() => events(server, 'security.limit').length > 0, 'the limit line');
    expect(events(server, 'security.limit')).toHaveLength(1);
    expect(events(server, 'ws.close').filter((line) => line.code === 4429)).toEqual([]);
    expect(events(server, 'security.limit')[0]).toMatchObject({ level: 'warn', address: '127.0.0.1', board: board.id });
    for (const line of server.lines) expect(line).not.toContain(board.tokens.participant);
  });

  it('writes only warnings and errors with LOG_LEVEL=warn, the start line excepted', async () => {
    const server = await startLoggedServer({ LOG_LEVEL: 'warn' });
    await createBoard(server.url);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // A warning written after those requests: once it is there, their info lines would have been too.
    const refused = await fetch(`${server.url}/api/boards/${'x'.repeat(12)}/me`, {
      headers: { authorization: 'Bearer x' },
    });
    expect(refused.status).toBe(404);
    const board = await createBoard(server.url);
    await fetch(`${server.url}/api/boards/${board.id}/me`, { headers: { authorization: 'Bearer wrong' } });
    await waitFor(() => events(server, 'security.link-refused').length > 0, 'the refused-link warning');
    const lines = parsed(server);
    expect(lines.map((line) => line.event)).toEqual(['server.listening', 'security.link-refused']);
  });
});
