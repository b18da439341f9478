import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../server/storage/schema.js';
import { VOTE_REFUSAL } from '../../shared/protocol.js';
import { readVotingRounds, type VotingRound } from '../../shared/records/voting.js';
import {
  type CreatedBoard,
  connectSynced,
  createBoard,
  startTestServer,
  type TestServer,
  tempDataDir,
  waitFor,
} from './helpers.js';
import { addNotes, boardWriter, guest, settled, votes } from './votingHelpers.js';

describe('sealed dot voting: rounds, roles, budget and cap', () => {
  let server: TestServer;
  const data = tempDataDir();
  beforeAll(async () => {
    server = await startTestServer({ dataDir: data.dir });
  });
  afterAll(async () => {
    await server?.close();
    data.remove();
  });

  async function boardWithNotes(ids: string[]) {
    const board = await createBoard(server.url);
    const writer = await boardWriter(server.wsUrl, board);
    addNotes(writer.doc, writer.pillarId, ids);
    await settled(writer, server.url, board);
    writer.destroy();
    return board;
  }

  it('refuses opening, closing and revealing to a participant and a viewer (403); the facilitator may', async () => {
    const board = await boardWithNotes(['n1']);
    const api = votes(server.url, board.id);
    const participant = await guest(server.url, board, 'participant', '佐藤');
    for (const token of [board.tokens.participant, participant.token, board.tokens.viewer]) {
      expect((await api.open(token)).status).toBe(403);
    }
    const opened = await api.open(board.tokens.facilitator);
    expect(opened.status).toBe(201);
    expect(opened.body.round).toMatchObject({ number: 1, status: 'open', budget: 5, cap: null });
    for (const token of [participant.token, board.tokens.viewer]) {
      expect((await api.close(token, 1)).status).toBe(403);
    }
    expect((await api.close(board.tokens.facilitator, 1)).status).toBe(200);
    for (const token of [participant.token, board.tokens.viewer]) {
      expect((await api.reveal(token, 1)).status).toBe(403);
    }
    expect((await api.reveal(board.tokens.facilitator, 1)).status).toBe(200);
  });

  it('checks the round settings and keeps one round open at a time', async () => {
    const board = await boardWithNotes(['n1']);
    const api = votes(server.url, board.id);
    const f = board.tokens.facilitator;
    expect((await api.open(f, { budget: 0 })).status).toBe(400);
    expect((await api.open(f, { budget: 51 })).status).toBe(400);
    expect((await api.open(f, { budget: 3, cap: 4 })).body.error).toBe('cap must not be more than the budget');
    expect((await api.open(f, { budget: 3, cap: 2 })).status).toBe(201);
    const again = await api.open(f, { budget: 3 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(VOTE_REFUSAL.alreadyOpen);
    expect((await api.reveal(f, 1)).body.code).toBe(VOTE_REFUSAL.wrongStatus);
    expect((await api.close(f, 9)).status).toBe(404);
  });

  it('refuses a viewer and a shared link without a person, and votes on a closed round', async () => {
    const board = await boardWithNotes(['n1']);
    const api = votes(server.url, board.id);
    const voter = await guest(server.url, board, 'participant', '佐藤');
    await api.open(board.tokens.facilitator);
    const viewer = await api.cast(board.tokens.viewer, 1, 'n1');
    expect([viewer.status, viewer.body.code]).toEqual([403, VOTE_REFUSAL.viewer]);
    const shared = await api.cast(board.tokens.participant, 1, 'n1');
    expect([shared.status, shared.body.code]).toEqual([403, VOTE_REFUSAL.noPerson]);
    expect((await api.cast(voter.token, 1, 'n1')).status).toBe(200);
    await api.close(board.tokens.facilitator, 1);
    const late = await api.cast(voter.token, 1, 'n1');
    expect([late.status, late.body.code]).toEqual([409, VOTE_REFUSAL.notOpen]);
    const back = await api.withdraw(voter.token, 1, 'n1');
    expect([back.status, back.body.code]).toEqual([409, VOTE_REFUSAL.notOpen]);
    expect(((await api.read(voter.token)).body.ballot as { dots: unknown }).dots).toEqual({ n1: 1 });
  });

  it('keeps the budget and the cap per person, and gives a dot back on withdrawal', async () => {
    const board = await boardWithNotes(['n1', 'n2', 'n3']);
    const api = votes(server.url, board.id);
    const voter = await guest(server.url, board, 'participant', '佐藤');
    await api.open(board.tokens.facilitator, { budget: 3, cap: 2 });
    expect((await api.cast(voter.token, 1, 'n1')).status).toBe(200);
    expect((await api.cast(voter.token, 1, 'n1')).status).toBe(200);
    const overCap = await api.cast(voter.token, 1, 'n1');
    expect([overCap.status, overCap.body.code]).toEqual([409, VOTE_REFUSAL.cap]);
    expect((await api.cast(voter.token, 1, 'n2')).status).toBe(200);
    const overBudget = await api.cast(voter.token, 1, 'n3');
    expect([overBudget.status, overBudget.body.code]).toEqual([409, VOTE_REFUSAL.budget]);
    const back = await api.withdraw(voter.token, 1, 'n1');
    expect(back.body.ballot).toMatchObject({ dots: { n1: 1, n2: 1 }, used: 2 });
    expect((await api.cast(voter.token, 1, 'n3')).status).toBe(200);
    const none = await api.withdraw(voter.token, 1, 'n9');
    expect(none.body.code).toBe(VOTE_REFUSAL.itemGone);
  });

  it('never lets two tabs of one person exceed the budget, however many requests race', async () => {
    const board = await boardWithNotes(['n1', 'n2', 'n3', 'n4']);
    const api = votes(server.url, board.id);
    const voter = await guest(server.url, board, 'participant', '佐藤');
    await api.open(board.tokens.facilitator, { budget: 5, cap: 2 });
    // Two "tabs" (the same personal token) fire 40 requests at once over 4 items.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => api.cast(voter.token, 1, `n${(i % 4) + 1}`)),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 409)).toBe(true);
    const { ballot } = (await api.read(voter.token)).body as { ballot: { used: number; dots: Record<string, number> } };
    expect(ballot.used).toBe(5);
    expect(Math.max(...Object.values(ballot.dots))).toBeLessThanOrEqual(2);
  });

  it('reveals totals ranked with ties, keeps every round, and keeps rounds and ballots over a restart', async () => {
    const board = await boardWithNotes(['n1', 'n2', 'n3']);
    const api = votes(server.url, board.id);
    const a = await guest(server.url, board, 'participant', 'A');
    const b = await guest(server.url, board, 'participant', 'B');
    const f = await guest(server.url, board, 'facilitator', '進行役');
    await api.open(board.tokens.facilitator, { budget: 3 });
    for (const [token, item] of [
      [a.token, 'n1'],
      [a.token, 'n2'],
      [b.token, 'n1'],
      [b.token, 'n2'],
      [f.token, 'n3'],
    ] as const) {
      expect((await api.cast(token, 1, item)).status).toBe(200);
    }

    await server.close();
    server = await startTestServer({ dataDir: data.dir });
    const after = votes(server.url, board.id);
    expect(((await after.read(a.token)).body.ballot as { dots: unknown }).dots).toEqual({ n1: 1, n2: 1 });
    expect((await after.close(board.tokens.facilitator, 1)).status).toBe(200);
    const revealed = (await after.reveal(board.tokens.facilitator, 1)).body.round as VotingRound;
    expect(revealed.voters).toBe(3);
    expect(revealed.totals?.map((t) => [t.itemId, t.count, t.kind])).toEqual([
      ['n1', 2, 'note'],
      ['n2', 2, 'note'],
      ['n3', 1, 'note'],
    ]);
    expect((await after.open(board.tokens.facilitator, { budget: 1 })).status).toBe(201);

    // Everyone reads both rounds from the settings document; round 2's totals stay sealed.
    const settings = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.viewer);
    await waitFor(() => readVotingRounds(settings.doc).length === 2, 'both rounds in the settings document');
    const [first, second] = readVotingRounds(settings.doc);
    expect(first).toMatchObject({ number: 1, status: 'revealed', voters: 3 });
    expect(first!.totals).toHaveLength(3);
    expect(second).toMatchObject({ number: 2, status: 'open', voters: null, totals: null });
    settings.destroy();
  });

  it('refuses participants while the board is locked and everyone once it is archived', async () => {
    const board: CreatedBoard = await boardWithNotes(['n1']);
    const api = votes(server.url, board.id);
    const voter = await guest(server.url, board, 'participant', '佐藤');
    const f = await guest(server.url, board, 'facilitator', '進行役');
    await api.open(board.tokens.facilitator);
    const lock = await fetch(`${server.url}/api/boards/${board.id}/lock`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ locked: true }),
    });
    expect(lock.status).toBe(200);
    expect((await api.cast(voter.token, 1, 'n1')).body.code).toBe(VOTE_REFUSAL.readOnly);
    expect((await api.cast(f.token, 1, 'n1')).status).toBe(200);
    const archive = await fetch(`${server.url}/api/boards/${board.id}/archive`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
    });
    expect(archive.status).toBe(200);
    expect((await api.cast(f.token, 1, 'n1')).body.code).toBe(VOTE_REFUSAL.readOnly);
  });
});

describe('voting tables in SQLite', () => {
  it('adds them to a database of schema version 1, and removes a deleted board’s rounds and ballots', async () => {
    const data = tempDataDir();
    let server = await startTestServer({ dataDir: data.dir });
    const board = await createBoard(server.url);
    await server.close();
    // As the release before voting left it.
    const old = new Database(join(data.dir, 'board.sqlite'));
    old.exec('DROP TABLE ballots; DROP TABLE voting_rounds;');
    old.pragma('user_version = 1');
    old.close();

    server = await startTestServer({ dataDir: data.dir });
    const writer = await boardWriter(server.wsUrl, board);
    addNotes(writer.doc, writer.pillarId, ['n1']);
    await settled(writer, server.url, board);
    writer.destroy();
    const api = votes(server.url, board.id);
    const voter = await guest(server.url, board, 'participant', '佐藤');
    expect((await api.open(board.tokens.facilitator)).status).toBe(201);
    expect((await api.cast(voter.token, 1, 'n1')).status).toBe(200);
    const deleted = await fetch(`${server.url}/api/boards/${board.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ confirm: board.id }),
    });
    expect(deleted.status).toBe(200);
    await server.close();
    const db = new Database(join(data.dir, 'board.sqlite'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT COUNT(*) AS n FROM voting_rounds').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM ballots').get()).toEqual({ n: 0 });
    db.close();
    data.remove();
  });
});
