import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, editNoteText } from '../../shared/ops/notes.js';
import { CLOSE, readWriteRefusalCode, WRITE_REFUSAL } from '../../shared/protocol.js';
import { getNote, listNotes } from '../../shared/selectors.js';
import { awarenessFrame } from './frameBuilders.js';
import {
  connectClient,
  connectSynced,
  createBoard,
  rawSocket,
  startTestServer,
  type TestServer,
  waitFor,
} from './helpers.js';

const note = (id: string, text: string) => ({ id, pillarId: 'p', lane: 'idea' as const, text, author: 'a' });

const presenceFrame = (clientId: number, clock: number, state: unknown) => awarenessFrame([{ clientId, clock, state }]);

describe('board size limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ limits: { maxDocumentBytes: 7000 } });
  });
  afterAll(() => server.close());

  it('refuses writes that add to a full board with a board-full reason, keeps the writer’s change, lets deletions through, and stores the change once there is room', async () => {
    const board = await createBoard(server.url);
    const alice = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const bob = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    addNote(alice.doc, note('big1', 'a'.repeat(1900)));
    addNote(alice.doc, note('big2', 'b'.repeat(1900)));
    addNote(alice.doc, note('big3', 'c'.repeat(1900)));
    await waitFor(() => getNote(bob.doc, 'big3') !== null, 'bob to receive the three big notes');

    addNote(alice.doc, note('over', 'd'.repeat(1900)));
    await waitFor(() => alice.denied.length > 0, 'alice to be told the board is full');
    expect(readWriteRefusalCode(alice.denied[0]!)).toBe(WRITE_REFUSAL.boardFull);
    expect(getNote(alice.doc, 'over')?.text).toBe('d'.repeat(1900)); // kept in alice's document
    expect(alice.provider.wsconnected).toBe(true); // not closed
    const viewer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(getNote(viewer.doc, 'over')).toBeNull();
    viewer.destroy();

    // A pure deletion passes even at the limit, and frees room once the document is measured again.
    bob.doc.getMap('notes').delete('big1');
    bob.doc.getMap('notes').delete('big2');
    await waitFor(() => getNote(alice.doc, 'big1') === null, 'the deletion to reach alice');
    expect(bob.denied).toEqual([]);

    // Alice's next edit depends on the refused one: the server resyncs and her kept change is stored.
    editNoteText(alice.doc, 'big3', 'short now');
    await waitFor(() => getNote(bob.doc, 'over') !== null, 'the kept change to reach bob');
    const later = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(
      listNotes(later.doc)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['big3', 'over']);
    expect(getNote(later.doc, 'big3')?.text).toBe('short now');
    for (const client of [alice, bob, later]) client.destroy();
  });
});

describe('connection limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    // No room kept for the facilitator here: this is the board-wide limit alone (quotas: connection-quotas.test.ts).
    server = await startTestServer({
      limits: { maxConnectionsPerBoard: 3, facilitatorReservedConnections: 0, maxFrameBytes: 1000 },
    });
  });
  afterAll(() => server.close());

  it('refuses connections past the per-board limit with 4429 and a reason; other boards are unaffected; a freed place is reusable', async () => {
    const board = await createBoard(server.url);
    const other = await createBoard(server.url);
    const url = (room: string, token: string) => `${server.wsUrl}/${room}?token=${token}`;
    const open = [
      rawSocket(url(board.id, board.tokens.participant)),
      rawSocket(url(`${board.id}/settings`, board.tokens.participant)),
      rawSocket(url(board.id, board.tokens.viewer)),
    ];
    for (const socket of open) await socket.opened;
    const extra = connectClient(server.wsUrl, board.id, board.tokens.facilitator);
    const codes: Array<{ code: number; reason: string }> = [];
    extra.provider.on('connection-close', (event) => {
      if (event) codes.push({ code: event.code, reason: event.reason });
    });
    await waitFor(() => codes.length > 0, 'the fourth connection to be refused');
    expect(codes[0]!.code).toBe(CLOSE.tooManyConnections);
    expect(codes[0]!.reason).toMatch(/too many connections to this board/);
    expect(extra.provider.shouldConnect).toBe(false); // the stock client does not hammer a full board
    extra.destroy();

    const elsewhere = await connectSynced(server.wsUrl, other.id, other.tokens.participant);
    elsewhere.destroy();

    open[0]!.ws.close();
    await open[0]!.closed;
    const again = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    again.destroy();
    for (const socket of open) socket.ws.close();
  });

  it('closes a frame over the configured MAX_FRAME_BYTES with 4413, naming the limit', async () => {
    const board = await createBoard(server.url);
    const { ws, opened, closed } = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    await opened;
    ws.send(new Uint8Array(1001));
    expect(await closed).toEqual({ code: CLOSE.tooLarge, reason: 'message too large: over 1000 bytes' });
  });
});

describe('per-address limit (opt-in)', () => {
  it('is off by default and, when set, refuses a further connection from the same address with 4429', async () => {
    const server = await startTestServer({ limits: { maxConnectionsPerAddress: 2 } });
    try {
      const board = await createBoard(server.url);
      const a = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.viewer}`);
      const b = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.viewer}`);
      await Promise.all([a.opened, b.opened]);
      const c = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.viewer}`);
      const { code, reason } = await c.closed;
      expect(code).toBe(CLOSE.tooManyConnections);
      expect(reason).toMatch(/from this address/);
      a.ws.close();
      b.ws.close();
    } finally {
      await server.close();
    }
    const open = await startTestServer();
    try {
      const board = await createBoard(open.url);
      const clients = await Promise.all(
        Array.from({ length: 5 }, () => connectSynced(open.wsUrl, board.id, board.tokens.viewer)),
      );
      for (const client of clients) client.destroy();
    } finally {
      await open.close();
    }
  });
});

describe('presence limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ limits: { awarenessPerSecond: 2 } });
  });
  afterAll(() => server.close());

  it('drops presence states over 4 KB and coalesces updates beyond the rate, ending with the latest state', async () => {
    const board = await createBoard(server.url);
    const observer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    const seen: unknown[] = [];
    observer.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
      if ([...added, ...updated].includes(4242)) seen.push(observer.provider.awareness.getStates().get(4242)?.editing);
    });
    const sender = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    await sender.opened;

    sender.ws.send(presenceFrame(4242, 1, { editing: 'x'.repeat(5000) }));
    sender.ws.send(presenceFrame(4242, 2, { editing: 'ok' }));
    await waitFor(() => seen.length > 0, 'the small state to arrive');
    expect(seen).toEqual(['ok']);

    for (let clock = 3; clock <= 60; clock++) sender.ws.send(presenceFrame(4242, clock, { editing: `n${clock}` }));
    await waitFor(
      () => observer.provider.awareness.getStates().get(4242)?.editing === 'n60',
      'the latest state to arrive',
    );
    // 58 updates sent at once at 2 a second: a handful applied, the rest coalesced into the latest.
    expect(seen.length).toBeLessThan(30);
    sender.ws.close();
    await waitFor(() => !observer.provider.awareness.getStates().has(4242), 'the state to be removed on close');
    observer.destroy();
  });
});

describe('flow control', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ limits: { messagesPerSecond: 20, messageBurst: 40, floodCloseAfterMs: 600_000 } });
  });
  afterAll(() => server.close());

  it('slows a flooding connection down without closing it, while the other clients edit as usual', async () => {
    const board = await createBoard(server.url);
    const alice = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const bob = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const flooder = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.viewer}`);
    let answers = 0;
    flooder.ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) answers++;
    });
    let closed = false;
    void flooder.closed.then(() => {
      closed = true;
    });
    await flooder.opened;
    const step1 = new Uint8Array([0, 0, 1, 0]); // "send me everything": each costs the server an answer
    for (let i = 0; i < 3000; i++) flooder.ws.send(step1);
    await waitFor(() => answers >= 40, 'the flooder’s burst to be answered');

    for (let i = 0; i < 5; i++) addNote(alice.doc, note(`a${i}`, `アリス ${i}`));
    addNote(bob.doc, note('b', 'ボブ'));
    await waitFor(
      () => getNote(bob.doc, 'a4') !== null && getNote(alice.doc, 'b') !== null,
      'alice and bob to converge',
    );
    // Slowed to 20 answers a second: far from the 3,000 it asked for, and still connected.
    expect(answers).toBeLessThan(3000);
    expect(closed).toBe(false);
    const before = answers;
    await waitFor(() => answers > before, 'the flooder to be served again, slowly', 20_000);
    flooder.ws.terminate();
    alice.destroy();
    bob.destroy();
  });

  it('lets an honest burst through whole: hundreds of separate edits in a row are slowed, none lost, nobody closed', async () => {
    const board = await createBoard(server.url);
    const alice = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const bob = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const closes: number[] = [];
    alice.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    for (let i = 0; i < 120; i++) addNote(alice.doc, note(`n${i}`, `貼り付け ${i}`));
    await waitFor(() => listNotes(bob.doc).length === 120, 'all 120 notes to reach bob', 30_000);
    expect(closes).toEqual([]);
    alice.destroy();
    bob.destroy();
  });
});

describe('flood close', () => {
  it('closes a connection that stays far over its limit with 1013, which the stock client retries; others are unaffected', async () => {
    const server = await startTestServer({
      limits: { messagesPerSecond: 10, messageBurst: 10, floodCloseAfterMs: 1000 },
    });
    try {
      const board = await createBoard(server.url);
      const alice = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
      const bob = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
      const flooder = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
      await flooder.opened;
      const query = new Uint8Array([3]);
      const timer = setInterval(() => {
        for (let i = 0; i < 50; i++) if (flooder.ws.readyState === flooder.ws.OPEN) flooder.ws.send(query);
      }, 5);
      const { code, reason } = await flooder.closed;
      clearInterval(timer);
      expect(code).toBe(CLOSE.tryAgainLater);
      expect(reason).toMatch(/too fast/);

      addNote(alice.doc, note('after', '後'));
      await waitFor(() => getNote(bob.doc, 'after') !== null, 'bob to see alice’s note');
      expect(alice.provider.wsconnected && bob.provider.wsconnected).toBe(true);
      alice.destroy();
      bob.destroy();
    } finally {
      await server.close();
    }
  });
});
