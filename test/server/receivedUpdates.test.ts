import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { serverChannelOf } from '../../client/session/serverChannel.js';
import { boardRoots } from '../../shared/docs.js';
import { addNote } from '../../shared/ops/notes.js';
import { APP_PROTOCOL_VERSION } from '../../shared/protocol.js';
import { listNotes } from '../../shared/selectors.js';
import { connectClient, connectSynced, createBoard, startTestServer, type TestServer, waitFor } from './helpers.js';

const note = (id: string, text: string) => ({ id, pillarId: 'p1', lane: 'problem' as const, text, author: 'a' });
const OURS = { app: APP_PROTOCOL_VERSION };
const texts = (doc: Y.Doc) =>
  listNotes(doc)
    .map((n) => n.text)
    .sort();

interface Heard {
  update: Uint8Array;
  origin: unknown;
}

/** Our client's provider (with its server channel) on `doc`, recording what the document's listeners hear. */
function ourClient(server: TestServer, boardId: string, token: string) {
  const doc = new Y.Doc();
  const heard: Heard[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => heard.push({ update, origin }));
  const client = connectClient(server.wsUrl, boardId, token, doc, OURS);
  serverChannelOf(client.provider);
  return { ...client, heard };
}

/** A view into a frame the socket received: the bytes before it are the frame's sync header. */
const isReceivedFrame = (update: Uint8Array) => update.byteOffset > 0 && update.buffer.byteLength > update.byteLength;

describe("the server's updates reach the document's listeners as received", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('hands the listeners (the offline copy, the stores) the bytes of the board the server sent, not a second encoding', async () => {
    const board = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    for (let i = 0; i < 20; i++) addNote(writer.doc, note(`n${i}`, `付箋${i}`));
    const reader = ourClient(server, board.id, board.tokens.viewer);
    await waitFor(() => reader.provider.synced && texts(reader.doc).length === 20, 'the reader to sync');
    const fromServer = reader.heard.filter((h) => h.origin === reader.provider);
    expect(fromServer.length).toBeGreaterThan(0);
    expect(fromServer.every((h) => isReceivedFrame(h.update))).toBe(true);
    // What the listeners heard is the whole board: a copy made of it alone (as the offline copy's) has it all.
    const copy = new Y.Doc();
    for (const h of reader.heard) Y.applyUpdate(copy, h.update);
    expect(texts(copy)).toEqual(texts(writer.doc));

    // A colleague's live edit too.
    const before = reader.heard.length;
    addNote(writer.doc, note('late', '後から'));
    await waitFor(() => texts(reader.doc).includes('後から'), 'the live edit');
    const live = reader.heard.slice(before);
    expect(live.map((h) => h.origin)).toEqual([reader.provider]);
    expect(isReceivedFrame(live[0]!.update)).toBe(true);
    Y.applyUpdate(copy, live[0]!.update);
    expect(texts(copy)).toContain('後から');
    writer.destroy();
    reader.destroy();
  });

  it('still sends this tab’s own changes, one made by an observer in reaction to a server update included', async () => {
    const board = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const reactor = ourClient(server, board.id, board.tokens.facilitator);
    await waitFor(() => reactor.provider.synced, 'the reacting client to sync');
    // Reacts to a colleague's note by writing one of its own, inside the server update's observer calls.
    boardRoots.notes(reactor.doc).observe((event) => {
      if (event.transaction.origin !== reactor.provider) return;
      if (!boardRoots.notes(reactor.doc).has('answer')) addNote(reactor.doc, note('answer', '返事'));
    });
    addNote(writer.doc, note('question', '質問'));
    await waitFor(() => texts(writer.doc).includes('返事'), 'the reaction to reach the colleague');
    // The reaction was heard by the listeners as a change of this tab, encoded by Yjs as usual.
    const own = reactor.heard.filter((h) => h.origin !== reactor.provider);
    expect(own.length).toBe(1);
    addNote(reactor.doc, note('typed', '入力'));
    await waitFor(() => texts(writer.doc).includes('入力'), 'a later change to reach the colleague');
    writer.destroy();
    reactor.destroy();
  });
});
