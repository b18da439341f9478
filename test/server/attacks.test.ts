import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_FRAME_BYTES } from '../../shared/limits.js';
import { addNote } from '../../shared/ops/notes.js';
import { renamePillar, setBoardTitle } from '../../shared/ops/pillars.js';
import { CLOSE } from '../../shared/protocol.js';
import { getNote } from '../../shared/selectors.js';
import { awarenessFrame, step2Frame, storedBoard, updateFrame } from './frameBuilders.js';
import {
  type CreatedBoard,
  connectSynced,
  createBoard,
  rawSocket,
  startTestServer,
  type TestClient,
  type TestServer,
  waitFor,
} from './helpers.js';

/**
 * Hostile clients against a board where two honest participants (stock WebsocketProvider) work. After every
 * attack: refused, the stored board unchanged, and the honest clients still in step.
 */
describe('attacks', () => {
  let server: TestServer;
  let board: CreatedBoard;
  let alice: TestClient;
  let bob: TestClient;
  let round = 0;

  beforeAll(async () => {
    server = await startTestServer();
    board = await createBoard(server.url);
    alice = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    bob = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    addNote(alice.doc, { id: 'base', pillarId: 'p', lane: 'idea', text: '元の付箋', author: 'a' });
    await waitFor(() => getNote(bob.doc, 'base') !== null, 'bob to see the first note');
  });
  afterAll(async () => {
    alice.destroy();
    bob.destroy();
    await server.close();
  });

  const boardNow = () => storedBoard(server.wsUrl, board.id, board.tokens.viewer);
  const settingsNow = () => storedBoard(server.wsUrl, `${board.id}/settings`, board.tokens.viewer);

  /** The honest clients still work: a note of alice's reaches bob. */
  async function honestClientsUnaffected(): Promise<void> {
    round++;
    const id = `honest-${round}`;
    addNote(alice.doc, { id, pillarId: 'p', lane: 'idea', text: `正直 ${round}`, author: 'a' });
    await waitFor(() => getNote(bob.doc, id) !== null, `bob to see ${id}`);
    expect(alice.provider.wsconnected && bob.provider.wsconnected).toBe(true);
  }

  /** A hostile document's change as an update against what the server holds. */
  function forgedChange(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
    const before = Y.encodeStateVector(doc);
    change(doc);
    return Y.encodeStateAsUpdate(doc, before);
  }

  it('refuses a viewer’s writes, as sync step 2 and as update, with permission denied; nothing stored', async () => {
    const before = await boardNow();
    const write = forgedChange(alice.doc, (doc) =>
      addNote(doc, { id: 'viewer-note', pillarId: 'p', lane: 'idea', text: '閲覧者', author: 'v' }),
    );
    for (const frame of [step2Frame(write), updateFrame(write)]) {
      const { ws, opened } = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.viewer}`);
      const denied = new Promise<string>((resolve) => {
        ws.on('message', (data: Buffer) => {
          if (data[0] === 2) resolve(data.subarray(3).toString());
        });
      });
      await opened;
      ws.send(frame);
      expect(await denied).toMatch(/read-only/);
      ws.close();
    }
    await honestClientsUnaffected();
    const after = await boardNow();
    expect(after.notes).not.toHaveProperty('viewer-note');
    expect(Object.keys(after.notes).sort()).toEqual([...Object.keys(before.notes), `honest-${round}`].sort());
  });

  it('refuses a participant’s writes to the settings document', async () => {
    const facilitatorView = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.facilitator);
    const before = await settingsNow();
    const pillarId = Object.keys(before.pillars)[0]!;
    const writes = [
      forgedChange(facilitatorView.doc, (doc) => setBoardTitle(doc, '乗っ取り')),
      forgedChange(facilitatorView.doc, (doc) => renamePillar(doc, pillarId, '乗っ取り')),
    ];
    for (const write of writes) {
      for (const frame of [step2Frame(write), updateFrame(write)]) {
        const { ws, opened } = rawSocket(`${server.wsUrl}/${board.id}/settings?token=${board.tokens.participant}`);
        const denied = new Promise<string>((resolve) => {
          ws.on('message', (data: Buffer) => {
            if (data[0] === 2) resolve(data.subarray(3).toString());
          });
        });
        await opened;
        ws.send(frame);
        expect(await denied).toMatch(/Only the facilitator/);
        ws.close();
      }
    }
    expect(await settingsNow()).toEqual(before);
    facilitatorView.destroy();
    await honestClientsUnaffected();
  });

  it('drops forged awareness for another client’s id, both setting and removing it', async () => {
    alice.provider.awareness.setLocalStateField('editing', 'アリス');
    const aliceId = alice.doc.clientID;
    await waitFor(() => bob.provider.awareness.getStates().get(aliceId)?.editing === 'アリス', 'bob to see alice');
    const aliceClock = alice.provider.awareness.meta.get(aliceId)!.clock;

    const { ws, opened } = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    await opened;
    ws.send(awarenessFrame([{ clientId: aliceId, clock: aliceClock + 10, state: { editing: '偽物' } }]));
    ws.send(awarenessFrame([{ clientId: aliceId, clock: aliceClock + 20, state: null }]));
    // Its own presence, sent after the forgeries, arrives: so the forgeries were handled (and dropped).
    ws.send(awarenessFrame([{ clientId: 777_777, clock: 1, state: { editing: '攻撃者' } }]));
    await waitFor(() => bob.provider.awareness.getStates().has(777_777), 'the attacker’s own presence');
    expect(bob.provider.awareness.getStates().get(aliceId)?.editing).toBe('アリス');
    const fresh = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => fresh.provider.awareness.getStates().has(777_777), 'the fresh client to receive presence');
    expect(fresh.provider.awareness.getStates().get(aliceId)?.editing).toBe('アリス');
    fresh.destroy();
    ws.close();
    await waitFor(() => !bob.provider.awareness.getStates().has(777_777), 'the attacker’s presence to go with it');
    expect(bob.provider.awareness.getStates().get(aliceId)?.editing).toBe('アリス');
    await honestClientsUnaffected();
  });

  it('refuses the tokens of another board (websocket 4401, /me 401)', async () => {
    const other = await createBoard(server.url);
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const { code } = await rawSocket(`${server.wsUrl}/${board.id}?token=${other.tokens[role]}`).closed;
      expect(code).toBe(CLOSE.unauthorized);
      const response = await fetch(`${server.url}/api/boards/${board.id}/me`, {
        headers: { Authorization: `Bearer ${other.tokens[role]}` },
      });
      expect(response.status).toBe(401);
    }
    await honestClientsUnaffected();
  });

  it('refuses path-like and over-long board ids (4400 on the websocket, 404 over HTTP) without touching anything', async () => {
    const before = await boardNow();
    const ids = [
      '../../board.sqlite',
      '..%2F..%2Fboard.sqlite',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      `${board.id}%00`,
      `${board.id}/../${board.id}`,
      "x'%20OR%20'1'='1",
      'A'.repeat(33),
      'A'.repeat(8000),
    ];
    for (const id of ids) {
      // Sent verbatim: a URL parser would resolve the `..` before the server saw them.
      const refusal = await rawUpgrade(server.url, `/ws/${id}?token=${board.tokens.facilitator}`);
      expect(refusal, id).toEqual({ status: 101, closeCode: CLOSE.badRequest });
      // HTTP paths are URL-normalised before routing: `<id>/../<id>` names the board itself, whose token
      // this is; every other id is refused without reaching storage.
      const status = await rawStatus(server.url, `/api/boards/${id}/me`, board.tokens.facilitator);
      expect(id === `${board.id}/../${board.id}` ? [200] : [400, 404], id).toContain(status);
    }
    expect(await boardNow()).toEqual(before);
    await honestClientsUnaffected();
  });

  it('closes an oversized frame with 4413; nothing stored', async () => {
    const before = await boardNow();
    const { ws, opened, closed } = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    await opened;
    const big = forgedChange(alice.doc, (doc) =>
      addNote(doc, { id: 'huge', pillarId: 'p', lane: 'idea', text: 'x'.repeat(10), author: 'h' }),
    );
    const frame = new Uint8Array(MAX_FRAME_BYTES + 10);
    frame.set(updateFrame(big));
    ws.send(frame);
    expect((await closed).code).toBe(CLOSE.tooLarge);
    expect(await boardNow()).toEqual(before);
    await honestClientsUnaffected();
  });
});

/**
 * A websocket upgrade with the path sent byte for byte: the HTTP status, and after a 101 the code of the
 * close frame the server sends first.
 */
function rawUpgrade(base: string, path: string): Promise<{ status: number; closeCode?: number }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/`, {
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from('attack-test-key!').toString('base64'),
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('upgrade', (_res, socket, head) => {
      let received = head;
      const check = () => {
        // An unmasked server frame: 0x88 (close), a 7-bit length, then the 2-byte code.
        if (received.length < 4) return;
        socket.destroy();
        resolve({ status: 101, closeCode: received[0] === 0x88 ? received.readUInt16BE(2) : -1 });
      };
      socket.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        check();
      });
      check();
    });
    req.on('error', reject);
    req.end();
  });
}

/** The status of a GET sent byte for byte as written (fetch would normalise `..`). */
function rawStatus(base: string, path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/`, { path, headers: { Authorization: `Bearer ${token}` } });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
