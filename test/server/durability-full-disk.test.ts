import { afterEach, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/ops/notes.js';
import { readWriteRefusalCode, WRITE_REFUSAL } from '../../shared/protocol.js';
import { listNotes } from '../../shared/selectors.js';
import { connectSynced, createBoard, startTestServer, type TestServer, tempDataDir, waitFor } from './helpers.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ids = (notes: { id: string }[]) => new Set(notes.map((note) => note.id));

describe('a full disk', () => {
  // Without edits while full, the writer's step 2 after the resync holds exactly the refused updates: it is
  // stored only if the room forgot them when their batch failed.
  it.each([
    { editsWhileFull: 5, when: 'with edits made while full' },
    { editsWhileFull: 0, when: 'with no edit after the refused one' },
  ])(
    'refuses writes with a reason, keeps serving reads and joins, and stores the refused changes once space returns ($when)',
    async ({ editsWhileFull }) => {
      const data = tempDataDir();
      cleanups.push(data.remove);
      let server: TestServer = await startTestServer({ dataDir: data.dir, storageFullRetryMs: 50 });
      cleanups.push(() => server.close());
      const board = await createBoard(server.url);
      const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
      cleanups.push(writer.destroy);
      const other = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
      cleanups.push(other.destroy);
      addNote(writer.doc, { id: 'before', pillarId: 'p', lane: 'idea', text: '満杯の前', author: 'w' });
      await waitFor(() => ids(listNotes(other.doc)).has('before'), 'a note stored before the disk filled up');

      // The database may grow by two pages more: a few notes of ~2 KB each fill it.
      server.storage.limitSize(2);
      const filler = 'あ'.repeat(600);
      for (let i = 0; writer.denied.length === 0; i++) {
        expect(i, 'the server never refused a write').toBeLessThan(200);
        addNote(writer.doc, { id: `w${i}`, pillarId: 'p', lane: 'idea', text: `${i} ${filler}`, author: 'w' });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(readWriteRefusalCode(writer.denied[0]!)).toBe(WRITE_REFUSAL.storageFull);
      expect(writer.denied[0]).toMatch(/disk is full/);
      expect(server.storage.health().full).toBe(true);
      // Edits keep being made while the disk is full; they stay with the writer.
      for (let i = 0; i < editsWhileFull; i++) {
        addNote(writer.doc, { id: `during${i}`, pillarId: 'p', lane: 'goal', text: `満杯の間 ${i}`, author: 'w' });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      const unsaved = [...ids(listNotes(writer.doc))].filter((id) => !ids(listNotes(other.doc)).has(id));
      expect(unsaved.length).toBeGreaterThan(editsWhileFull);

      // Reads and joins keep working, and serve only what was stored: nothing refused was relayed.
      const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
      cleanups.push(reader.destroy);
      expect(ids(listNotes(reader.doc))).toEqual(ids(listNotes(other.doc)));
      for (const id of unsaved) expect(ids(listNotes(reader.doc)).has(id)).toBe(false);
      const settings = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.facilitator);
      cleanups.push(settings.destroy);

      // Space returns: the refused writer is asked for what the server lacks, and everyone receives it.
      server.storage.limitSize(null);
      await waitFor(() => !server.storage.health().full, 'the storage to notice that space is back');
      const everything = ids(listNotes(writer.doc));
      await waitFor(
        () => [...everything].every((id) => ids(listNotes(reader.doc)).has(id) && ids(listNotes(other.doc)).has(id)),
        'the refused changes to reach the other clients',
      );
      expect(writer.provider.wsconnected).toBe(true); // refused, never disconnected

      // …and they were stored: a restarted server serves them.
      for (const client of [writer, other, reader, settings]) client.destroy();
      await server.close();
      server = await startTestServer({ dataDir: data.dir });
      const after = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
      cleanups.push(after.destroy);
      expect(ids(listNotes(after.doc))).toEqual(everything);
      expect(after.doc.store.pendingStructs).toBeNull();
    },
  );
});
