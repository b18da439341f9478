import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PendingChanges } from '../../client/session/pendingChanges.js';
import { addNote, editNoteText } from '../../shared/ops/notes.js';
import { APP_PROTOCOL_VERSION, CLOSE, MESSAGE } from '../../shared/protocol.js';
import { listNotes } from '../../shared/selectors.js';
import { step2Frame, updateFrame } from './frameBuilders.js';
import {
  connectClient,
  connectSynced,
  createBoard,
  rawSocket,
  startTestServer,
  type TestServer,
  waitFor,
} from './helpers.js';

const note = (id: string, text: string) => ({ id, pillarId: 'p1', lane: 'problem' as const, text, author: 'a' });
const texts = (doc: Y.Doc) =>
  listNotes(doc)
    .map((n) => n.text)
    .sort();

async function setLock(server: TestServer, boardId: string, token: string, locked: boolean) {
  const response = await fetch(`${server.url}/api/boards/${boardId}/lock`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ locked }),
  });
  expect(response.status).toBe(200);
}

/** What our client adds to its websocket address: its version, which also asks for the stored confirmation. */
const OURS = { app: APP_PROTOCOL_VERSION };

describe("the server's stored confirmation (MESSAGE.stored)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('confirms each change once it is stored, and the changes are there after a restart of the client', async () => {
    const board = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant, undefined, OURS);
    const pending = new PendingChanges(writer.provider);
    addNote(writer.doc, note('n1', '窓口'));
    editNoteText(writer.doc, 'n1', '窓口の待ち時間');
    expect(pending.count.get()).toBe(2);
    await waitFor(() => pending.count.get() === 0, 'both changes to be confirmed');
    const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(texts(reader.doc)).toEqual(['窓口の待ち時間']);
    pending.destroy();
    writer.destroy();
    reader.destroy();
  });

  it('counts changes made offline until the step 2 that carries them is stored', async () => {
    const board = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant, undefined, OURS);
    const pending = new PendingChanges(writer.provider);
    writer.provider.disconnect();
    addNote(writer.doc, note('a', 'オフライン1'));
    addNote(writer.doc, note('b', 'オフライン2'));
    editNoteText(writer.doc, 'a', 'オフライン1（修正）');
    expect(pending.count.get()).toBe(3);
    writer.provider.connect();
    await waitFor(() => pending.count.get() === 0, 'the offline changes to be confirmed');
    const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(texts(reader.doc)).toEqual(['オフライン1（修正）', 'オフライン2']);
    pending.destroy();
    writer.destroy();
    reader.destroy();
  });

  it('counts changes carried over from an earlier visit until they are stored', async () => {
    const board = await createBoard(server.url);
    // The offline copy of an earlier visit: a change the server never saw, already in the document.
    const doc = new Y.Doc();
    const first = await connectSynced(server.wsUrl, board.id, board.tokens.participant, doc, OURS);
    first.provider.disconnect();
    addNote(doc, note('kept', '前回の変更'));
    first.provider.destroy();
    const writer = connectClient(server.wsUrl, board.id, board.tokens.participant, doc, OURS);
    const pending = new PendingChanges(writer.provider, 1);
    expect(pending.count.get()).toBe(1);
    await waitFor(() => pending.count.get() === 0, 'the carried-over change to be confirmed');
    const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(texts(reader.doc)).toEqual(['前回の変更']);
    pending.destroy();
    writer.destroy();
    reader.destroy();
  });

  it('never confirms a change the lock refused, and confirms it once the unlock brings it in', async () => {
    const board = await createBoard(server.url);
    const participant = await connectSynced(server.wsUrl, board.id, board.tokens.participant, undefined, OURS);
    const pending = new PendingChanges(participant.provider);
    await setLock(server, board.id, board.tokens.facilitator, true);
    addNote(participant.doc, note('late', '締め切り後'));
    await waitFor(() => participant.denied.length > 0, 'the refusal');
    // A later change that is stored must not confirm the refused one before it.
    addNote(participant.doc, note('later', 'その後'));
    await waitFor(() => participant.denied.length > 1, 'the second refusal');
    const viewer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(texts(viewer.doc)).toEqual([]);
    expect(pending.count.get()).toBe(2);
    await setLock(server, board.id, board.tokens.facilitator, false);
    await waitFor(() => pending.count.get() === 0, 'the refused changes to be stored after the unlock');
    await waitFor(() => texts(viewer.doc).length === 2, 'the viewer to see both');
    pending.destroy();
    participant.destroy();
    viewer.destroy();
  });

  it('sends no confirmation to a client that did not ask (another Yjs tool)', async () => {
    const board = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const pending = new PendingChanges(writer.provider);
    addNote(writer.doc, note('n', '他のツール'));
    const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => texts(reader.doc).length === 1, 'the note to be stored and relayed');
    // Stored, but never confirmed to this client: it did not name our app version.
    expect(pending.count.get()).toBe(1);
    pending.destroy();
    writer.destroy();
    reader.destroy();
  });

  it('closes a client of another app version with 4426, so it reloads instead of writing an old schema', async () => {
    const board = await createBoard(server.url);
    const old = connectClient(server.wsUrl, board.id, board.tokens.participant, undefined, { app: 'b1.s1.m0' });
    const closes: number[] = [];
    old.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
    await waitFor(() => closes.length > 0, 'the old client to be closed');
    expect(closes[0]).toBe(CLOSE.tooNew);
    expect(old.provider.shouldConnect).toBe(false);
    old.destroy();
  });

  it('confirms nothing past a dropped frame until a later step 2 carrying it is stored', async () => {
    const board = await createBoard(server.url);
    const socket = rawSocket(
      `${server.wsUrl}/${board.id}?token=${board.tokens.participant}&app=${APP_PROTOCOL_VERSION}`,
    );
    const confirmations: number[] = [];
    socket.ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) === MESSAGE.stored) confirmations.push(decoding.readVarUint(decoder));
    });
    await socket.opened;
    // Frame 1 depends on a change the server never got: dropped (and a resync asked for).
    const local = new Y.Doc();
    addNote(local, note('first', '一つ目'));
    const before = Y.encodeStateVector(local);
    editNoteText(local, 'first', '一つ目（続き）');
    socket.ws.send(updateFrame(Y.encodeStateAsUpdate(local, before)));
    // Frame 2 stands on its own and is stored, but frame 1 before it is not: no confirmation yet.
    const other = new Y.Doc();
    addNote(other, note('second', '二つ目'));
    socket.ws.send(updateFrame(Y.encodeStateAsUpdate(other)));
    const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => texts(reader.doc).includes('二つ目'), 'frame 2 to be stored');
    // Frame 3, a step 2 with everything: stored, and it covers frames 1 and 2.
    Y.applyUpdate(local, Y.encodeStateAsUpdate(other));
    socket.ws.send(step2Frame(Y.encodeStateAsUpdate(local)));
    await waitFor(() => confirmations.includes(3), 'the step 2 to be confirmed');
    expect(confirmations).toEqual([3]);
    expect(texts(reader.doc)).toEqual(['一つ目（続き）', '二つ目']);
    reader.destroy();
    socket.ws.close();
  });

  it('counts frames of updates it does not wait for (an offline copy loading late), so confirmations stay aligned', async () => {
    const board = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant, undefined, OURS);
    const copy = Symbol('offline copy');
    const pending = new PendingChanges(writer.provider, 0, [copy]);
    // The copy arrives while connected: sent as a frame of its own, but not this tab's change.
    const other = new Y.Doc();
    addNote(other, note('late', 'あとから読み込み'));
    Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(other), copy);
    expect(pending.count.get()).toBe(0);
    addNote(writer.doc, note('mine', '自分の付箋'));
    expect(pending.count.get()).toBe(1);
    await waitFor(() => pending.count.get() === 0, 'my change to be confirmed');
    const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(texts(reader.doc)).toEqual(['あとから読み込み', '自分の付箋']);
    pending.destroy();
    writer.destroy();
    reader.destroy();
  });
});
