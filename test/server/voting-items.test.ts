import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteNote } from '../../shared/ops/notes.js';
import { APP_PROTOCOL_VERSION, MESSAGE, VOTE_REFUSAL } from '../../shared/protocol.js';
import { type PrivateVotingState, readPrivateVotingState, type VotingRound } from '../../shared/records/voting.js';
import { connectClient, createBoard, startTestServer, type TestServer, waitFor } from './helpers.js';
import { addNotes, boardWriter, clusterNotes, guest, setCluster, settled, votes } from './votingHelpers.js';

/** Dots on items that were deleted, clustered or split while the round was open (docs/api.md "Voting"). */
describe('votes on items deleted or clustered meanwhile', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  async function setUp(noteIds: string[], round: { budget: number; cap?: number | null }) {
    const board = await createBoard(server.url);
    const writer = await boardWriter(server.wsUrl, board);
    addNotes(writer.doc, writer.pillarId, noteIds);
    await settled(writer, server.url, board);
    const api = votes(server.url, board.id);
    expect((await api.open(board.tokens.facilitator, round)).status).toBe(201);
    const alice = await guest(server.url, board, 'participant', 'Alice');
    const bob = await guest(server.url, board, 'participant', 'Bob');
    const ballot = async (token: string) => (await api.read(token)).body.ballot as PrivateVotingState;
    const change = async (edit: () => void) => {
      edit();
      await settled(writer, server.url, board);
    };
    const reveal = async () => {
      await api.close(board.tokens.facilitator, 1);
      return (await api.reveal(board.tokens.facilitator, 1)).body.round as VotingRound;
    };
    return { board, writer, api, alice, bob, ballot, change, reveal };
  }

  it('counts the round at the close: changes to the board after it do not change the revealed result', async () => {
    const { board, writer, api, alice, change } = await setUp(['k1', 'k2', 'k3'], { budget: 3 });
    await change(() => clusterNotes(writer.doc, 'kc', writer.pillarId, ['k1', 'k2'], '窓口'));
    expect((await api.cast(alice.token, 1, 'kc')).status).toBe(200);
    expect((await api.cast(alice.token, 1, 'kc')).status).toBe(200);
    expect((await api.cast(alice.token, 1, 'k3')).status).toBe(200);
    expect((await api.close(board.tokens.facilitator, 1)).status).toBe(200);
    // After the close: the cluster loses its notes (no longer shown) and the other note is deleted.
    await change(() => {
      for (const id of ['k1', 'k2', 'k3']) deleteNote(writer.doc, id);
    });
    const round = (await api.reveal(board.tokens.facilitator, 1)).body.round as VotingRound;
    expect(round.totals?.map((t) => [t.itemId, t.count]).sort()).toEqual([
      ['k3', 1],
      ['kc', 2],
    ]);
    expect(round.voters).toBe(1);
    writer.destroy();
  });

  it('drops a dot on a deleted note from the count and gives it back to the voter', async () => {
    const { writer, api, alice, ballot, change, reveal } = await setUp(['d1', 'd2'], { budget: 2 });
    expect((await api.cast(alice.token, 1, 'd1')).status).toBe(200);
    expect((await api.cast(alice.token, 1, 'd2')).status).toBe(200);
    expect((await api.cast(alice.token, 1, 'd2')).body.code).toBe(VOTE_REFUSAL.budget);
    await change(() => deleteNote(writer.doc, 'd1'));
    expect(await ballot(alice.token)).toMatchObject({ dots: { d2: 1 }, used: 1, returned: 1 });
    // The dot is free again; a dot on the deleted note itself is refused.
    expect((await api.cast(alice.token, 1, 'd1')).body.code).toBe(VOTE_REFUSAL.itemGone);
    expect((await api.cast(alice.token, 1, 'd2')).status).toBe(200);
    expect(await ballot(alice.token)).toMatchObject({ dots: { d2: 2 }, used: 2, returned: 0 });
    const round = await reveal();
    expect(round.totals?.map((t) => [t.itemId, t.count])).toEqual([['d2', 2]]);
    writer.destroy();
  });

  it('counts dots on notes that joined a cluster for the cluster, the cap applying per person', async () => {
    const { writer, api, alice, bob, ballot, change, reveal } = await setUp(['m1', 'm2', 'm3'], {
      budget: 3,
      cap: 1,
    });
    expect((await api.cast(alice.token, 1, 'm1')).status).toBe(200);
    expect((await api.cast(alice.token, 1, 'm2')).status).toBe(200);
    expect((await api.cast(bob.token, 1, 'm2')).status).toBe(200);
    await change(() => clusterNotes(writer.doc, 'k1', writer.pillarId, ['m1', 'm2'], '窓口の混雑'));
    // Alice's two dots now fall on one cluster with a cap of 1: one counts, one is hers to give again.
    expect(await ballot(alice.token)).toMatchObject({ dots: { k1: 1 }, used: 1, returned: 1 });
    expect((await api.cast(alice.token, 1, 'k1')).body.code).toBe(VOTE_REFUSAL.cap);
    expect((await api.cast(alice.token, 1, 'm3')).status).toBe(200);
    expect(await ballot(alice.token)).toMatchObject({ dots: { k1: 1, m3: 1 }, used: 2, returned: 0 });
    const round = await reveal();
    expect(round.totals?.map((t) => [t.itemId, t.kind, t.label, t.count])).toEqual([
      ['k1', 'cluster', '窓口の混雑', 2],
      ['m3', 'note', '付箋 m3', 1],
    ]);
    expect(round.voters).toBe(2);
    writer.destroy();
  });

  it('on a split keeps a cluster’s dots with the cluster and a note’s dots with the note', async () => {
    const { writer, api, alice, ballot, change, reveal } = await setUp(['s1', 's2', 's3'], { budget: 5 });
    expect((await api.cast(alice.token, 1, 's1')).status).toBe(200);
    await change(() => clusterNotes(writer.doc, 'k2', writer.pillarId, ['s1', 's2', 's3']));
    expect((await api.cast(alice.token, 1, 'k2')).status).toBe(200);
    expect(await ballot(alice.token)).toMatchObject({ dots: { k2: 2 }, used: 2 });
    // s1 leaves the cluster: the dot given to s1 goes with it; the one given to the cluster stays.
    await change(() => writer.doc.transact(() => setCluster(writer.doc, 's1', undefined)));
    expect(await ballot(alice.token)).toMatchObject({ dots: { k2: 1, s1: 1 }, used: 2 });
    // Taking a dot back from the cluster takes the cluster's own dot first.
    expect((await api.withdraw(alice.token, 1, 'k2')).body.ballot).toMatchObject({ dots: { s1: 1 }, used: 1 });
    expect((await api.cast(alice.token, 1, 'k2')).status).toBe(200);
    // Its last notes leave: the cluster is no longer shown, and its dot is given back.
    await change(() =>
      writer.doc.transact(() => {
        setCluster(writer.doc, 's2', undefined);
        setCluster(writer.doc, 's3', undefined);
      }),
    );
    expect(await ballot(alice.token)).toMatchObject({ dots: { s1: 1 }, used: 1, returned: 1 });
    const round = await reveal();
    expect(round.totals?.map((t) => [t.itemId, t.count])).toEqual([['s1', 1]]);
    writer.destroy();
  });

  it('tells a voter’s open tab at once that a dot was given back, without a request', async () => {
    const { board, writer, api, alice, change } = await setUp(['g1'], { budget: 1 });
    const tab = connectClient(server.wsUrl, board.id, alice.token, undefined, { app: APP_PROTOCOL_VERSION });
    tab.provider.messageHandlers[MESSAGE.stored] = () => {};
    const states: PrivateVotingState[] = [];
    tab.provider.messageHandlers[MESSAGE.voting] = (_e, decoder) => {
      states.push(readPrivateVotingState(JSON.parse(decoding.readVarString(decoder))));
    };
    expect((await api.cast(alice.token, 1, 'g1')).status).toBe(200);
    await waitFor(() => states.at(-1)?.used === 1, 'the tab to show the dot');
    await change(() => deleteNote(writer.doc, 'g1'));
    await waitFor(() => states.at(-1)?.returned === 1, 'the tab to learn the dot was given back');
    expect(states.at(-1)).toMatchObject({ used: 0, dots: {} });
    tab.destroy();
    writer.destroy();
  });
});
