import { afterEach, describe, expect, it } from 'vitest';
import { addNote, editNoteText } from '../../shared/ops/notes.js';
import { listNotes } from '../../shared/selectors.js';
import { type ChildServer, spawnServer } from './childServer.js';
import { connectClient, connectSynced, createBoard, type TestClient, tempDataDir, waitFor } from './helpers.js';
import { filePostgres } from './storageEngines.js';

const CLIENTS = 3;

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SQLite in the data folder, and PostgreSQL (a database of this file's server): the same guarantee on both. */
const ENGINES = [
  { name: 'sqlite', rounds: 20, env: async (): Promise<Record<string, string>> => ({}) },
  {
    name: 'postgres',
    rounds: 10,
    // Each restart listens on a new port: the killed process's lease expires before the board is served again.
    env: async (): Promise<Record<string, string>> => ({
      DATABASE_URL: await (await filePostgres()).createDatabase(),
      LEASE_TTL_MS: '1000',
    }),
  },
];

describe.each(ENGINES)('kill -9 at random moments on $name', ({ rounds: ROUNDS, env }) => {
  it(`loses nothing any client had received, over repeated kills during bursts from ${CLIENTS} clients`, async () => {
    const data = tempDataDir();
    cleanups.push(data.remove);
    const engineEnv = await env();
    let server: ChildServer = await spawnServer(data.dir, 20, engineEnv);
    cleanups.push(() => server.kill());
    const board = await createBoard(server.url);
    /** Every note any client had received from the server before a kill: the server must still have it. */
    const received = new Set<string>();
    const clients: TestClient[] = [];
    cleanups.push(() => {
      for (const client of clients.splice(0)) client.destroy();
    });

    /** A reader of the restarted server, with no live writer around that could re-upload anything. */
    async function expectEverythingReceivedStored(round: number): Promise<void> {
      const reader = connectClient(server.wsUrl, board.id, board.tokens.viewer);
      try {
        await waitFor(() => reader.provider.synced, `the reader to sync after kill ${round}`);
        const stored = new Set(listNotes(reader.doc).map((note) => note.id));
        expect(
          [...received].filter((id) => !stored.has(id)),
          `lost after kill ${round}`,
        ).toEqual([]);
        expect(reader.doc.store.pendingStructs).toBeNull();
      } finally {
        reader.destroy();
      }
    }

    for (let round = 1; round <= ROUNDS; round++) {
      for (let c = 0; c < CLIENTS; c++) {
        clients.push(await connectSynced(server.wsUrl, board.id, board.tokens.participant));
      }
      let bursting = true;
      const bursts = clients.map(async (client, c) => {
        const own = `r${round}c${c}-`;
        for (let i = 0; bursting; i++) {
          addNote(client.doc, {
            id: `${own}${i}`,
            pillarId: 'p',
            lane: 'idea',
            text: `${round}/${c}/${i}`,
            author: own,
          });
          if (i % 4 === 3) editNoteText(client.doc, `${own}${i - 1}`, `${round}/${c}/${i - 1} 編集`);
          // A short pause each time: the board stays small enough that 20 rounds take seconds, not minutes.
          await pause(1 + Math.floor(Math.random() * 3));
        }
      });
      // A random moment: sometimes before anything was relayed, sometimes deep in the burst.
      await pause(20 + Math.floor(Math.random() * 250));
      await server.kill();
      bursting = false;
      await Promise.all(bursts);
      for (const [c, client] of clients.entries()) {
        for (const note of listNotes(client.doc)) if (!note.id.startsWith(`r${round}c${c}-`)) received.add(note.id);
      }
      // Destroyed before the restarted server is read: live clients would re-upload what it lost.
      for (const client of clients.splice(0)) client.destroy();
      server = await spawnServer(data.dir, 20, engineEnv);
      await expectEverythingReceivedStored(round);
    }
    // The bursts really exchanged notes through the server, so the check above had something to lose.
    expect(received.size).toBeGreaterThan(ROUNDS * CLIENTS);
  }, 180_000);
});
