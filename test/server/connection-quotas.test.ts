import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE } from '../../shared/protocol.js';
import { createBoard, startTestServer, type TestServer } from './helpers.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Outcome = { admitted: true } | { admitted: false; code: number; reason: string };

/**
 * A websocket to a board, resolved once the server has either admitted it (its first sync message came) or
 * closed it (the code and reason). Admitted sockets stay open until the test ends.
 */
function connect(server: TestServer, room: string, token: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(`${server.wsUrl}/${room}?token=${token}`, { headers });
  ws.on('error', () => {});
  cleanups.push(() => ws.terminate());
  return new Promise<Outcome>((resolve) => {
    ws.once('message', () => resolve({ admitted: true }));
    ws.once('close', (code, reason) => resolve({ admitted: false, code, reason: reason.toString() }));
  });
}

async function admittedAll(outcomes: Array<Promise<Outcome>>): Promise<void> {
  expect((await Promise.all(outcomes)).every((outcome) => outcome.admitted)).toBe(true);
}

describe('per-role connection quotas', () => {
  it('lets viewers fill only their share and keeps the last slots for the facilitator', async () => {
    const server = await startTestServer({
      limits: { maxConnectionsPerBoard: 10, maxViewerConnectionsPerBoard: 4, facilitatorReservedConnections: 2 },
    });
    cleanups.push(() => server.close());
    const board = await createBoard(server.url);

    // A shared viewer link opened in many places: it gets its share and no more.
    await admittedAll(Array.from({ length: 4 }, () => connect(server, board.id, board.tokens.viewer)));
    const viewer = await connect(server, board.id, board.tokens.viewer);
    expect(viewer).toMatchObject({ admitted: false, code: CLOSE.tooManyConnections });
    expect(viewer.admitted || viewer.reason).toMatch(/too many viewer connections to this board \(limit 4\)/);

    // Participants take what is left but the facilitator's slots.
    await admittedAll(Array.from({ length: 4 }, () => connect(server, board.id, board.tokens.participant)));
    const participant = await connect(server, board.id, board.tokens.participant);
    expect(participant).toMatchObject({ admitted: false, code: CLOSE.tooManyConnections });
    expect(participant.admitted || participant.reason).toMatch(/kept for the facilitator/);

    // The facilitator still gets in, both documents of a tab.
    await admittedAll([
      connect(server, board.id, board.tokens.facilitator),
      connect(server, `${board.id}/settings`, board.tokens.facilitator),
    ]);
  });

  it('caps the connections of one personal token', async () => {
    const server = await startTestServer({ limits: { maxConnectionsPerToken: 2 } });
    cleanups.push(() => server.close());
    const board = await createBoard(server.url);
    const guest = await fetch(`${server.url}/api/boards/${board.id}/guests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.participant}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '佐藤' }),
    });
    const { token } = (await guest.json()) as { token: string };

    await admittedAll([connect(server, board.id, token), connect(server, `${board.id}/settings`, token)]);
    const third = await connect(server, board.id, token);
    expect(third).toMatchObject({ admitted: false, code: CLOSE.tooManyConnections });
    expect(third.admitted || third.reason).toMatch(/too many connections with this link \(limit 2\)/);
    // Another person is not affected.
    await admittedAll([connect(server, board.id, board.tokens.participant)]);
  });
});

describe('TRUST_PROXY', () => {
  it("counts a trusted proxy's clients by X-Forwarded-For (right-most untrusted), and ignores the header otherwise", async () => {
    const proxied = await startTestServer({ limits: { maxConnectionsPerAddress: 1 }, trustProxy: ['127.0.0.1'] });
    cleanups.push(() => proxied.close());
    const board = await createBoard(proxied.url);
    const token = board.tokens.participant;
    // Two people behind the proxy; the left-most entry is what a client wrote itself and may be forged.
    await admittedAll([
      connect(proxied, board.id, token, { 'x-forwarded-for': '10.0.0.1' }),
      connect(proxied, board.id, token, { 'x-forwarded-for': '203.0.113.9, 10.0.0.2' }),
    ]);
    const again = await connect(proxied, board.id, token, { 'x-forwarded-for': '198.51.100.1, 10.0.0.1' });
    expect(again).toMatchObject({ admitted: false, code: CLOSE.tooManyConnections });
    expect(again.admitted || again.reason).toMatch(/too many connections from this address/);

    // Without TRUST_PROXY, a client cannot pick its address with the header.
    const direct = await startTestServer({ limits: { maxConnectionsPerAddress: 1 } });
    cleanups.push(() => direct.close());
    const other = await createBoard(direct.url);
    await admittedAll([connect(direct, other.id, other.tokens.participant, { 'x-forwarded-for': '10.0.0.1' })]);
    const forged = await connect(direct, other.id, other.tokens.participant, { 'x-forwarded-for': '10.0.0.2' });
    expect(forged).toMatchObject({ admitted: false, code: CLOSE.tooManyConnections });
  });
});
