import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote } from '../../shared/ops/notes.js';
import { updateFrame } from './frameBuilders.js';
import { connectSynced, createBoard, startTestServer, tempDataDir, waitFor } from './helpers.js';
import { boardSnapshot, boardState, guestToken, honestEdit, honestUpdates, hostileSender } from './integrityHelpers.js';
import { idPool, mutateUpdate, prng } from './updateMutations.js';

/**
 * Property: whatever frames hostile participants send (mutated copies of real updates: same client ids and
 * clocks, a few fields changed; and an honest client's id forged at the clocks it uses next), every connected
 * client, a client joining afterwards and the server after a restart hold the same content and state vector,
 * and the honest clients' edits survive. Bounded here; `npm run soak` runs it longer (INTEGRITY_FRAMES,
 * INTEGRITY_SEEDS).
 */
const FRAMES = Number(process.env.INTEGRITY_FRAMES ?? 300);
const SEEDS = (process.env.INTEGRITY_SEEDS ?? '3,5').split(',').map(Number);
const UPDATES = 12;
const HOSTILE_CONNECTIONS = 10;
// Rate limits lifted: this test aims at the validator, not at flow control (limits.test.ts).
const limits = { messagesPerSecond: 1e9, messageBurst: 1e9, bytesPerSecond: 1e12, byteBurst: 1e12 };

describe('integrity of the board under mutated updates', () => {
  it.each(SEEDS)(
    'seed %i: everyone, a late joiner and the restarted server hold the same board; a forged client id changes nothing',
    async (seed) => {
      const random = prng(seed);
      const honestRandom = prng(seed ^ 0x5bd1e995);
      const data = tempDataDir();
      let server = await startTestServer({ dataDir: data.dir, limits });
      try {
        const board = await createBoard(server.url);
        const token = (name: string) => guestToken(server.url, board.id, board.tokens.participant, name);
        const [aliceToken, bobToken, malloryToken] = await Promise.all([token('A'), token('B'), token('M')]);
        const alice = await connectSynced(server.wsUrl, board.id, aliceToken);
        const bob = await connectSynced(server.wsUrl, board.id, bobToken);
        const counters = { a: { n: 0 }, b: { n: 0 } };
        for (let i = 0; i < 4; i++) {
          honestEdit(alice.doc, 'a', honestRandom, counters.a);
          honestEdit(bob.doc, 'b', honestRandom, counters.b);
        }
        await waitFor(() => boardState(alice.doc) === boardState(bob.doc), 'alice and bob to converge first');

        // Mutated copies of a third writer's real updates, over several participant connections.
        const source = honestUpdates(alice.doc, UPDATES, random);
        const pool = idPool(source.doc);
        const urls = [board.tokens.participant, malloryToken].map((t) => `${server.wsUrl}/${board.id}?token=${t}`);
        const senders = Array.from({ length: HOSTILE_CONNECTIONS }, (_, i) => hostileSender(urls[i % urls.length]!));
        const frames: Uint8Array[] = [];
        for (let i = 0; i < FRAMES; i++) {
          const update = source.updates[Math.min(UPDATES - 1, Math.floor((i * UPDATES) / FRAMES))]!;
          frames.push(updateFrame(random.int(10) === 0 ? update : mutateUpdate(update, pool, random)));
        }
        let editing = true;
        const honest = (async () => {
          while (editing) {
            honestEdit(alice.doc, 'a', honestRandom, counters.a);
            honestEdit(bob.doc, 'b', honestRandom, counters.b);
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        })();
        await Promise.all(
          senders.map(async (sender) => {
            for (let frame = frames.shift(); frame; frame = frames.shift()) await sender.send(frame);
          }),
        );
        editing = false;
        await honest;
        source.doc.destroy();

        const converged = () => boardState(alice.doc) === boardState(bob.doc);
        await waitFor(converged, `alice and bob to converge (seed ${seed})`, 20_000).catch(() => {});
        expect(boardSnapshot(bob.doc), 'bob after the mutated frames').toEqual(boardSnapshot(alice.doc));
        const joiner = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
        expect(boardSnapshot(joiner.doc), 'a late joiner after the mutated frames').toEqual(boardSnapshot(alice.doc));
        joiner.destroy();

        // Alice edits offline; meanwhile Mallory writes under Alice's client id at the clocks she used.
        alice.provider.disconnect();
        const forger = new Y.Doc();
        Y.applyUpdate(forger, Y.encodeStateAsUpdate(bob.doc));
        forger.clientID = alice.doc.clientID;
        const forged: Uint8Array[] = [];
        forger.on('update', (update: Uint8Array) => forged.push(update));
        addNote(forger, { id: 'forged', pillarId: 'p', lane: 'idea', text: '偽物', author: 'a' });
        addNote(alice.doc, { id: 'offline', pillarId: 'p', lane: 'idea', text: 'オフライン', author: 'a' });
        await senders[1]!.send(updateFrame(forged[0]!));
        forger.destroy();
        for (const sender of senders) sender.close();
        alice.provider.connect();
        await waitFor(() => alice.provider.synced, 'alice to sync again');
        addNote(alice.doc, { id: 'after', pillarId: 'p', lane: 'idea', text: 'その後', author: 'a' });

        await waitFor(converged, `alice and bob to converge (seed ${seed})`, 20_000).catch(() => {});
        const expected = boardSnapshot(alice.doc);
        expect(boardSnapshot(bob.doc), 'bob').toEqual(expected);
        const notes = bob.doc.getMap('notes');
        expect(notes.has('offline') && notes.has('after'), "alice's edits reached bob").toBe(true);
        expect(notes.has('forged'), 'the forged note').toBe(false);
        const late = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
        expect(boardSnapshot(late.doc), 'a client joining afterwards').toEqual(expected);
        late.destroy();
        alice.destroy();
        bob.destroy();

        await server.close();
        server = await startTestServer({ dataDir: data.dir, limits });
        const restarted = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
        expect(boardSnapshot(restarted.doc), 'the server after a restart').toEqual(expected);
        restarted.destroy();
        const closed = senders.reduce((sum, sender) => sum + sender.closedByServer, 0);
        console.log(`integrity seed ${seed}: ${FRAMES} frames, ${closed} hostile connections closed`);
      } finally {
        await server.close();
        data.remove();
      }
    },
    Math.max(60_000, FRAMES * 100),
  );
});
