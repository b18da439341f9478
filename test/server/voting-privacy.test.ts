import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CreatedBoard, createBoard, rawSocket, startTestServer, type TestServer, waitFor } from './helpers.js';
import { contains, recordingClient } from './recordingClient.js';
import { addNotes, boardWriter, guest, settled, votes } from './votingHelpers.js';

describe('sealed ballots: a participant never receives another voter’s ballot', () => {
  let server: TestServer;
  let board: CreatedBoard;
  beforeAll(async () => {
    server = await startTestServer();
    board = await createBoard(server.url);
  });
  afterAll(() => server?.close());

  it('sends nobody else’s item ids or person id over the websocket or HTTP while a round is open', async () => {
    // Distinctive ids, so that a search of raw bytes cannot hit by chance.
    const [onlyA1, onlyA2, onlyB] = ['itemVotedByAliceOne', 'itemVotedByAliceTwo', 'itemVotedByBobOnly'];
    const writer = await boardWriter(server.wsUrl, board);
    addNotes(writer.doc, writer.pillarId, [onlyA1, onlyA2, onlyB]);
    await settled(writer, server.url, board);
    writer.destroy();
    const alice = await guest(server.url, board, 'participant', 'Alice');
    const bob = await guest(server.url, board, 'participant', 'Bob');
    const facilitator = await guest(server.url, board, 'facilitator', '進行役');
    const api = votes(server.url, board.id);
    expect((await api.open(board.tokens.facilitator, { budget: 5 })).status).toBe(201);

    const bobBoard = recordingClient(server, board.id, bob.token);
    const bobSettings = recordingClient(server, `${board.id}/settings`, bob.token);
    const facilitatorBoard = recordingClient(server, board.id, facilitator.token);
    for (const client of [bobBoard, bobSettings, facilitatorBoard]) {
      await waitFor(() => client.provider.synced, 'the recording clients to sync');
    }
    await waitFor(() => facilitatorBoard.states.at(-1)?.round === 1, 'the facilitator to learn the open round');
    // From here on, the board does not change: any later frame naming Alice's items would be her ballot.
    for (const client of [bobBoard, bobSettings, facilitatorBoard]) client.frames.length = 0;

    const http: string[] = [];
    const record = async (answer: Promise<{ status: number; text: string }>) => {
      const { status, text } = await answer;
      expect(status).toBe(200);
      return text;
    };
    await record(api.cast(alice.token, 1, onlyA1));
    await record(api.cast(alice.token, 1, onlyA1));
    await record(api.cast(alice.token, 1, onlyA2));
    http.push(await record(api.cast(bob.token, 1, onlyB)));
    http.push(await record(api.read(bob.token)));
    const facilitatorHttp = await record(api.read(board.tokens.facilitator));
    await waitFor(() => bobBoard.states.at(-1)?.dots[onlyB] === 1, 'Bob to be told his own dot');
    await waitFor(() => facilitatorBoard.states.at(-1)?.voters === 2, 'the facilitator to be told two have voted');

    // Bob hears of his own dot and nothing else; the facilitator of the count and nothing else.
    expect(bobBoard.states.at(-1)).toMatchObject({ round: 1, dots: { [onlyB]: 1 }, used: 1, voters: null });
    expect(facilitatorBoard.states.at(-1)).toMatchObject({ round: 1, dots: {}, used: 0, voters: 2 });
    expect(bobBoard.frames.length).toBeGreaterThan(0);
    for (const secret of [onlyA1, onlyA2, alice.personId]) {
      for (const frame of [...bobBoard.frames, ...bobSettings.frames]) expect(contains(frame, secret)).toBe(false);
      for (const text of http) expect(contains(text, secret)).toBe(false);
    }
    for (const secret of [onlyA1, onlyA2, onlyB, alice.personId, bob.personId]) {
      for (const frame of facilitatorBoard.frames) expect(contains(frame, secret)).toBe(false);
      expect(contains(facilitatorHttp, secret)).toBe(false);
    }

    // The reveal publishes totals to everyone, never who gave them.
    await api.close(board.tokens.facilitator, 1);
    const revealed = await api.reveal(board.tokens.facilitator, 1);
    expect(contains(revealed.text, onlyA1)).toBe(true);
    await waitFor(() => bobSettings.frames.some((f) => contains(f, onlyA1)), 'the totals to reach Bob');
    for (const frame of bobSettings.frames) expect(contains(frame, alice.personId)).toBe(false);
    for (const client of [bobBoard, bobSettings, facilitatorBoard]) client.destroy();
  });

  it('ignores a type-100 frame from a client: it gets nobody’s ballot and only its own connection is concerned', async () => {
    const api = votes(server.url, board.id);
    const carol = await guest(server.url, board, 'participant', 'Carol');
    const watcher = recordingClient(server, board.id, carol.token);
    await waitFor(() => watcher.provider.synced, 'the watcher to sync');
    const forged = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`);
    await forged.opened;
    const received: Buffer[] = [];
    forged.ws.on('message', (data: Buffer) => received.push(Buffer.from(data)));
    forged.ws.send(new Uint8Array([100, 3, 0x7b, 0x7d, 0x0a]));
    // Still open and served: a step 1 of its own is answered.
    forged.ws.send(new Uint8Array([0, 0, 1, 0]));
    await waitFor(() => received.some((frame) => frame[0] === 0 && frame[1] === 1), 'the step 2 answering it');
    expect(forged.ws.readyState).toBe(forged.ws.OPEN);
    expect(watcher.provider.wsconnected).toBe(true);
    // A shared link has no person: its own state says it cannot vote, and holds no dots.
    const told = received.filter((frame) => frame[0] === 100).map((frame) => frame.subarray(2).toString());
    for (const text of told) expect(JSON.parse(text)).toMatchObject({ canVote: false, dots: {} });
    expect((await api.read(carol.token)).status).toBe(200);
    forged.ws.close();
    watcher.destroy();
  });
});
