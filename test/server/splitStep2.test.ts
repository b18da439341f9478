import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote } from '../../shared/ops/notes.js';
import { APP_PROTOCOL_VERSION, MESSAGE } from '../../shared/protocol.js';
import { getNote } from '../../shared/selectors.js';
import { step1Frame, step2Frame, updateFrame } from './frameBuilders.js';
import { connectSynced, createBoard, rawSocket, startTestServer, type TestServer, waitFor } from './helpers.js';

const note = (id: string, text: string) => ({ id, pillarId: 'p', lane: 'idea' as const, text, author: 'a' });

describe('the stored confirmation of a split step 2', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ limits: { maxDocumentBytes: 7000 } });
  });
  afterAll(() => server.close());

  it('does not confirm a piece the server refused when the step 2 that ends the split is stored', async () => {
    const board = await createBoard(server.url);
    const filler = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    for (const id of ['big1', 'big2', 'big3']) addNote(filler.doc, note(id, id[3]!.repeat(1900)));
    const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => getNote(reader.doc, 'big3') !== null, 'the board to be nearly full');

    // Our client (it names the app version, so it is told what is stored), answering the greeting's step 1
    // with a step 2 split in two: a piece that adds (refused: the board is full), then the step 2 frame with
    // the last piece, which only deletes (stored).
    const socket = rawSocket(
      `${server.wsUrl}/${board.id}?token=${board.tokens.participant}&app=${APP_PROTOCOL_VERSION}`,
    );
    const stored: number[] = [];
    const denied: number[] = [];
    let step2Answers = 0;
    socket.ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE.stored) stored.push(decoding.readVarUint(decoder));
      if (type === MESSAGE.auth) denied.push(1);
      if (type === MESSAGE.sync && decoding.readVarUint(decoder) === 1) step2Answers++;
    });
    await socket.opened;
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(filler.doc));
    let before = Y.encodeStateVector(local);
    addNote(local, note('over', 'o'.repeat(1900)));
    socket.ws.send(updateFrame(Y.encodeStateAsUpdate(local, before)));
    await waitFor(() => denied.length > 0, 'the first piece to be refused (board full)');
    before = Y.encodeStateVector(local);
    local.getMap('notes').delete('big1');
    socket.ws.send(step2Frame(Y.encodeStateAsUpdate(local, before)));
    await waitFor(() => getNote(reader.doc, 'big1') === null, 'the last piece to be stored');

    // Anything the server said about frame 2 left before its answer to this step 1 (one ordered socket).
    const answersBefore = step2Answers;
    socket.ws.send(step1Frame(Y.encodeStateVector(local)));
    await waitFor(() => step2Answers > answersBefore, 'the answer to our step 1');
    expect(getNote(reader.doc, 'over')).toBeNull();
    expect(stored).toEqual([]); // frame 1 was not stored, so nothing from it on is confirmed
    socket.ws.close();
    for (const client of [filler, reader]) client.destroy();
  });
});
