import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardRoots } from '../../shared/docs.js';
import { SCORE_REFUSAL, VOTE_REFUSAL } from '../../shared/protocol.js';
import { type ItemScoreResult, readScoringRounds, type ScoringRound } from '../../shared/records/scoring.js';
import { type CreatedBoard, connectSynced, createBoard, startTestServer, type TestServer, waitFor } from './helpers.js';
import { contains, recordingClient } from './recordingClient.js';
import { addNotes, boardWriter, call, guest, settled, votes } from './votingHelpers.js';

const scores = (baseUrl: string, boardId: string) => ({
  open: (token: string, body: unknown = { scope: 'all' }) =>
    call(baseUrl, boardId, token, 'POST', '/scoring/rounds', body),
  close: (token: string, round: number) => call(baseUrl, boardId, token, 'POST', `/scoring/rounds/${round}/close`),
  reveal: (token: string, round: number) => call(baseUrl, boardId, token, 'POST', `/scoring/rounds/${round}/reveal`),
  score: (token: string, round: number, itemId: string, body: unknown) =>
    call(baseUrl, boardId, token, 'PUT', `/scoring/rounds/${round}/scores/${itemId}`, body),
  withdraw: (token: string, round: number, itemId: string) =>
    call(baseUrl, boardId, token, 'DELETE', `/scoring/rounds/${round}/scores/${itemId}`),
  read: (token: string) => call(baseUrl, boardId, token, 'GET', '/scoring'),
});

describe('sealed scoring on the matrix: rounds, refusals, results', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  async function boardWithNotes(ids: string[], marked: string[] = []): Promise<CreatedBoard> {
    const board = await createBoard(server.url);
    const writer = await boardWriter(server.wsUrl, board);
    addNotes(writer.doc, writer.pillarId, ids);
    for (const id of marked) boardRoots.shortlist(writer.doc).set(id, { markedAt: 1, markedBy: 'test' });
    await settled(writer, server.url, board);
    writer.destroy();
    return board;
  }

  it('lets only the facilitator open, close and reveal a round (403 for the others)', async () => {
    const board = await boardWithNotes(['n1']);
    const api = scores(server.url, board.id);
    const participant = await guest(server.url, board, 'participant', '佐藤');
    for (const token of [board.tokens.participant, participant.token, board.tokens.viewer]) {
      expect((await api.open(token)).status).toBe(403);
    }
    const opened = await api.open(board.tokens.facilitator);
    expect(opened.status).toBe(201);
    expect(opened.body.round).toMatchObject({ number: 1, status: 'open', scope: 'all', scorers: null, results: null });
    expect((opened.body.round as ScoringRound).items.map((item) => item.itemId)).toEqual(['n1']);
    for (const token of [participant.token, board.tokens.viewer]) {
      expect((await api.close(token, 1)).status).toBe(403);
    }
    expect((await api.close(board.tokens.facilitator, 1)).status).toBe(200);
    for (const token of [participant.token, board.tokens.viewer]) {
      expect((await api.reveal(token, 1)).status).toBe(403);
    }
    expect((await api.reveal(board.tokens.facilitator, 1)).status).toBe(200);
  });

  it('covers the shortlist or every item, keeps one scoring round open, and leaves dot voting its own round', async () => {
    const board = await boardWithNotes(['n1', 'n2', 'n3'], ['n2']);
    const api = scores(server.url, board.id);
    const f = board.tokens.facilitator;
    expect((await api.open(f, { scope: 'some' })).status).toBe(400);
    const shortlist = await api.open(f, { scope: 'shortlist' });
    expect((shortlist.body.round as ScoringRound).items.map((item) => item.itemId)).toEqual(['n2']);
    const again = await api.open(f, { scope: 'all' });
    expect([again.status, again.body.code]).toEqual([409, SCORE_REFUSAL.alreadyOpen]);
    expect((await api.reveal(f, 1)).body.code).toBe(SCORE_REFUSAL.wrongStatus);
    expect((await api.close(f, 9)).body.code).toBe(SCORE_REFUSAL.noRound);
    // A dot-voting round opens beside the open scoring round.
    expect((await votes(server.url, board.id).open(f)).status).toBe(201);
    await api.close(f, 1);
    const all = await api.open(f, { scope: 'all' });
    expect((all.body.round as ScoringRound).items.map((item) => item.itemId).sort()).toEqual(['n1', 'n2', 'n3']);

    const empty = await boardWithNotes(['x1']);
    const none = await scores(server.url, empty.id).open(empty.tokens.facilitator, { scope: 'shortlist' });
    expect([none.status, none.body.code]).toEqual([409, SCORE_REFUSAL.noItems]);
  });

  it('refuses bad scores with the reason and changes nothing', async () => {
    const board = await boardWithNotes(['n1', 'n2'], ['n1']);
    const api = scores(server.url, board.id);
    const alice = await guest(server.url, board, 'participant', 'Alice');
    await api.open(board.tokens.facilitator, { scope: 'shortlist' });
    expect((await api.score(alice.token, 1, 'n1', { effect: 4, ease: 2, reason: 'まず効く' })).status).toBe(200);
    const refused: Array<[unknown, string]> = [
      [{ effect: 0, ease: 3 }, 'effect must be at least 1'],
      [{ effect: 3, ease: 6 }, 'ease must be at most 5'],
      [{ effect: 2.5, ease: 3 }, 'effect must be a whole number from 1 to 5'],
      [{ effect: '3', ease: 3 }, 'effect must be a whole number from 1 to 5'],
      [{ effect: 3 }, 'ease must be a whole number from 1 to 5'],
      [{ effect: 3, ease: 3, reason: 'x'.repeat(201) }, 'reason must be at most 200 characters'],
      [{ effect: 3, ease: 3, reason: '一行目\n二行目' }, 'reason must be one line'],
    ];
    for (const [body, message] of refused) {
      const answer = await api.score(alice.token, 1, 'n1', body);
      expect(answer.status).toBe(400);
      expect(answer.text).toContain(message);
    }
    const outside = await api.score(alice.token, 1, 'n2', { effect: 3, ease: 3 });
    expect([outside.status, outside.body.code]).toEqual([409, SCORE_REFUSAL.notInRound]);
    const wrongRound = await api.score(alice.token, 2, 'n1', { effect: 3, ease: 3 });
    expect([wrongRound.status, wrongRound.body.code]).toEqual([409, SCORE_REFUSAL.notOpen]);
    const viewer = await api.score(board.tokens.viewer, 1, 'n1', { effect: 3, ease: 3 });
    expect([viewer.status, viewer.body.code]).toEqual([403, VOTE_REFUSAL.viewer]);
    const shared = await api.score(board.tokens.participant, 1, 'n1', { effect: 3, ease: 3 });
    expect([shared.status, shared.body.code]).toEqual([403, VOTE_REFUSAL.noPerson]);
    // Nothing of those changed Alice's score.
    expect((await api.read(alice.token)).body.mine).toMatchObject({
      round: 1,
      canScore: true,
      scores: { n1: { effect: 4, ease: 2, reason: 'まず効く' } },
    });
    await api.close(board.tokens.facilitator, 1);
    const late = await api.score(alice.token, 1, 'n1', { effect: 1, ease: 1 });
    expect([late.status, late.body.code]).toEqual([409, SCORE_REFUSAL.notOpen]);
    const lateWithdraw = await api.withdraw(alice.token, 1, 'n1');
    expect(lateWithdraw.body.code).toBe(SCORE_REFUSAL.notOpen);
  });

  it('publishes each item’s median, quartiles and count at the reveal, and the reasons without who gave them', async () => {
    const board = await boardWithNotes(['split', 'agreed', 'unscored']);
    const api = scores(server.url, board.id);
    const people = await Promise.all(['A', 'B', 'C', 'D'].map((name) => guest(server.url, board, 'participant', name)));
    await api.open(board.tokens.facilitator, { scope: 'all' });
    const effects = [1, 2, 4, 5];
    for (const [index, person] of people.entries()) {
      const reason = index === 0 ? '効果は小さい' : index === 3 ? '市民の満足度が上がる' : '';
      await api.score(person.token, 1, 'split', { effect: effects[index], ease: 3, reason });
      await api.score(person.token, 1, 'agreed', { effect: 4, ease: 4 });
    }
    // A score changed, and one taken back: only the last word of each person counts.
    await api.score(people[1]!.token, 1, 'agreed', { effect: 1, ease: 1 });
    await api.score(people[1]!.token, 1, 'agreed', { effect: 4, ease: 4 });
    await api.score(people[2]!.token, 1, 'unscored', { effect: 5, ease: 5 });
    await api.withdraw(people[2]!.token, 1, 'unscored');
    const facilitatorView = await api.read(board.tokens.facilitator);
    expect((facilitatorView.body.mine as { scorers: number }).scorers).toBe(4);

    const closed = await api.close(board.tokens.facilitator, 1);
    // Sealed until the reveal, for the facilitator too.
    expect(closed.body.round).toMatchObject({ status: 'closed', scorers: null, results: null });
    const revealed = await api.reveal(board.tokens.facilitator, 1);
    const round = revealed.body.round as ScoringRound;
    expect(round.scorers).toBe(4);
    const byId = new Map((round.results ?? []).map((result) => [result.itemId, result]));
    expect(byId.get('split')).toMatchObject({
      summary: {
        count: 4,
        effect: { median: 3, q1: 1.75, q3: 4.25, iqr: 2.5 },
        ease: { median: 3, q1: 3, q3: 3, iqr: 0 },
        disagreement: 2.5,
      },
      reasons: [
        { effect: 1, ease: 3, text: '効果は小さい' },
        { effect: 5, ease: 3, text: '市民の満足度が上がる' },
      ],
    } satisfies Partial<ItemScoreResult>);
    expect(byId.get('agreed')?.summary).toMatchObject({ count: 4, effect: { median: 4, iqr: 0 }, disagreement: 0 });
    expect(byId.get('unscored')?.summary).toBeNull();
    for (const person of people) expect(contains(revealed.text, person.personId)).toBe(false);

    // Everyone reads the same in the settings document.
    const settings = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.viewer);
    await waitFor(() => readScoringRounds(settings.doc)[0]?.status === 'revealed', 'the reveal to be mirrored');
    expect(readScoringRounds(settings.doc)[0]).toEqual(round);
    settings.destroy();
  });
});

describe('sealed scores: nobody else receives a scorer’s scores or reasons before the reveal', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('searches every frame and body the others receive for the scorer’s reasons and person id', async () => {
    const board = await createBoard(server.url);
    const writer = await boardWriter(server.wsUrl, board);
    addNotes(writer.doc, writer.pillarId, ['itemA', 'itemB']);
    await settled(writer, server.url, board);
    writer.destroy();
    const api = scores(server.url, board.id);
    const alice = await guest(server.url, board, 'participant', 'Alice');
    const bob = await guest(server.url, board, 'participant', 'Bob');
    const facilitator = await guest(server.url, board, 'facilitator', '進行役');
    expect((await api.open(board.tokens.facilitator)).status).toBe(201);

    const watchers = [
      recordingClient(server, board.id, bob.token),
      recordingClient(server, `${board.id}/settings`, bob.token),
      recordingClient(server, board.id, facilitator.token),
      recordingClient(server, `${board.id}/settings`, board.tokens.viewer),
    ];
    const [bobBoard, , facilitatorBoard] = watchers;
    for (const client of watchers) await waitFor(() => client.provider.synced, 'the recording clients to sync');
    await waitFor(() => facilitatorBoard!.scoring.at(-1)?.round === 1, 'the facilitator to learn the open round');
    for (const client of watchers) client.frames.length = 0;

    // Distinctive texts: a score of 1–5 cannot be found in raw bytes, a reason can.
    const secrets = ['AliceReasonForItemA-7f3k', 'AliceReasonForItemB-9q2z'];
    const http: string[] = [];
    await api.score(alice.token, 1, 'itemA', { effect: 5, ease: 1, reason: secrets[0] });
    await api.score(alice.token, 1, 'itemB', { effect: 2, ease: 4, reason: secrets[1] });
    http.push((await api.score(bob.token, 1, 'itemA', { effect: 3, ease: 3, reason: 'bob' })).text);
    http.push((await api.read(bob.token)).text);
    http.push((await api.read(board.tokens.facilitator)).text);
    http.push((await api.read(board.tokens.viewer)).text);
    await waitFor(() => bobBoard!.scoring.at(-1)?.scores.itemA?.reason === 'bob', 'Bob to be told his own score');
    await waitFor(() => facilitatorBoard!.scoring.at(-1)?.scorers === 2, 'the facilitator to be told two scored');
    expect(facilitatorBoard!.scoring.at(-1)).toMatchObject({ round: 1, scores: {} });
    expect(bobBoard!.scoring.at(-1)).toMatchObject({ scores: { itemA: { effect: 3, ease: 3 } }, scorers: null });
    http.push((await api.close(board.tokens.facilitator, 1)).text);
    http.push((await call(server.url, board.id, board.tokens.facilitator, 'GET', '/audit')).text);
    await waitFor(() => readScoringRounds(watchers[1]!.doc)[0]?.status === 'closed', 'the close to reach Bob');
    expect(bobBoard!.frames.length).toBeGreaterThan(0);
    for (const secret of [...secrets, alice.personId]) {
      for (const client of watchers) for (const frame of client.frames) expect(contains(frame, secret)).toBe(false);
      for (const text of http) expect(contains(text, secret)).toBe(false);
    }

    // The reveal publishes the reasons, never who gave them.
    await api.reveal(board.tokens.facilitator, 1);
    const bobSettings = watchers[1]!;
    await waitFor(() => bobSettings.frames.some((f) => contains(f, secrets[0]!)), 'the results to reach Bob');
    for (const client of watchers)
      for (const frame of client.frames) expect(contains(frame, alice.personId)).toBe(false);
    for (const client of watchers) client.destroy();
  });
});
