import { request } from 'node:http';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_FRAME_BYTES } from '../../shared/limits.js';
import { addNote } from '../../shared/ops/notes.js';
import { CLOSE } from '../../shared/protocol.js';
import { getNote, listNotes } from '../../shared/selectors.js';
import {
  type CreatedBoard,
  connectClient,
  connectSynced,
  createBoard,
  rawSocket,
  startTestServer,
  type TestServer,
  waitFor,
} from './helpers.js';

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

describe('websocket refusals', () => {
  let server: TestServer;
  let board: CreatedBoard;
  beforeAll(async () => {
    server = await startTestServer();
    board = await createBoard(server.url);
  });
  afterAll(() => server.close());

  it('closes a malformed board id or room with 4400', async () => {
    for (const room of ['x', 'bad%20id!!!!', `${board.id}/unknown`, `${board.id}/settings/more`]) {
      const { closed } = rawSocket(`${server.wsUrl}/${room}?token=${board.tokens.facilitator}`);
      const { code, reason } = await closed;
      expect(code).toBe(CLOSE.badRequest);
      expect(reason).toMatch(/malformed/);
    }
  });

  it('closes a missing or wrong token with 4401', async () => {
    for (const query of ['', '?token=', '?token=wrong-token-wrong-token']) {
      const { code, reason } = await rawSocket(`${server.wsUrl}/${board.id}${query}`).closed;
      expect(code).toBe(CLOSE.unauthorized);
      expect(reason).toMatch(/token/);
    }
    // The stock client stops for good on 44xx: it does not reconnect.
    const client = connectClient(server.wsUrl, board.id, 'not-the-token');
    const codes: number[] = [];
    client.provider.on('connection-close', (event) => {
      if (event) codes.push(event.code);
    });
    await waitFor(() => codes.length > 0, 'the stock client to be refused');
    expect(codes[0]).toBe(CLOSE.unauthorized);
    expect(client.provider.shouldConnect).toBe(false);
    client.destroy();
  });

  it('closes an unknown board with 4404', async () => {
    const { code, reason } = await rawSocket(`${server.wsUrl}/AAAAAAAAAAAA?token=${board.tokens.viewer}`).closed;
    expect(code).toBe(CLOSE.notFound);
    expect(reason).toMatch(/no board/);
  });

  it('refuses upgrades on other paths with 404', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${server.url}/elsewhere`, {
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': 'x',
        },
      });
      req.on('response', (res) => resolve(res.statusCode));
      req.on('upgrade', () => resolve(101));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(404);
  });

  it('closes a frame over the size limit with 4413', async () => {
    const { ws, opened, closed } = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    await opened;
    ws.send(new Uint8Array(MAX_FRAME_BYTES + 1));
    const { code, reason } = await closed;
    expect(code).toBe(CLOSE.tooLarge);
    expect(reason).toMatch(/too large/);
  });

  it('closes only the connection that sent garbage (4422); the others keep working and nothing stored is damaged', async () => {
    const alice = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const bob = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    addNote(alice.doc, { id: 'before', pillarId: 'p', lane: 'idea', text: '前', author: 'a' });
    await waitFor(() => getNote(bob.doc, 'before') !== null, 'bob to see the first note');

    const frames: Array<{ name: string; frame: Uint8Array }> = [
      { name: 'truncated message', frame: new Uint8Array([0, 2, 50, 1, 2]) },
      { name: 'unknown sync sub-type', frame: new Uint8Array([0, 9, 0]) },
      { name: 'garbage update', frame: syncUpdateFrame(new Uint8Array([1, 1, 200, 3, 0, 40, 9, 9, 9])) },
      { name: 'malformed awareness', frame: new Uint8Array([1, 5, 1, 7, 1, 1, 123]) },
    ];
    for (const { name, frame } of frames) {
      const { ws, opened, closed } = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
      await opened;
      ws.send(frame);
      const { code, reason } = await closed;
      expect(code, name).toBe(CLOSE.invalidMessage);
      expect(reason, name).toMatch(/malformed|invalid/);
    }
    // An update that depends on a change the server never saw (it would stay pending): dropped, not stored.
    const other = new Y.Doc();
    addNote(other, { id: 'x', pillarId: 'p', lane: 'idea', text: 'はじめ', author: 'x' });
    const base = Y.encodeStateVector(other);
    other.getMap('notes').set('y', 'depends on x');
    const dependent = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    await dependent.opened;
    dependent.ws.send(syncUpdateFrame(Y.encodeStateAsUpdate(other, base)));
    dependent.ws.send(new Uint8Array([0, 0, 1, 0])); // a step 1: its answer shows the update was handled
    const answered = new Promise<'answered'>((resolve) => {
      dependent.ws.on('message', (data: Buffer) => {
        if (data[0] === 0 && data[1] === 1) resolve('answered');
      });
    });
    expect(await Promise.race([answered, dependent.closed])).toBe('answered');
    dependent.ws.terminate();

    addNote(bob.doc, { id: 'after', pillarId: 'p', lane: 'idea', text: '後', author: 'b' });
    await waitFor(() => getNote(alice.doc, 'after') !== null, 'alice to see the note written after the garbage');
    const fresh = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(
      listNotes(fresh.doc)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['after', 'before']);
    expect(fresh.doc.store.pendingStructs).toBeNull();
    for (const client of [alice, bob, fresh]) client.destroy();
  });

  it('answers a writer update that depends on missing data with one resync step 1, not a close; rate-limited', async () => {
    const other = new Y.Doc();
    addNote(other, { id: 'x', pillarId: 'p', lane: 'idea', text: 'はじめ', author: 'x' });
    const offline = Y.encodeStateAsUpdate(other);
    const base = Y.encodeStateVector(other);
    other.getMap('notes').set('y', 'depends on x');
    const dependent = syncUpdateFrame(Y.encodeStateAsUpdate(other, base));

    const { ws, opened, closed } = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    let closedWith: number | null = null;
    void closed.then(({ code }) => {
      closedWith = code;
    });
    const received: Uint8Array[] = [];
    ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    await opened;
    const step1s = () => received.filter((frame) => frame[0] === 0 && frame[1] === 0).length;
    const step2s = () => received.filter((frame) => frame[0] === 0 && frame[1] === 1).length;
    await waitFor(() => step1s() === 1, 'the greeting step 1');
    let asked = 0;
    const ask = async () => {
      ws.send(new Uint8Array([0, 0, 1, 0]));
      asked++;
      await waitFor(() => step2s() === asked, 'the answer to a step 1');
    };

    // Many dependent updates in a row: one resync, and nothing while it awaits the client's step 2.
    for (let i = 0; i < 20; i++) ws.send(dependent);
    await ask();
    expect(step1s()).toBe(2);
    expect(closedWith).toBeNull();

    // A step 2 without what the update needs, then another dependent update within 500 ms of the first
    // resync: no step 1 at once, but one when the interval ends, even if the client sends nothing more.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(new Y.Doc()));
    ws.send(encoding.toUint8Array(encoder));
    ws.send(dependent);
    ws.send(dependent);
    await ask();
    expect(step1s()).toBe(2); // within 500 ms of the first resync
    await waitFor(() => step1s() === 3, 'the deferred resync', 2_000);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(step1s()).toBe(3); // one deferred resync for both dropped updates, not one each

    // The client's step 2 with what it holds heals it: the missing change and the dependent one are stored.
    const heal = encoding.createEncoder();
    encoding.writeVarUint(heal, 0);
    encoding.writeVarUint(heal, 1);
    encoding.writeVarUint8Array(heal, Y.mergeUpdates([offline, Y.encodeStateAsUpdate(other, base)]));
    ws.send(encoding.toUint8Array(heal));
    const viewer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => viewer.doc.getMap('notes').get('y') === 'depends on x', 'the healed update to be stored');
    expect(getNote(viewer.doc, 'x')?.text).toBe('はじめ');
    expect(closedWith).toBeNull();
    ws.terminate();
    viewer.destroy();
  });

  it('keeps every client and a later joiner in step under a stream of mutated updates', async () => {
    const fuzzBoard = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, fuzzBoard.id, fuzzBoard.tokens.participant);
    for (let i = 0; i < 4; i++)
      addNote(writer.doc, { id: `n${i}`, pillarId: 'p', lane: 'goal', text: `元 ${i}`, author: 'w' });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(writer.doc));
    const before = Y.encodeStateVector(other);
    other.getMap('notes').delete('n1');
    addNote(other, { id: 'o1', pillarId: 'p', lane: 'idea', text: '他の人の付箋', author: 'o' });
    const update = Y.encodeStateAsUpdate(other, before);
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    let refused = 0;
    for (let round = 0; round < 150; round++) {
      const mutated = update.slice();
      mutated[Math.floor(next() * mutated.length)] = Math.floor(next() * 256);
      const { ws, opened, closed } = rawSocket(`${server.wsUrl}/${fuzzBoard.id}?token=${fuzzBoard.tokens.participant}`);
      await opened;
      // A step 1 after the mutated frame: its answer (a step 2) proves the mutated frame was handled.
      const answered = new Promise<'answered'>((resolve) => {
        ws.on('message', (data: Buffer) => {
          if (data[0] === 0 && data[1] === 1) resolve('answered');
        });
      });
      ws.send(syncUpdateFrame(mutated));
      ws.send(new Uint8Array([0, 0, 1, 0]));
      const outcome = await Promise.race([answered, closed]);
      if (outcome !== 'answered') {
        expect(outcome.code).toBe(CLOSE.invalidMessage);
        refused++;
      }
      ws.terminate();
    }
    expect(refused).toBeGreaterThan(0);
    const joiner = await connectSynced(server.wsUrl, fuzzBoard.id, fuzzBoard.tokens.viewer);
    await waitFor(
      () => Buffer.from(Y.encodeStateVector(joiner.doc)).equals(Buffer.from(Y.encodeStateVector(writer.doc))),
      'the joiner and the writer to hold the same state',
    );
    expect(joiner.doc.getMap('notes').toJSON()).toEqual(writer.doc.getMap('notes').toJSON());
    expect(joiner.doc.store.pendingStructs).toBeNull();
    expect(writer.doc.store.pendingStructs).toBeNull();
    expect(writer.doc.store.pendingDs).toBeNull();
    writer.destroy();
    joiner.destroy();
  });
});
