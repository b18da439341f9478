import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote } from '../../shared/ops/notes.js';
import { step1Frame, updateFrame } from './frameBuilders.js';
import {
  connectSynced,
  createBoard,
  rawSocket,
  startTestServer,
  type TestServer,
  tempDataDir,
  waitFor,
} from './helpers.js';
import { guestToken } from './integrityHelpers.js';

/** An update written under `client`'s id, continuing what `from` holds of that client. */
function forgedUpdate(from: Y.Doc, client: number, noteId: string): Uint8Array {
  const forger = new Y.Doc();
  Y.applyUpdate(forger, Y.encodeStateAsUpdate(from));
  forger.clientID = client;
  const before = Y.encodeStateVector(forger);
  addNote(forger, { id: noteId, pillarId: 'p', lane: 'idea', text: '偽物', author: 'x' });
  const update = Y.encodeStateAsUpdate(forger, before);
  forger.destroy();
  return update;
}

/**
 * Sends one update frame over a fresh connection, then a step 1 whose answer shows the frame was handled;
 * resolves with how the server closed the connection, or null when it stayed open.
 */
async function sendAs(server: TestServer, boardId: string, token: string, update: Uint8Array) {
  const socket = rawSocket(`${server.wsUrl}/${boardId}?token=${token}`);
  await socket.opened;
  const answered = new Promise<null>((resolve) =>
    socket.ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) resolve(null);
    }),
  );
  socket.ws.send(updateFrame(update));
  socket.ws.send(step1Frame(new Uint8Array([0])));
  const outcome = await Promise.race([socket.closed, answered]);
  socket.ws.terminate();
  return outcome;
}

describe('client ids belong to their writer', () => {
  const data = tempDataDir();
  let server: TestServer;
  afterEach(async () => {
    await server.close();
  });
  afterAll(() => data.remove());

  it("refuses another person's writes under a client id, also after a restart; the owner's later edits pass", async () => {
    server = await startTestServer({ dataDir: data.dir });
    const board = await createBoard(server.url);
    const [aliceToken, malloryToken] = await Promise.all(
      ['A', 'M'].map((name) => guestToken(server.url, board.id, board.tokens.participant, name)),
    );
    const alice = await connectSynced(server.wsUrl, board.id, aliceToken!);
    addNote(alice.doc, { id: 'a1', pillarId: 'p', lane: 'idea', text: 'アリス', author: 'a' });
    const viewer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => viewer.doc.getMap('notes').has('a1'), 'the first note');

    const closed = await sendAs(server, board.id, malloryToken!, forgedUpdate(viewer.doc, alice.doc.clientID, 'f1'));
    expect(closed?.code).toBe(4422);
    expect(closed?.reason).toContain(`client id ${alice.doc.clientID} belongs to another writer`);
    // The shared link is another writer too.
    const shared = await sendAs(
      server,
      board.id,
      board.tokens.participant,
      forgedUpdate(viewer.doc, alice.doc.clientID, 'f2'),
    );
    expect(shared?.code).toBe(4422);

    addNote(alice.doc, { id: 'a2', pillarId: 'p', lane: 'idea', text: 'その後', author: 'a' });
    await waitFor(() => viewer.doc.getMap('notes').has('a2'), "alice's next note");
    expect(viewer.doc.getMap('notes').has('f1') || viewer.doc.getMap('notes').has('f2')).toBe(false);
    const aliceClient = alice.doc.clientID;
    const aliceDoc = new Y.Doc();
    Y.applyUpdate(aliceDoc, Y.encodeStateAsUpdate(alice.doc));
    aliceDoc.clientID = aliceClient;
    alice.provider.destroy();
    viewer.destroy();

    // After a restart the binding holds; alice's offline edit, replayed later under her id, is kept.
    await server.close();
    server = await startTestServer({ dataDir: data.dir });
    const again = await sendAs(server, board.id, malloryToken!, forgedUpdate(aliceDoc, aliceClient, 'f3'));
    expect(again?.code).toBe(4422);
    addNote(aliceDoc, { id: 'a3', pillarId: 'p', lane: 'idea', text: 'オフライン', author: 'a' });
    const back = await connectSynced(server.wsUrl, board.id, aliceToken!, aliceDoc);
    const later = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => later.doc.getMap('notes').has('a3'), "alice's offline note");
    expect(later.doc.getMap('notes').has('f3')).toBe(false);
    back.destroy();
    later.destroy();
  });

  it('passes the client ids of a removed guest to the next writer (the same browser under a new identity)', async () => {
    server = await startTestServer();
    const board = await createBoard(server.url);
    const first = await guestToken(server.url, board.id, board.tokens.participant, 'A');
    const tab = await connectSynced(server.wsUrl, board.id, first);
    addNote(tab.doc, { id: 'n1', pillarId: 'p', lane: 'idea', text: '一', author: 'a' });
    const viewer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => viewer.doc.getMap('notes').has('n1'), 'the first note');
    tab.provider.destroy();
    // The facilitator replaces the participant link: every guest made through it is removed.
    const replaced = await fetch(`${server.url}/api/boards/${board.id}/links/participant`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${board.tokens.facilitator}` },
    });
    expect(replaced.status).toBe(200);
    const { token: link } = (await replaced.json()) as { token: string };
    const second = await guestToken(server.url, board.id, link, 'A');
    addNote(tab.doc, { id: 'n2', pillarId: 'p', lane: 'idea', text: '二', author: 'a' });
    const back = await connectSynced(server.wsUrl, board.id, second, tab.doc);
    await waitFor(() => viewer.doc.getMap('notes').has('n2'), 'the note written under the new identity');
    back.destroy();
    viewer.destroy();
  });
});
