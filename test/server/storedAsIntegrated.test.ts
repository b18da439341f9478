import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote } from '../../shared/ops/notes.js';
import { updateFrame } from './frameBuilders.js';
import { connectSynced, createBoard, rawSocket, startTestServer, waitFor } from './helpers.js';
import { guestToken } from './integrityHelpers.js';

describe('what is stored is what the document integrated', () => {
  it('stores an update that repeats known changes without them', async () => {
    const server = await startTestServer();
    try {
      const board = await createBoard(server.url);
      const token = await guestToken(server.url, board.id, board.tokens.participant, 'W');
      const viewer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
      const writer = new Y.Doc();
      Y.applyUpdate(writer, Y.encodeStateAsUpdate(viewer.doc));
      const socket = rawSocket(`${server.wsUrl}/${board.id}?token=${token}`);
      await socket.opened;

      const start = Y.encodeStateVector(writer);
      addNote(writer, { id: 'n1', pillarId: 'p', lane: 'idea', text: '一', author: 'w' });
      socket.ws.send(updateFrame(Y.encodeStateAsUpdate(writer, start)));
      await waitFor(() => viewer.doc.getMap('notes').has('n1'), 'the first note');
      const known = Y.getState(writer.store, writer.clientID);
      // A step 2 after a reconnect repeats what the server has, with the new note.
      addNote(writer, { id: 'n2', pillarId: 'p', lane: 'idea', text: '二', author: 'w' });
      socket.ws.send(updateFrame(Y.encodeStateAsUpdate(writer, start)));
      await waitFor(() => viewer.doc.getMap('notes').has('n2'), 'the second note');

      const rows = await server.storage.sql.all<{ data: Buffer }>(
        "SELECT data FROM updates WHERE board_id = ? AND doc = 'board' ORDER BY seq",
        [board.id],
      );
      const last = Y.decodeUpdate(new Uint8Array(rows.at(-1)!.data));
      const starts = last.structs.filter((s) => s.id.client === writer.clientID).map((s) => s.id.clock);
      expect(starts.length).toBeGreaterThan(0);
      expect(Math.min(...starts)).toBe(known);
      socket.ws.terminate();
      viewer.destroy();
      writer.destroy();
    } finally {
      await server.close();
    }
  });
});
