import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createBoard, rawSocket, startTestServer, type TestServer } from './helpers.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A raw TCP connection to the server, with what it received and a promise of its closing. */
async function tcp(server: TestServer, options: { allowHalfOpen?: boolean } = {}) {
  const socket: Socket = connect({ port: server.port, host: '127.0.0.1', allowHalfOpen: options.allowHalfOpen });
  socket.on('error', () => {});
  cleanups.push(() => void socket.destroy());
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed, received: () => received };
}

/** Resolves once `closed` settles, or fails after `ms` (a deadline, not a pause: the condition ends the wait). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Writes `total` bytes in pieces of `piece` every `everyMs`, until done or the socket closes. */
function trickle(socket: Socket, total: number, piece: number, everyMs: number): void {
  let sent = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || sent >= total) return clearInterval(timer);
    const size = Math.min(piece, total - sent);
    socket.write(Buffer.alloc(size, 0x61));
    sent += size;
  }, everyMs);
  cleanups.push(() => clearInterval(timer));
}

describe('slow connections', () => {
  it('destroys a connection that sends its headers too slowly', async () => {
    const events: unknown[] = [];
    const server = await startTestServer({
      limits: { headersTimeoutMs: 300 },
      log: (_message, fields) => events.push(fields),
    });
    cleanups.push(() => server.close());
    // Half-open: it never closes its own side, so only the server destroying the socket ends it.
    const slow = await tcp(server, { allowHalfOpen: true });
    slow.socket.write('POST /api/boards HTTP/1.1\r\nHost: x\r\n');
    const timer = setInterval(() => slow.socket.writable && slow.socket.write('X-Slow: a\r\n'), 50);
    cleanups.push(() => clearInterval(timer));
    await within(slow.closed, 5_000, 'the slow connection to be cut');
    expect(events).toContainEqual(
      expect.objectContaining({ event: 'security.limit', limit: 'headers-timeout', address: '127.0.0.1' }),
    );
  });

  it('cuts a stalled request body but not a slow, steady one', async () => {
    const server = await startTestServer({ limits: { minBodyBytesPerSecond: 1000, bodyRateWindowMs: 300 } });
    cleanups.push(() => server.close());
    const head = (length: number) =>
      `POST /api/boards/import HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

    const stalled = await tcp(server);
    stalled.socket.write(head(100_000));
    stalled.socket.write(Buffer.alloc(1000, 0x61));
    await within(stalled.closed, 5_000, 'the stalled upload to be cut');
    expect(stalled.received()).toBe('');

    // 2 KB every 30 ms: far above the minimum rate, and a second and a half long, several windows.
    const steady = await tcp(server);
    steady.socket.write(head(100_000));
    trickle(steady.socket, 100_000, 2000, 30);
    await within(steady.closed, 20_000, 'the steady upload to be answered');
    expect(steady.received()).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('caps the unauthenticated connections of one address, not its admitted websockets', async () => {
    const server = await startTestServer({ limits: { maxUnauthenticatedPerAddress: 3 } });
    cleanups.push(() => server.close());
    const board = await createBoard(server.url);
    // Admitted websockets are counted by the board's limits, not as unauthenticated.
    for (let i = 0; i < 3; i++) {
      const ws = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
      cleanups.push(() => ws.ws.terminate());
      await new Promise((resolve) => ws.ws.once('message', resolve));
    }
    const idle = [await tcp(server), await tcp(server), await tcp(server)];
    const refused = await tcp(server);
    await within(refused.closed, 5_000, 'the fourth idle connection to be closed');
    expect(refused.received()).toBe('');

    idle[0]!.socket.destroy();
    await idle[0]!.closed;
    // The freed place serves a request again (the server may see the close a moment after us: retry then).
    let answered = '';
    for (let attempt = 0; attempt < 50 && !answered; attempt++) {
      const next = await tcp(server);
      next.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      await next.closed;
      answered = next.received();
    }
    expect(answered).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('cuts a refused websocket whose client never finishes the closing handshake', async () => {
    const server = await startTestServer({ limits: { refusedSocketCloseMs: 200 } });
    cleanups.push(() => server.close());
    const board = await createBoard(server.url);
    const silent = await tcp(server);
    silent.socket.write(
      [
        `GET /ws/${board.id}?token=wrong HTTP/1.1`,
        'Host: x',
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        '',
        '',
      ].join('\r\n'),
    );
    // It never answers the close frame; the server does not wait ws's 30 s for it.
    await within(silent.closed, 5_000, 'the refused websocket to be cut');
    expect(silent.received()).toMatch(/^HTTP\/1\.1 101 /);
  });

  it('destroys an upgrade outside /ws/ once answered, even when the client never closes its side', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const client = await tcp(server, { allowHalfOpen: true });
    client.socket.write('GET /elsewhere HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    // It keeps writing: only a socket the server destroyed makes these writes fail and the client close.
    const timer = setInterval(() => client.socket.writable && client.socket.write('x'), 50);
    cleanups.push(() => clearInterval(timer));
    await within(client.closed, 5_000, 'the answered upgrade to be destroyed');
    expect(client.received()).toMatch(/^HTTP\/1\.1 404 /);
  });
});
